// SPDX-License-Identifier: MIT
// Single-barrier European options with continuous monitoring (Merton 1973; Reiner &
// Rubinstein 1991; the A-F terms as in Haug, 2nd ed., sec. 4.17.1), and the Broadie,
// Glasserman & Kou (1997) barrier shift that makes them approximate discrete monitoring.
//
// Rebates: a knock-out pays its rebate when the barrier is hit, a knock-in pays it at expiry
// if the barrier was never hit. A barrier already crossed by the spot means the option has
// knocked: a knock-out is worth its rebate, a knock-in the vanilla option.
#pragma once
#include <cmath>
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/normal.hpp>
#include <simt/montecarlo/option.hpp>

namespace simt::montecarlo {
enum class BarrierType { DownIn, DownOut, UpIn, UpOut };

SIMT_INLINE bool is_down(BarrierType b) { return b == BarrierType::DownIn || b == BarrierType::DownOut; }
SIMT_INLINE bool is_knock_in(BarrierType b) { return b == BarrierType::DownIn || b == BarrierType::UpIn; }

/// beta = -zeta(1/2) / sqrt(2 pi), the constant of the Broadie–Glasserman–Kou correction.
constexpr double bgk_beta = 0.5825971579390106;

namespace unchecked {
/// The continuous barrier that prices a barrier monitored every `monitoring_interval` years:
/// moved away from the spot by exp(beta sigma sqrt(dt)) (up: times, down: divided by).
SIMT_INLINE double bgk_corrected_barrier(BarrierType type, double barrier, double volatility,
                                         double monitoring_interval) {
    const double shift = std::exp(bgk_beta * volatility * std::sqrt(monitoring_interval));
    return is_down(type) ? barrier / shift : barrier * shift;
}

namespace detail {
/// Haug's terms for one barrier option; phi: +1 call / -1 put, eta: +1 down / -1 up.
struct BarrierTerms {
    double phi, eta, spot_pv, strike_pv, sd, mu;  // S e^{-qT}, K e^{-rT}, sigma sqrt(T), (b - s^2/2)/s^2
    double h_over_s;

    /// A (x = x1) and B (x = x2): the vanilla-like terms.
    SIMT_INLINE double vanilla_like(double x) const {
        return phi * (spot_pv * normal_cdf(phi * x) - strike_pv * normal_cdf(phi * (x - sd)));
    }
    /// C (y = y1) and D (y = y2): the terms reflected in the barrier.
    SIMT_INLINE double reflected(double y) const {
        const double p = std::pow(h_over_s, 2 * mu);
        return phi * (spot_pv * p * h_over_s * h_over_s * normal_cdf(eta * y) -
                      strike_pv * p * normal_cdf(eta * (y - sd)));
    }
};
}  // namespace detail

/// Continuously monitored barrier option; `rebate` >= 0 (see the header comment for when it
/// is paid). With a nonzero knock-out rebate the rate must satisfy mu^2 + 2 r / sigma^2 >= 0.
SIMT_INLINE double barrier_price(BarrierType barrier_type, OptionType type, const BsmInputs& in, double barrier,
                                 double rebate) {
    const bool down = is_down(barrier_type), knock_in = is_knock_in(barrier_type);
    const double S = in.spot, X = in.strike, H = barrier, T = in.expiry, r = in.rate;
    if (down ? S <= H : S >= H) return knock_in ? unchecked::bsm_price(type, in) : rebate;

    const double s2 = in.volatility * in.volatility, sd = in.volatility * std::sqrt(T);
    const double mu = (r - in.dividend - 0.5 * s2) / s2;
    const double dr = std::exp(-r * T);
    const detail::BarrierTerms t{payoff_sign(type), down ? 1.0 : -1.0, S * std::exp(-in.dividend * T), X * dr,
                                 sd, mu, H / S};
    const double shift = (1 + mu) * sd;
    const double x1 = std::log(S / X) / sd + shift, x2 = std::log(S / H) / sd + shift;
    const double y1 = std::log(H * H / (S * X)) / sd + shift, y2 = std::log(H / S) / sd + shift;
    const double A = t.vanilla_like(x1), B = t.vanilla_like(x2), C = t.reflected(y1), D = t.reflected(y2);

    // Haug's table of A-F combinations, folded: a down call behaves like an up put ("same"),
    // and "far" is a strike beyond the barrier on the payoff's side.
    const bool call = type == OptionType::Call, same = call == down, far = call ? X > H : X < H;
    const double eta = t.eta;
    double value;
    if (knock_in) {
        value = same ? (far ? C : A - B + D) : (far ? A : B - C + D);
        if (rebate != 0)  // E: paid at expiry if the barrier was never hit
            value += rebate * dr *
                     (normal_cdf(eta * (x2 - sd)) - std::pow(H / S, 2 * mu) * normal_cdf(eta * (y2 - sd)));
    } else {
        value = same ? (far ? A - C : B - D) : (far ? 0.0 : A - B + C - D);
        if (rebate != 0) {  // F: paid when the barrier is hit
            const double lambda = std::sqrt(mu * mu + 2 * r / s2);
            const double z = std::log(H / S) / sd + lambda * sd;
            value += rebate * (std::pow(H / S, mu + lambda) * normal_cdf(eta * z) +
                               std::pow(H / S, mu - lambda) * normal_cdf(eta * (z - 2 * lambda * sd)));
        }
    }
    return value;
}
}  // namespace unchecked

double barrier_price(BarrierType barrier_type, OptionType type, const BsmInputs& in, double barrier,
                     double rebate = 0.0);
double bgk_corrected_barrier(BarrierType type, double barrier, double volatility, double monitoring_interval);
}  // namespace simt::montecarlo
