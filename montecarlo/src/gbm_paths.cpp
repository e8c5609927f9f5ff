// SPDX-License-Identifier: MIT
// Builds the GBM path kernel and turns sums into prices; gbm_batch.cpp launches it.
#include <simt/montecarlo/gbm_paths.hpp>

#include <cmath>
#include <limits>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/gbm_batch.hpp>
#include <simt/montecarlo/geometric_asian.hpp>
#include "input_checks.hpp"

namespace simt::montecarlo {
namespace {
constexpr double z_95 = 1.959963984540054;  // the 0.975 quantile of the standard normal

void check_settings(const char* who, const GbmContract& c, const GbmPathSettings& s) {
    detail::check_bsm_inputs(who, c.market);
    detail::require_finite(who, "cash", c.cash);
    if (c.fixings < 1 || c.fixings > gbm_max_fixings)
        throw ConfigError(fmt::format("{}: fixings = {} must be within [1, {}]", who, c.fixings, gbm_max_fixings));
    if (s.fp32 && c.fixings > (Index(1) << gbm_step_bits))
        throw ConfigError(fmt::format("{}: fixings = {} must be at most 2^{} with fp32 paths", who, c.fixings,
                                      gbm_step_bits));
    const PayoffTraits traits = payoff_traits(c.payoff);
    if (!traits.gbm_engine)
        throw ConfigError(fmt::format("{}: the GBM engine does not price the {} payoff", who, payoff_name(c.payoff)));
    if (s.control_variate && traits.control == GbmControl::None)
        throw ConfigError(fmt::format("{}: no control variate for the {} payoff (its closed form is exact)", who,
                                      payoff_name(c.payoff)));
}
}  // namespace

GbmPathKernel make_gbm_path_kernel(const GbmContract& c, const GbmPathSettings& s) {
    const char* who = "gbm_path_sums";
    check_settings(who, c, s);
    if (s.paths < 0 || s.first_path < 0 || s.paths > gbm_max_paths - s.first_path)
        throw ConfigError(fmt::format("{}: paths [{}, {}) must lie within [0, 2^{})", who, s.first_path,
                                      s.first_path + s.paths, 64 - gbm_step_bits));
    const BsmInputs& m = c.market;
    const PayoffTraits traits = payoff_traits(c.payoff);
    GbmPathKernel k{};
    k.seed = s.seed;
    k.option_id = s.option_id;
    k.first_path = s.first_path;
    k.steps = traits.single_step ? 1 : c.fixings;
    k.payoff = c.payoff;
    k.control = s.control_variate ? traits.control : GbmControl::None;
    k.terms.phi = payoff_sign(c.type);
    k.terms.strike = m.strike;
    k.terms.discount = std::exp(-m.rate * m.expiry);
    k.terms.cash = c.cash;
    const double dt = m.expiry / k.steps;
    k.log_spot = std::log(m.spot);
    k.drift_dt = (m.rate - m.dividend - 0.5 * m.volatility * m.volatility) * dt;
    k.vol_sqrt_dt = m.volatility * std::sqrt(dt);
    k.center_y = gbm_center_price(c);
    // The controls' means: the geometric Asian's closed form, or E[e^{-rT} S_T] = S_0 e^{-qT}.
    k.center_x = k.control == GbmControl::None             ? 0.0
                 : k.control == GbmControl::GeometricAsian ? unchecked::geometric_asian_price(c.type, m, c.fixings)
                                                           : m.spot * std::exp(-m.dividend * m.expiry);
    if (s.fp32 && (s.paths % 4 != 0 || s.first_path % 4 != 0))
        throw ConfigError(fmt::format("{}: fp32 paths come in groups of 4: paths = {} and first_path = {} must be "
                                      "multiples of 4", who, s.paths, s.first_path));
    k.antithetic = s.antithetic;
    k.fp32 = s.fp32;
    return k;
}

double gbm_center_price(const GbmContract& c) {
    return Payoffs::visit(c.payoff, [&](auto p) {
        using P = decltype(p);
        if constexpr (P::traits.gbm_engine)
            return P::center(c.type, c.market, c.fixings, c.cash);
        else
            return 0.0;
    });
}

PathSums gbm_path_sums(const Context& ctx, const GbmContract& contract, const GbmPathSettings& settings) {
    return gbm_batch_sums(ctx, {make_gbm_path_kernel(contract, settings)}, settings.paths)[0];
}

McResult gbm_result(const GbmContract& contract, const GbmPathSettings& settings, const PathSums& sums) {
    check_settings("gbm_result", contract, settings);
    return sums_result(sums, gbm_center_price(contract), settings.antithetic, settings.control_variate);
}

McResult sums_result(const PathSums& sums, double center_y, bool antithetic, bool control_variate) {
    const Index n = sums.samples;
    const Index least = control_variate ? 3 : 2;
    if (n < least) throw ConfigError(fmt::format("sums_result: {} samples, at least {} needed", n, least));
    const double nd = double(n);
    const double mean_y = sums.y / nd, mean_x = sums.x / nd;
    // Centred second moments (sums were already centred near the mean, so little cancels).
    const double cyy = std::fmax(sums.yy - sums.y * mean_y, 0.0);
    const double cxx = std::fmax(sums.xx - sums.x * mean_x, 0.0);
    const double cxy = sums.xy - sums.x * mean_y;
    McResult r{};
    r.samples = n;
    r.paths = antithetic ? 2 * n : n;
    double variance;  // of one sample
    if (control_variate) {
        // A control that never pays (deep out of the money) carries no information: beta = 0.
        r.cv_beta = cxx > 0 ? cxy / cxx : 0.0;
        r.price = center_y + mean_y - r.cv_beta * mean_x;  // E[x] = 0: x is centred on its analytic mean
        variance = std::fmax(cyy - r.cv_beta * cxy, 0.0) / (nd - 2);
    } else {
        r.cv_beta = 0;
        r.price = center_y + mean_y;
        variance = cyy / (nd - 1);
    }
    r.std_error = std::sqrt(variance / nd);
    r.ci_low = r.price - z_95 * r.std_error;
    r.ci_high = r.price + z_95 * r.std_error;
    return r;
}

McResult gbm_price(const Context& ctx, const GbmContract& contract, const GbmPathSettings& settings) {
    return gbm_result(contract, settings, gbm_path_sums(ctx, contract, settings));
}
}  // namespace simt::montecarlo
