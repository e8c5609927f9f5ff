// SPDX-License-Identifier: MIT
// Geometric-average-price Asian option with n equally spaced fixings at T/n, 2T/n, ..., T:
// the geometric mean of lognormal fixings is lognormal, so Black's formula prices it exactly
// (Kemna & Vorst 1990 for the continuous average; the discrete form as in Haug, 2nd ed.,
// sec. 4.20, and Clewlow & Strickland, "Implementing Derivatives Models", sec. 5.4).
// n = 1 is the European option.
#pragma once
#include <cmath>
#include <simt/montecarlo/black_formula.hpp>
#include <simt/montecarlo/option.hpp>

namespace simt::montecarlo {
namespace unchecked {
/// Payoff max(phi (G - K), 0) at T with G = (prod_i S(i T / n))^(1/n).
SIMT_INLINE double geometric_asian_price(OptionType type, const BsmInputs& in, int fixings) {
    const double n = fixings, dt = in.expiry / n, s2 = in.volatility * in.volatility;
    // log G = mean of the log fixings: mean time dt (n+1)/2, variance
    // s2 / n^2 sum_ij min(t_i, t_j) = s2 dt (n+1)(2n+1) / (6n).
    const double mean_time = 0.5 * dt * (n + 1);
    const double variance = s2 * dt * (n + 1) * (2 * n + 1) / (6 * n);
    const double forward = in.spot * std::exp((in.rate - in.dividend - 0.5 * s2) * mean_time + 0.5 * variance);
    return black_price(type, forward, in.strike, std::sqrt(variance), std::exp(-in.rate * in.expiry));
}
}  // namespace unchecked

double geometric_asian_price(OptionType type, const BsmInputs& in, int fixings);
}  // namespace simt::montecarlo
