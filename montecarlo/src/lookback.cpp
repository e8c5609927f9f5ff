// SPDX-License-Identifier: MIT
#include <simt/montecarlo/lookback.hpp>

#include <cmath>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/montecarlo/barrier.hpp>
#include <simt/montecarlo/normal.hpp>
#include "input_checks.hpp"

namespace simt::montecarlo {
double floating_lookback_price(OptionType type, const BsmInputs& in, double extreme) {
    const char* pricer = "floating_lookback_price";
    detail::check_bsm_inputs(pricer, in);
    detail::require_positive(pricer, "extreme", extreme);
    const bool call = type == OptionType::Call;
    if (call ? extreme > in.spot : extreme < in.spot)
        throw ConfigError(fmt::format("{}: extreme = {} must be {} the spot {}", pricer, extreme,
                                      call ? "<=" : ">=", in.spot));
    const double S = in.spot, T = in.expiry, r = in.rate, b = r - in.dividend, v = in.volatility;
    if (b == 0) throw ConfigError(fmt::format("{}: the formula needs r - q != 0", pricer));
    const double sd = v * std::sqrt(T), carry = std::exp((b - r) * T), dr = std::exp(-r * T);
    const double x1 = (std::log(S / extreme) + (b + 0.5 * v * v) * T) / sd, x2 = x1 - sd;
    const double reflect = std::pow(S / extreme, -2 * b / (v * v));
    const double w = S * dr * v * v / (2 * b);
    if (call)
        return S * carry * normal_cdf(x1) - extreme * dr * normal_cdf(x2) +
               w * (reflect * normal_cdf(-x1 + 2 * b * std::sqrt(T) / v) - std::exp(b * T) * normal_cdf(-x1));
    return extreme * dr * normal_cdf(-x2) - S * carry * normal_cdf(-x1) +
           w * (-reflect * normal_cdf(x1 - 2 * b * std::sqrt(T) / v) + std::exp(b * T) * normal_cdf(x1));
}

double discrete_floating_lookback_price(OptionType type, const BsmInputs& in, int observations) {
    if (observations < 1)
        throw ConfigError(fmt::format("discrete_floating_lookback_price: observations = {} must be >= 1", observations));
    // E[e^{-rT} max] (put) or E[e^{-rT} min] (call) is the price plus or minus S e^{-qT}; the BGK
    // shift scales that expected extreme.
    const double forward_pv = in.spot * std::exp(-in.dividend * in.expiry);
    const double shift = std::exp(bgk_beta * in.volatility * std::sqrt(in.expiry / observations));
    const double continuous = floating_lookback_price(type, in, in.spot);
    return type == OptionType::Call ? forward_pv - (forward_pv - continuous) * shift
                                    : (continuous + forward_pv) / shift - forward_pv;
}
}  // namespace simt::montecarlo
