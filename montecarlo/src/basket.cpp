// SPDX-License-Identifier: MIT
#include <simt/montecarlo/basket.hpp>

#include <cmath>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/montecarlo/black_formula.hpp>
#include "input_checks.hpp"

namespace simt::montecarlo {
double geometric_basket_price(OptionType type, const BasketInputs& in) {
    const char* pricer = "geometric_basket_price";
    const std::size_t n = in.spots.size();
    if (n == 0 || in.vols.size() != n || in.weights.size() != n || in.dividends.size() != n ||
        in.correlation.size() != n * n)
        throw ConfigError(fmt::format("{}: spots, vols, weights, dividends need one value per asset and the "
                                      "correlation n x n",
                                      pricer));
    detail::require_positive(pricer, "strike", in.strike);
    detail::require_positive(pricer, "expiry", in.expiry);
    detail::require_finite(pricer, "rate", in.rate);
    const double T = in.expiry;
    double mean = 0, variance = 0;
    for (std::size_t i = 0; i < n; ++i) {
        detail::require_positive(pricer, "spot", in.spots[i]);
        detail::require_positive(pricer, "volatility", in.vols[i]);
        mean += in.weights[i] * (std::log(in.spots[i]) + (in.rate - in.dividends[i] - 0.5 * in.vols[i] * in.vols[i]) * T);
        for (std::size_t j = 0; j < n; ++j)
            variance += in.weights[i] * in.weights[j] * in.correlation[i * n + j] * in.vols[i] * in.vols[j] * T;
    }
    return black_price(type, std::exp(mean + 0.5 * variance), in.strike, std::sqrt(variance), std::exp(-in.rate * T));
}
}  // namespace simt::montecarlo
