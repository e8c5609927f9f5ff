// SPDX-License-Identifier: MIT
// Launches the batch engine (a CUDA source in a CUDA build: simt_device_sources).
#include <simt/montecarlo/gbm_batch.hpp>

#include <algorithm>
#include <cmath>
#include <simt/core/buffer.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/error.hpp>
#include <simt/core/memory.hpp>
#include <simt/montecarlo/gbm_fp32.hpp>
#include <fmt/format.h>

namespace simt::montecarlo {
namespace detail {
// Functors, not SIMT_LAMBDAs: each is instantiated for three sample types.

/// Pair p = option * blocks + block: the sum of the block's samples, in sample order.
template <class Sampler, class Sums>
struct BlockSums {
    const Sampler* samplers;
    Sums* partial;
    Index blocks, block_samples, samples;
    SIMT_INLINE void operator()(Index p) const {
        const Sampler& f = samplers[p / blocks];
        const Index first = (p % blocks) * block_samples;
        const Index last = first + block_samples < samples ? first + block_samples : samples;
        Sums s{};
        for (Index i = first; i < last; ++i) s = s + f(i);
        partial[p] = s;
    }
};

/// Option o: its blocks' partials added in block order, the same order on every backend
/// (a segmented reduction by CUB would add them in a tree of its own).
template <class Sums>
struct OptionSums {
    const Sums* partial;
    Sums* sums;
    Index blocks;
    SIMT_INLINE void operator()(Index o) const {
        Sums s{};
        for (Index b = 0; b < blocks; ++b) s = s + partial[o * blocks + b];
        sums[o] = s;
    }
};

/// Partials held at once: options are launched in chunks that fit (about 64 MiB of GreekSums).
constexpr Index max_pairs_per_launch = Index(1) << 19;

template <class Sums, class Sampler>
std::vector<Sums> batch_sums(const Context& ctx, const char* block_label, const char* option_label,
                             const std::vector<Sampler>& samplers, Index samples) {
    const Index n = Index(samplers.size());
    std::vector<Sums> out(std::size_t(n), Sums{});
    if (n == 0 || samples == 0) return out;
    const Index block = gbm_block_samples(samples);
    const Index blocks = (samples + block - 1) / block;
    const Index per_launch = std::max<Index>(1, max_pairs_per_launch / blocks);
    const Index chunk = std::min(n, per_launch);
    Buffer<Sampler> d_samplers(ctx.backend(), std::size_t(chunk));
    Buffer<Sums> d_partial(ctx.backend(), std::size_t(chunk * blocks)), d_sums(ctx.backend(), std::size_t(chunk));
    Kernel block_kernel(block_label);
    block_kernel.cpu_parallel_from = 2;  // every index is a block of paths
    for (Index first = 0; first < n; first += chunk) {
        const Index count = std::min(chunk, n - first);
        simt::detail::copy_bytes(d_samplers.data(), ctx.backend(), samplers.data() + first, Backend::Cpu,
                           std::size_t(count) * sizeof(Sampler));
        for_each(ctx, block_kernel, Range<1>{count * blocks},
                 BlockSums<Sampler, Sums>{d_samplers.data(), d_partial.data(), blocks, block, samples});
        for_each(ctx, Kernel(option_label, double(count * blocks + count) * sizeof(Sums)), Range<1>{count},
                 OptionSums<Sums>{d_partial.data(), d_sums.data(), blocks});
        simt::detail::copy_bytes(out.data() + first, Backend::Cpu, d_sums.data(), ctx.backend(),
                           std::size_t(count) * sizeof(Sums));
    }
    return out;
}
}  // namespace detail

Index gbm_block_samples(Index samples) {
    constexpr Index min_block = 128, max_blocks = Index(1) << 16;
    return std::max(min_block, (samples + max_blocks - 1) / max_blocks);
}

std::vector<PathSums> gbm_batch_sums(const Context& ctx, const std::vector<GbmPathKernel>& kernels, Index samples) {
    const bool fp32 = !kernels.empty() && kernels.front().fp32;
    if (!fp32) return detail::batch_sums<PathSums>(ctx, "montecarlo.gbm.blocks", "montecarlo.gbm.options", kernels, samples);
    std::vector<GbmFp32Sampler> samplers;
    samplers.reserve(kernels.size());
    for (const GbmPathKernel& k : kernels) {
        if (!k.fp32) throw ConfigError("gbm_batch_sums: fp32 and fp64 options in one batch");
        samplers.push_back(make_gbm_fp32_sampler(k));
    }
    constexpr Index per_unit = GbmFp32Sampler::samples_per_unit;
    if (samples % per_unit != 0)
        throw ConfigError(fmt::format("gbm_batch_sums: {} samples; fp32 paths come in multiples of {}", samples, per_unit));
    return detail::batch_sums<PathSums>(ctx, "montecarlo.gbm_fp32.blocks", "montecarlo.gbm_fp32.options", samplers,
                                        samples / per_unit);
}

GbmFp32Sampler make_gbm_fp32_sampler(const GbmPathKernel& k) {
    return GbmFp32Sampler{k, float(k.drift_dt), float(k.vol_sqrt_dt), std::exp(k.log_spot)};
}

std::vector<GreekSums> gbm_greek_batch_sums(const Context& ctx, const std::vector<GbmGreekKernel>& kernels,
                                            Index samples) {
    return detail::batch_sums<GreekSums>(ctx, "montecarlo.gbm_greeks.blocks", "montecarlo.gbm_greeks.options",
                                         kernels, samples);
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
    k.pathwise = c.payoff == GbmPayoff::European;
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
