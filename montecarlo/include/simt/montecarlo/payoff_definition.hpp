// SPDX-License-Identifier: MIT
// What a payoff definition (payoffs/*.hpp, listed once in payoff_table.hpp) is made of:
//   name     the book's `payoff` value;
//   traits   which engines can price it (PayoffTraits);
//   value    the path functional: the discounted payoff from what a path summarises (a
//            PathSummary of the generic path kernel, or the GBM engines' GbmAverages), written
//            once for fp64 and fp32;
//   observe  (optional) what it does at each observation beyond the shared sums and extremes;
//   center   (GBM engine) the nearest closed form, on which the samples are centred;
//   columns, read, set_terms, lr_valid  (optional) host hooks for payoffs with parameters of
//            their own: the book columns, their reading from a row, the kernel terms made of them.
// Every member is static: a definition is a type, the engines take it through the table.
#pragma once
#include <cmath>
#include <string>
#include <vector>
#include <simt/core/macros.hpp>
#include <simt/montecarlo/barrier.hpp>
#include <simt/montecarlo/book_row.hpp>
#include <simt/montecarlo/option.hpp>

namespace simt::montecarlo {
enum class BarrierMonitoring { Discrete, Bgk, Continuous };

/// The control variate the GBM engine pairs with a payoff: none, the discounted underlying
/// e^{-rT} S_T (mean S_0 e^{-qT}), or the geometric Asian's payoff (mean: its closed form).
enum class GbmControl { None, Underlying, GeometricAsian };

/// Which engines price a payoff (docs/montecarlo.md, "Which method fills which column").
struct PayoffTraits {
    bool gbm_engine = false;         ///< the GBM engine, fp64 and fp32 (gbm_paths.hpp, gbm_fp32.hpp)
    bool single_step = false;        ///< looks at S_T only: one step to expiry, one observation
    bool geometric_average = false;  ///< reads the geometric average: fp32 GBM paths sum the logs only then
    bool path_kernel = false;        ///< the generic path kernel: every model, quasi-Monte Carlo (model_paths.hpp)
    bool early_exercise = false;     ///< Longstaff–Schwartz (longstaff_schwartz.hpp)
    bool pathwise_greeks = false;    ///< the GBM engine's pathwise delta and vega (Lipschitz in S_0 and sigma)
    bool lr_greeks = false;          ///< likelihood-ratio delta and vega under GBM (where lr_valid)
    GbmControl control = GbmControl::None;

    // Builders, so that a definition reads `PayoffTraits{}.with_path_kernel().with_lr_greeks()`.
    constexpr PayoffTraits with_gbm_engine(GbmControl c) const { return set(&PayoffTraits::gbm_engine).controlled(c); }
    constexpr PayoffTraits with_single_step() const { return set(&PayoffTraits::single_step); }
    constexpr PayoffTraits with_geometric_average() const { return set(&PayoffTraits::geometric_average); }
    constexpr PayoffTraits with_path_kernel() const { return set(&PayoffTraits::path_kernel); }
    constexpr PayoffTraits with_early_exercise() const { return set(&PayoffTraits::early_exercise); }
    constexpr PayoffTraits with_pathwise_greeks() const { return set(&PayoffTraits::pathwise_greeks); }
    constexpr PayoffTraits with_lr_greeks() const { return set(&PayoffTraits::lr_greeks); }

   private:
    constexpr PayoffTraits set(bool PayoffTraits::* flag) const {
        PayoffTraits t = *this;
        t.*flag = true;
        return t;
    }
    constexpr PayoffTraits controlled(GbmControl c) const {
        PayoffTraits t = *this;
        t.control = c;
        return t;
    }
};

/// A barrier's parameters (the book's barrier, barrier_type, rebate, monitoring columns).
struct BarrierParams {
    BarrierType type = BarrierType::DownOut;
    double level = 0, rebate = 0;
    BarrierMonitoring monitoring = BarrierMonitoring::Discrete;
};

enum class RegressionBasis { Laguerre, Monomial };

/// Longstaff–Schwartz: exercise at T/n, 2T/n, ..., T, continuation regressed on `degree + 1`
/// functions of x = S / K: 1 and x^i or e^{-x/2} L_{i-1}(x), i = 1..degree.
struct ExerciseParams {
    int dates = 50;
    RegressionBasis basis = RegressionBasis::Laguerre;
    int degree = 3;
};

/// The parameters payoffs have beyond the contract (type, strike, maturity, fixings, cash).
struct PayoffParams {
    BarrierParams barrier;
    ExerciseParams exercise;
};

/// The contract's terms as the kernels see them: plain data, built on the host.
struct PayoffTerms {
    double phi = 1;               ///< +1 call, -1 put
    double strike = 0, cash = 1;  ///< cash: what a digital pays in the money
    double discount = 1;          ///< e^{-r T}
    double step_discount = 1;     ///< e^{-r T / n}
    int observations = 1;
    // Barrier (payoffs/barrier.hpp).
    bool down = false, knock_in = false, bridge = false;
    double log_barrier = 0;  ///< with bgk, of the moved barrier
    double rebate = 0;
    double bridge_variance = 0;  ///< sigma^2 T / n: the log-variance of one step, for the bridge
};

/// max(phi (underlying - K), 0), in the precision of the path. A comparison, not fmax: GCC
/// vectorises it (the CPU's lane walks, gbm_lanes.cpp) where fmax stays a libm call.
template <class Real>
SIMT_INLINE Real vanilla(const PayoffTerms& t, Real underlying) {
    const Real intrinsic = Real(t.phi) * (underlying - Real(t.strike));
    return intrinsic > Real(0) ? intrinsic : Real(0);
}

/// What the generic path kernel accumulates between observations.
struct PayoffState {
    double sum_s = 0, sum_log_s = 0, log_max = 0, log_min = 0, log_s = 0;
    double survival = 1;     ///< probability the barrier has not been crossed
    double hit_rebates = 0;  ///< discounted knock-out rebates, weighted by the crossing probability
    double discount_t = 1;   ///< e^{-r t_i} at the last observation
};

/// A path of the generic kernel as a payoff's value sees it, after its last observation.
struct PathSummary {
    const PayoffState& s;
    int observations;
    SIMT_INLINE double terminal() const { return std::exp(s.log_s); }
    SIMT_INLINE double arithmetic() const { return s.sum_s / observations; }
    SIMT_INLINE double geometric() const { return std::exp(s.sum_log_s / observations); }
    SIMT_INLINE double minimum() const { return std::exp(s.log_min); }
    SIMT_INLINE double maximum() const { return std::exp(s.log_max); }
    SIMT_INLINE double survival() const { return s.survival; }
    SIMT_INLINE double hit_rebates() const { return s.hit_rebates; }
};

/// A path of the GBM engines: the arithmetic and geometric averages over the fixings (both
/// S_T for a single-step payoff), in double or, for fp32 paths, float.
template <class Real>
struct GbmAverages {
    Real arithmetic_mean, geometric_mean;
    SIMT_INLINE Real terminal() const { return arithmetic_mean; }
    SIMT_INLINE Real arithmetic() const { return arithmetic_mean; }
    SIMT_INLINE Real geometric() const { return geometric_mean; }
};

/// The defaults of the optional members.
struct PayoffBase {
    /// The book columns of its own parameters: none.
    static std::vector<std::string> columns() { return {}; }
    /// Reads them from a row into `params` (a BookRowError for a bad cell): nothing to read.
    static void read(const BookRow&, PayoffParams&, const BookRowContext&) {}
    /// Nothing beyond the shared sums and extremes at an observation.
    SIMT_INLINE static void observe(const PayoffTerms&, PayoffState&, double) {}
    /// Terms of its own parameters (host): none.
    static void set_terms(PayoffTerms&, const PayoffParams&, const BsmInputs&, double) {}
    /// Whether its likelihood-ratio Greeks hold for these parameters (when traits.lr_greeks).
    static bool lr_valid(const PayoffParams&) { return true; }
};
}  // namespace simt::montecarlo
