// SPDX-License-Identifier: MIT
// Black's formula: a call or put on a lognormal quantity, given its forward and the standard
// deviation of its log. Black–Scholes–Merton and the geometric Asian are both this formula.
#pragma once
#include <cmath>
#include <simt/montecarlo/normal.hpp>
#include <simt/montecarlo/option.hpp>

namespace simt::montecarlo {
/// discount * E[max(phi (X - K), 0)] for log X ~ N(log forward - stddev^2 / 2, stddev^2).
SIMT_INLINE double black_price(OptionType type, double forward, double strike, double stddev, double discount) {
    const double phi = payoff_sign(type);
    const double d1 = std::log(forward / strike) / stddev + 0.5 * stddev;
    const double d2 = d1 - stddev;
    return discount * phi * (forward * normal_cdf(phi * d1) - strike * normal_cdf(phi * d2));
}
}  // namespace simt::montecarlo
