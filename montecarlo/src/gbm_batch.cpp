// SPDX-License-Identifier: MIT
// Launches the batch engine (a CUDA source in a CUDA build: simt_device_sources).
#include <simt/montecarlo/gbm_batch.hpp>

#include <algorithm>
#include <cmath>
#include <simt/core/error.hpp>
#include <simt/montecarlo/gbm_fp32.hpp>
#include <fmt/format.h>
#include "batch_engine.hpp"

namespace simt::montecarlo {
Index gbm_block_samples(Index samples) {
    constexpr Index min_block = 32, max_blocks = Index(1) << 20;
    return std::max(min_block, (samples + max_blocks - 1) / max_blocks);
}

Index gbm_sample_runs(Index samples) { return detail::run_layout(samples).runs; }

std::vector<PathSums> gbm_batch_sums(const Context& ctx, const std::vector<GbmPathKernel>& kernels, Index samples,
                                     const Comm& sample_ranks) {
    const bool fp32 = !kernels.empty() && kernels.front().fp32;
    if (!fp32)
        return detail::batch_sums<PathSums>(ctx, sample_ranks, "montecarlo.gbm.blocks", "montecarlo.gbm.options",
                                            kernels, samples);
    std::vector<GbmFp32Sampler> samplers;
    samplers.reserve(kernels.size());
    for (const GbmPathKernel& k : kernels) {
        if (!k.fp32) throw ConfigError("gbm_batch_sums: fp32 and fp64 options in one batch");
        samplers.push_back(make_gbm_fp32_sampler(k));
    }
    constexpr Index per_unit = GbmFp32Sampler::samples_per_unit;
    if (samples % per_unit != 0)
        throw ConfigError(fmt::format("gbm_batch_sums: {} samples; fp32 paths come in multiples of {}", samples, per_unit));
    return detail::batch_sums<PathSums>(ctx, sample_ranks, "montecarlo.gbm_fp32.blocks", "montecarlo.gbm_fp32.options",
                                        samplers, samples / per_unit);
}

GbmFp32Sampler make_gbm_fp32_sampler(const GbmPathKernel& k) {
    const bool geometric = payoff_traits(k.payoff).geometric_average || k.control == GbmControl::GeometricAsian;
    return GbmFp32Sampler{
        k, float(k.drift_dt), float(k.vol_sqrt_dt), float(std::exp(k.log_spot)), float(1.0 / k.steps), geometric};
}

std::vector<GreekSums> gbm_greek_batch_sums(const Context& ctx, const std::vector<GbmGreekKernel>& kernels,
                                            Index samples, const Comm& sample_ranks) {
    return detail::batch_sums<GreekSums>(ctx, sample_ranks, "montecarlo.gbm_greeks.blocks",
                                         "montecarlo.gbm_greeks.options", kernels, samples);
}

GbmGreekKernel make_gbm_greek_kernel(const GbmContract& c, const GbmPathSettings& s) {
    const BsmInputs& m = c.market;
    GbmGreekKernel k{};
    k.base = make_gbm_path_kernel(c, s);
    k.spot_h = gbm_spot_bump * m.spot;
    k.vol_h = gbm_vol_bump * m.volatility;
    k.rate_h = gbm_rate_bump;
    // The bumped contracts price without a control variate: only their differences count.
    GbmPathSettings plain = s;
    plain.control_variate = false;
    const auto bumped = [&](double BsmInputs::*field, double h) {
        GbmContract b = c;
        b.market.*field += h;
        return make_gbm_path_kernel(b, plain);
    };
    k.spot_up = bumped(&BsmInputs::spot, k.spot_h);
    k.spot_down = bumped(&BsmInputs::spot, -k.spot_h);
    k.vol_up = bumped(&BsmInputs::volatility, k.vol_h);
    k.vol_down = bumped(&BsmInputs::volatility, -k.vol_h);
    k.rate_up = bumped(&BsmInputs::rate, k.rate_h);
    k.rate_down = bumped(&BsmInputs::rate, -k.rate_h);
    const PayoffTraits traits = payoff_traits(c.payoff);
    k.pathwise = traits.pathwise_greeks;
    k.likelihood_ratio = traits.lr_greeks;
    k.spot = m.spot;
    k.volatility = m.volatility;
    k.log_drift = (m.rate - m.dividend + 0.5 * m.volatility * m.volatility) * m.expiry;
    return k;
}

Estimate gbm_greek(const GreekSums& sums, int k) {
    const double n = double(sums.price.samples);
    const double mean = sums.g[k] / n;
    const double variance = std::fmax(sums.gg[k] - sums.g[k] * mean, 0.0) / (n - 1);
    return {mean, std::sqrt(variance / n)};
}
}  // namespace simt::montecarlo
