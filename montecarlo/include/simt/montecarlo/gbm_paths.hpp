// SPDX-License-Identifier: MIT
// Monte Carlo under Black–Scholes–Merton GBM with a continuous dividend yield: the payoffs of
// the table (payoff_table.hpp) whose traits say gbm_engine, functions of S_T or of the
// arithmetic and geometric averages over the fixings (Europeans, digitals, Asians). Exact
// log-normal stepping (Glasserman, "Monte Carlo Methods in Financial Engineering", sec. 3.2.1),
// antithetic variates (sec. 4.2) and control variates with their coefficient estimated from the
// same paths (sec. 4.1): for the arithmetic Asian the geometric Asian (Kemna & Vorst 1990).
//
// Random numbers are addressed, not streamed: the normals of path p, step k of option `option_id`
// come from philox_bits(seed, option_id, p * 2^24 + k / 2), so a path is the same on either
// backend, for any thread count and however the paths are split into batches. Only the order of
// the final sums differs (see docs/montecarlo.md).
#pragma once
#include <cmath>
#include <cstdint>
#include <type_traits>
#include <simt/core/context.hpp>
#include <simt/montecarlo/option.hpp>
#include <simt/montecarlo/path_random.hpp>
#include <simt/montecarlo/payoff_table.hpp>

namespace simt::montecarlo {
/// What is priced: a payoff of the table that the GBM engine prices (traits.gbm_engine), with
/// fixings at T/n, 2T/n, ..., T (a single-step payoff takes one step to T whatever `fixings` says).
struct GbmContract {
    OptionType type = OptionType::Call;
    PayoffId payoff = payoff_id<payoffs::European>;
    BsmInputs market{};
    int fixings = 1;
    double cash = 1;  ///< what a digital pays in the money
};

/// How it is simulated. Sample i of a batch is path index first_path + i.
struct GbmPathSettings {
    std::uint64_t seed = 0;
    std::uint64_t option_id = 0;  ///< Philox stream: options in one batch get independent numbers
    Index paths = 0;              ///< samples in this batch (pairs of paths with antithetic)
    Index first_path = 0;
    bool antithetic = false;      ///< each sample averages the path and its negated-normal twin
    /// The payoff's control (PayoffTraits::control): the arithmetic Asian's is the geometric
    /// Asian (closed-form mean), the single-step payoffs' the discounted underlying e^{-rT} S_T
    /// (mean S_0 e^{-qT}); a payoff without one (the geometric Asian) refuses it.
    bool control_variate = false;
    /// Paths in float with fast intrinsics, four per Philox draw (GbmFp32Sampler): paths and
    /// first_path must then be multiples of 4. Sums, centring and payoffs stay in double.
    bool fp32 = false;
};

/// What a batch of samples adds up: the sample y = discounted payoff - center_y and the control
/// x = discounted geometric payoff - its analytic price (0 without a control variate). Centring
/// keeps the raw second moments from cancelling. Batches with the same contract and settings
/// other than first_path and paths add up (operator+) to the sums of their union.
struct PathSums {
    double y = 0, yy = 0, x = 0, xx = 0, xy = 0;
    Index samples = 0;
};
SIMT_INLINE PathSums operator+(const PathSums& a, const PathSums& b) {
    return PathSums{a.y + b.y, a.yy + b.yy, a.x + b.x, a.xx + b.xx, a.xy + b.xy, a.samples + b.samples};
}

struct McResult {
    double price;
    double std_error;
    double ci_low;   ///< price -/+ 1.96 standard errors: the 95% normal confidence interval
    double ci_high;
    Index paths;     ///< paths simulated (twice the samples with antithetic variates)
    Index samples;   ///< independent samples behind std_error
    double cv_beta;  ///< the control variate's estimated coefficient (0 without one)
};

/// Bits of the path index below the step-pair field in the Philox counter: up to 2^24 step
/// pairs per path and 2^40 paths per (seed, option_id).
constexpr int gbm_step_bits = 24;
constexpr Index gbm_max_fixings = Index(2) << gbm_step_bits;
constexpr Index gbm_max_paths = Index(1) << (64 - gbm_step_bits);

/// The reduce functor: one sample per index. Plain data, built on the host by
/// make_gbm_path_kernel (which checks the inputs), callable on host and device.
struct GbmPathKernel {
    std::uint64_t seed, option_id;
    Index first_path;
    int steps;  ///< 1 for a single-step payoff, else the fixings
    PayoffId payoff;
    GbmControl control;  ///< the payoff's control variate; None without one
    PayoffTerms terms;   ///< phi, strike, discount, cash
    double log_spot, drift_dt, vol_sqrt_dt;
    double center_y;  ///< subtracted from each sample (the payoff's closed form center)
    double center_x;  ///< the control's analytic mean
    bool antithetic, fp32;

    /// Two standard normals from one Philox draw (the gbm layout of path_random.hpp).
    SIMT_INLINE void normals(Index path, int pair, double& z0, double& z1) const {
        PathDraws{seed, option_id, path}.normals(std::uint64_t(pair), z0, z1);
    }

    /// ln(S_{k+1} / S_k) for the normal z.
    SIMT_INLINE double log_step(double z) const { return drift_dt + vol_sqrt_dt * z; }

    /// The averages of one path over the fixings from its sums of S and of ln S; the
    /// geometric one is S's average when a payoff and its control leave it unread. SingleStep:
    /// steps is 1 (a single-step payoff), so the division, exact then, is left out.
    template <bool Geometric, bool SingleStep = false>
    SIMT_INLINE GbmAverages<double> averages(double sum_s, double sum_log_s) const {
        const double arithmetic = SingleStep ? sum_s : sum_s / steps;
        return GbmAverages<double>{arithmetic, Geometric ? std::exp(sum_log_s / steps) : arithmetic};
    }

    /// The averages of one path; sign = -1 walks the antithetic twin (the same normals negated).
    SIMT_INLINE GbmAverages<double> path_averages(Index path, double sign) const {
        double log_s = log_spot, sum_s = 0, sum_log_s = 0, z[2] = {0, 0};
        for (int k = 0; k < steps; ++k) {
            if ((k & 1) == 0) normals(path, k >> 1, z[0], z[1]);
            log_s += log_step(sign * z[k & 1]);
            sum_s += std::exp(log_s);
            sum_log_s += log_s;
        }
        return averages<true>(sum_s, sum_log_s);
    }

    /// The discounted payoff (y) and the control (x) of one path (sign as in path_averages).
    SIMT_INLINE void path_payoffs(Index path, double sign, double& y, double& x) const {
        payoffs<double>(path_averages(path, sign), y, x);
    }

    /// y and x of a path from its averages over the fixings, in double or (fp32 paths) float.
    template <class Real>
    SIMT_INLINE void payoffs(const GbmAverages<Real>& path, Real& y, Real& x) const {
        Payoffs::visit(payoff, [&](auto p) { payoffs_of<decltype(p)>(path, y, x); });
    }

    /// The same for payoff P known at compile time (the fp32 sampler dispatches once per unit).
    template <class P, class Real>
    SIMT_INLINE void payoffs_of(const GbmAverages<Real>& path, Real& y, Real& x) const {
        control == GbmControl::None ? payoffs_with<P, false>(path, y, x) : payoffs_with<P, true>(path, y, x);
    }

    /// The same with the control variate (P's, as make_gbm_path_kernel sets it) or without it
    /// known at compile time too: the CPU's lane walks vectorise no choice made at run time.
    template <class P, bool Control, class Real>
    SIMT_INLINE void payoffs_with(const GbmAverages<Real>& path, Real& y, Real& x) const {
        const PayoffTerms& t = terms;
        if constexpr (P::traits.gbm_engine)
            y = P::template value<Real>(t, path);
        else
            y = Real(0);
        const Real df = Real(t.discount);
        x = !Control                                          ? Real(0)
            : P::traits.control == GbmControl::GeometricAsian ? df * vanilla(t, path.geometric())
                                                              : df * path.terminal();
    }

    /// Whether payoff P, with or without its control, reads a path's geometric average.
    template <class P, bool Control>
    static constexpr bool reads_geometric =
        P::traits.geometric_average || (Control && P::traits.control == GbmControl::GeometricAsian);

    /// Sample i's discounted payoff y and control x, not centred (with antithetic variates the
    /// mean over the path first_path + i and its twin).
    SIMT_INLINE void sample(Index i, double& y, double& x) const {
        const Index path = first_path + i;
        GbmAverages<double> twins[2] = {path_averages(path, 1.0), {}};
        if (antithetic) twins[1] = path_averages(path, -1.0);
        Payoffs::visit(payoff, [&](auto p) {
            using P = decltype(p);
            const auto with = [&](auto has_control) {
                constexpr bool c = decltype(has_control)::value;
                antithetic ? sample_payoffs<P, 2, c>(twins, y, x) : sample_payoffs<P, 1, c>(twins, y, x);
            };
            control == GbmControl::None ? with(std::false_type{}) : with(std::true_type{});
        });
    }

    /// y and x of a sample from the averages of its path and (Twins 2: antithetic variates) its
    /// twin, with (Control) or without the control variate.
    template <class P, int Twins, bool Control>
    SIMT_INLINE void sample_payoffs(const GbmAverages<double> (&twins)[2], double& y, double& x) const {
        payoffs_with<P, Control>(twins[0], y, x);
        if (Twins == 2) {
            double y2, x2;
            payoffs_with<P, Control>(twins[1], y2, x2);
            y = 0.5 * (y + y2);
            x = 0.5 * (x + x2);
        }
    }

    /// The centred sample as sums of one.
    SIMT_INLINE PathSums sums(double y, double x) const {
        y -= center_y;
        x -= center_x;
        return PathSums{y, y * y, x, x * x, x * y, 1};
    }

    SIMT_INLINE PathSums operator()(Index i) const {
        double y, x;
        sample(i, y, x);
        return sums(y, x);
    }

    /// The sums of samples [first, last) on the CPU: the same paths, many side by side so that
    /// Philox, Box–Muller, exp and the payoffs vectorise across them (gbm_lanes.cpp).
    PathSums cpu_block_sums(Index first, Index last) const;
};

/// Checks the contract and settings (ConfigError) and builds the kernel.
GbmPathKernel make_gbm_path_kernel(const GbmContract& contract, const GbmPathSettings& settings);

/// The closed form nearest the Monte Carlo price, which the samples are centred on: BSM for a
/// European, the cash-or-nothing price for a digital, the geometric Asian for both Asians.
double gbm_center_price(const GbmContract& contract);

/// Simulates one batch: settings.paths samples from path index settings.first_path, summed as
/// the batch engine sums every option (gbm_batch.hpp), so a book prices it to the same bits.
PathSums gbm_path_sums(const Context& ctx, const GbmContract& contract, const GbmPathSettings& settings);

/// Price, standard error and 95% confidence interval from the sums of one or more batches
/// (at least 2 samples, 3 with a control variate). With a control variate the price is
/// mean(y) - beta mean(x) with beta = cov(x, y) / var(x) from the same samples, and the
/// standard error that of the regression residual (n - 2 degrees of freedom).
McResult gbm_result(const GbmContract& contract, const GbmPathSettings& settings, const PathSums& sums);

/// gbm_result's arithmetic for any sums: the price is center_y + the mean of the (centred)
/// samples, less beta times the control's mean with a control variate.
McResult sums_result(const PathSums& sums, double center_y, bool antithetic, bool control_variate);

/// gbm_path_sums then gbm_result.
McResult gbm_price(const Context& ctx, const GbmContract& contract, const GbmPathSettings& settings);
}  // namespace simt::montecarlo
