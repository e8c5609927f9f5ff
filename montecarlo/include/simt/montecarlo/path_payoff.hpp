// SPDX-License-Identifier: MIT
// Payoffs that look at a path at its observation dates t_i = i T / n, i = 1..n, whatever model
// made the path: a PathPayoff is told each observation's log-price and, at the end, gives the
// discounted payoff. Nothing is stored per path (sums, extremes and a survival probability).
//
// Barriers (Glasserman, "Monte Carlo Methods in Financial Engineering", sec. 6.4):
//   discrete     the contract is monitored at the observations: knocked if S(t_i) is beyond B;
//   bgk          a continuous barrier, observed at t_i with the barrier moved toward the spot
//                by exp(-0.5826 sigma sqrt(dt)) (Broadie, Glasserman & Kou 1997);
//   continuous   a continuous barrier, observed at t_i, and between observations the path is a
//                Brownian bridge: it survives the step with probability
//                1 - exp(-2 ln(B / S_i) ln(B / S_{i+1}) / (sigma^2 dt)); the payoff is weighted
//                by the product of those probabilities (the conditional expectation, so no
//                extra noise). GBM only: the bridge needs a constant log-variance per step.
// A knock-out rebate is paid at the observation that knocks (with `continuous`, at the end of
// the step in which the bridge crossed: an O(dt) approximation of the hitting time), a knock-in
// rebate at expiry if it never knocked in; as barrier.hpp.
//
// Lookbacks (discrete, the extremes over S_0 and the observations): floating strike
// (call S_T - min, put max - S_T) and fixed strike (call max(max - K, 0), put max(K - min, 0)).
#pragma once
#include <cmath>
#include <simt/core/macros.hpp>
#include <simt/montecarlo/barrier.hpp>

namespace simt::montecarlo {
enum class PathPayoffKind { European, Digital, ArithmeticAsian, GeometricAsian, Barrier, FloatingLookback, FixedLookback };
enum class BarrierMonitoring { Discrete, Bgk, Continuous };

/// What a path accumulates between observations.
struct PayoffState {
    double sum_s = 0, sum_log_s = 0, log_max = 0, log_min = 0, log_s = 0;
    double survival = 1;      ///< probability the barrier has not been crossed
    double hit_rebates = 0;   ///< discounted knock-out rebates, weighted by the crossing probability
    double discount_t = 1;    ///< e^{-r t_i} at the last observation
};

/// The payoff, plain data for kernels; built on the host by make_path_payoff (model_paths.hpp).
struct PathPayoff {
    PathPayoffKind kind = PathPayoffKind::European;
    double phi = 1;               ///< +1 call, -1 put
    double strike = 0, cash = 1;  ///< cash: what a digital pays in the money
    double discount = 1;          ///< e^{-r T}
    double step_discount = 1;     ///< e^{-r T / n}
    int observations = 1;
    // Barrier.
    bool down = false, knock_in = false, bridge = false;
    double log_barrier = 0;       ///< with bgk, of the moved barrier
    double rebate = 0;
    double bridge_variance = 0;   ///< sigma^2 T / n: the log-variance of one step, for the bridge

    SIMT_INLINE PayoffState start(double log_spot) const {
        PayoffState s;
        s.log_max = s.log_min = s.log_s = log_spot;
        return s;
    }

    SIMT_INLINE bool beyond(double log_s) const { return down ? log_s <= log_barrier : log_s >= log_barrier; }

    /// The path at the next observation.
    SIMT_INLINE void observe(PayoffState& s, double log_s) const {
        s.sum_s += std::exp(log_s);
        s.sum_log_s += log_s;
        s.log_max = std::fmax(s.log_max, log_s);
        s.log_min = std::fmin(s.log_min, log_s);
        if (kind == PathPayoffKind::Barrier) {
            s.discount_t *= step_discount;
            double survive = beyond(log_s) ? 0.0 : 1.0;
            if (bridge && survive > 0)  // both ends on the live side: the bridge may still cross
                survive = -std::expm1(-2 * (log_barrier - s.log_s) * (log_barrier - log_s) / bridge_variance);
            s.hit_rebates += s.survival * (1 - survive) * rebate * s.discount_t;
            s.survival *= survive;
        }
        s.log_s = log_s;
    }

    SIMT_INLINE double vanilla(double underlying) const { return std::fmax(phi * (underlying - strike), 0.0); }

    /// The discounted payoff after the last observation.
    SIMT_INLINE double value(const PayoffState& s) const {
        const double s_t = std::exp(s.log_s);
        switch (kind) {
            case PathPayoffKind::European: return discount * vanilla(s_t);
            case PathPayoffKind::Digital: return phi * (s_t - strike) > 0 ? discount * cash : 0.0;
            case PathPayoffKind::ArithmeticAsian: return discount * vanilla(s.sum_s / observations);
            case PathPayoffKind::GeometricAsian: return discount * vanilla(std::exp(s.sum_log_s / observations));
            case PathPayoffKind::Barrier:
                return knock_in ? discount * ((1 - s.survival) * vanilla(s_t) + s.survival * rebate)
                                : discount * s.survival * vanilla(s_t) + s.hit_rebates;
            case PathPayoffKind::FloatingLookback:
                return discount * (phi > 0 ? s_t - std::exp(s.log_min) : std::exp(s.log_max) - s_t);
            case PathPayoffKind::FixedLookback:
                return discount * vanilla(std::exp(phi > 0 ? s.log_max : s.log_min));
        }
        return 0;
    }
};
}  // namespace simt::montecarlo
