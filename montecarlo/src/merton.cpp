// SPDX-License-Identifier: MIT
#include <simt/montecarlo/merton.hpp>

#include <cmath>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/montecarlo/black_scholes.hpp>
#include "input_checks.hpp"

namespace simt::montecarlo {
double merton_price(OptionType type, const BsmInputs& in, const MertonJumps& j) {
    const char* pricer = "merton_price";
    detail::check_bsm_inputs(pricer, in);
    detail::require_within(pricer, "intensity", j.intensity, 0.0, 1e6);
    detail::require_finite(pricer, "jump_mean", j.jump_mean);
    detail::require_within(pricer, "jump_vol", j.jump_vol, 0.0, 1e6);
    const double T = in.expiry, kbar = std::expm1(j.jump_mean + 0.5 * j.jump_vol * j.jump_vol);
    const double mean_jumps = j.intensity * (1 + kbar) * T;  // lambda' T
    double weight = std::exp(-mean_jumps), weights = 0, price = 0;
    for (int n = 0; n < 100000; ++n) {
        if (n > 0) weight *= mean_jumps / n;
        BsmInputs term = in;
        term.volatility = std::sqrt(in.volatility * in.volatility + n * j.jump_vol * j.jump_vol / T);
        term.rate = in.rate - j.intensity * kbar + n * std::log1p(kbar) / T;
        // Discounting at r_n is right with the lambda' weights: they carry (1 + kbar)^n e^{-lambda kbar T}.
        const double v = unchecked::bsm_price(type, term);
        price += weight * v;
        weights += weight;
        if (n > mean_jumps && weight * std::fmax(v, in.spot + in.strike) < 1e-16 * std::fabs(price) &&
            1 - weights < 1e-15)
            return price;
    }
    throw Error(fmt::format("{}: the series did not converge (lambda' T = {})", pricer, mean_jumps));
}
}  // namespace simt::montecarlo
