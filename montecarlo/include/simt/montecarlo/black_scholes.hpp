// SPDX-License-Identifier: MIT
// Black–Scholes–Merton with a continuous dividend yield (Merton 1973; Haug, "The Complete
// Guide to Option Pricing Formulas", 2nd ed., ch. 1-2): vanilla price and Greeks, and the
// cash-or-nothing digital (Reiner & Rubinstein 1991).
//
// simt::montecarlo::unchecked holds the forms for kernels (host and device, <cmath> only, no
// exceptions; the caller guarantees valid inputs). The functions outside it check their
// inputs and throw ConfigError.
#pragma once
#include <cmath>
#include <simt/montecarlo/black_formula.hpp>
#include <simt/montecarlo/normal.hpp>
#include <simt/montecarlo/option.hpp>

namespace simt::montecarlo {
struct BsmGreeks {
    double price;
    double delta;         ///< dV/dS
    double gamma;         ///< d2V/dS2
    double vega;          ///< dV/dsigma, per unit of volatility (not per percentage point)
    double theta;         ///< dV/dt = -dV/dT, per year
    double rho;           ///< dV/dr
    double dividend_rho;  ///< dV/dq
};

namespace unchecked {
SIMT_INLINE double bsm_price(OptionType type, const BsmInputs& in) {
    const double T = in.expiry;
    return black_price(type, in.spot * std::exp((in.rate - in.dividend) * T), in.strike,
                       in.volatility * std::sqrt(T), std::exp(-in.rate * T));
}

SIMT_INLINE BsmGreeks bsm_greeks(OptionType type, const BsmInputs& in) {
    const double phi = payoff_sign(type);
    const double S = in.spot, K = in.strike, T = in.expiry, sqrt_t = std::sqrt(T);
    const double sd = in.volatility * sqrt_t;
    const double d1 = (std::log(S / K) + (in.rate - in.dividend) * T) / sd + 0.5 * sd;
    const double d2 = d1 - sd;
    const double dq = std::exp(-in.dividend * T), dr = std::exp(-in.rate * T);
    const double n1 = normal_cdf(phi * d1), n2 = normal_cdf(phi * d2), pdf1 = normal_pdf(d1);
    BsmGreeks g;
    g.price = phi * (S * dq * n1 - K * dr * n2);
    g.delta = phi * dq * n1;
    g.gamma = dq * pdf1 / (S * sd);
    g.vega = S * dq * pdf1 * sqrt_t;
    g.theta = -S * dq * pdf1 * in.volatility / (2 * sqrt_t) + phi * (in.dividend * S * dq * n1 - in.rate * K * dr * n2);
    g.rho = phi * K * T * dr * n2;
    g.dividend_rho = -phi * S * T * dq * n1;
    return g;
}

/// Pays `cash` at expiry if the option ends in the money (S_T > K for a call, S_T < K for a put).
SIMT_INLINE double digital_price(OptionType type, const BsmInputs& in, double cash) {
    const double phi = payoff_sign(type), T = in.expiry;
    const double sd = in.volatility * std::sqrt(T);
    const double d2 = (std::log(in.spot / in.strike) + (in.rate - in.dividend) * T) / sd - 0.5 * sd;
    return cash * std::exp(-in.rate * T) * normal_cdf(phi * d2);
}
}  // namespace unchecked

double bsm_price(OptionType type, const BsmInputs& in);
BsmGreeks bsm_greeks(OptionType type, const BsmInputs& in);
double digital_price(OptionType type, const BsmInputs& in, double cash = 1.0);
}  // namespace simt::montecarlo
