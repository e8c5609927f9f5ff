// SPDX-License-Identifier: MIT
// Launches the GBM path kernel (a CUDA source in a CUDA build: simt_device_sources).
#include <simt/montecarlo/gbm_paths.hpp>

#include <cmath>
#include <limits>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/core/reduce.hpp>
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/geometric_asian.hpp>
#include "input_checks.hpp"

namespace simt::montecarlo {
namespace {
/// reduce's operation on PathSums (simt::Sum's identity is T(0)).
struct AddSums {
    template <class T>
    static constexpr T identity() { return T{}; }
    SIMT_INLINE PathSums operator()(const PathSums& a, const PathSums& b) const { return a + b; }
};

constexpr double z_95 = 1.959963984540054;  // the 0.975 quantile of the standard normal

void check_settings(const char* who, const GbmContract& c, const GbmPathSettings& s) {
    detail::check_bsm_inputs(who, c.market);
    if (c.fixings < 1 || c.fixings > gbm_max_fixings)
        throw ConfigError(fmt::format("{}: fixings = {} must be within [1, {}]", who, c.fixings, gbm_max_fixings));
    if (s.control_variate && c.payoff != GbmPayoff::ArithmeticAsian)
        throw ConfigError(fmt::format("{}: the control variate (the geometric Asian) is for the arithmetic Asian only",
                                      who));
}
}  // namespace

GbmPathKernel make_gbm_path_kernel(const GbmContract& c, const GbmPathSettings& s) {
    const char* who = "gbm_path_sums";
    check_settings(who, c, s);
    if (s.paths < 0 || s.first_path < 0 || s.paths > gbm_max_paths - s.first_path)
        throw ConfigError(fmt::format("{}: paths [{}, {}) must lie within [0, 2^{})", who, s.first_path,
                                      s.first_path + s.paths, 64 - gbm_step_bits));
    const BsmInputs& m = c.market;
    GbmPathKernel k{};
    k.seed = s.seed;
    k.option_id = s.option_id;
    k.first_path = s.first_path;
    k.steps = c.payoff == GbmPayoff::European ? 1 : c.fixings;
    k.payoff = c.payoff;
    k.phi = payoff_sign(c.type);
    const double dt = m.expiry / k.steps;
    k.log_spot = std::log(m.spot);
    k.drift_dt = (m.rate - m.dividend - 0.5 * m.volatility * m.volatility) * dt;
    k.vol_sqrt_dt = m.volatility * std::sqrt(dt);
    k.strike = m.strike;
    k.discount = std::exp(-m.rate * m.expiry);
    // Centre on the nearest analytic price: the arithmetic Asian lies just above the geometric.
    k.center_y = c.payoff == GbmPayoff::European ? unchecked::bsm_price(c.type, m)
                                                 : unchecked::geometric_asian_price(c.type, m, c.fixings);
    k.center_x = s.control_variate ? unchecked::geometric_asian_price(c.type, m, c.fixings) : 0.0;
    k.antithetic = s.antithetic;
    k.control_variate = s.control_variate;
    return k;
}

PathSums gbm_path_sums(const Context& ctx, const GbmContract& contract, const GbmPathSettings& settings) {
    const GbmPathKernel kernel = make_gbm_path_kernel(contract, settings);
    // No bytes declared: the paths live in registers, the kernel is bound by exp and Philox.
    return reduce<PathSums>(ctx, "montecarlo.gbm.paths", Range<1>{settings.paths}, AddSums{}, kernel);
}

McResult gbm_result(const GbmContract& contract, const GbmPathSettings& settings, const PathSums& sums) {
    const char* who = "gbm_result";
    check_settings(who, contract, settings);
    const Index n = sums.samples;
    const Index least = settings.control_variate ? 3 : 2;
    if (n < least) throw ConfigError(fmt::format("{}: {} samples, at least {} needed", who, n, least));
    const double nd = double(n);
    const double mean_y = sums.y / nd, mean_x = sums.x / nd;
    // Centred second moments (sums were already centred near the mean, so little cancels).
    const double cyy = std::fmax(sums.yy - sums.y * mean_y, 0.0);
    const double cxx = std::fmax(sums.xx - sums.x * mean_x, 0.0);
    const double cxy = sums.xy - sums.x * mean_y;
    const BsmInputs& m = contract.market;
    const double center_y = contract.payoff == GbmPayoff::European
                                ? unchecked::bsm_price(contract.type, m)
                                : unchecked::geometric_asian_price(contract.type, m, contract.fixings);
    McResult r{};
    r.samples = n;
    r.paths = settings.antithetic ? 2 * n : n;
    double variance;  // of one sample
    if (settings.control_variate) {
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
