// SPDX-License-Identifier: MIT
// The batch engine's launches, for every sample functor (GBM, the generic model kernels,
// Sobol, Longstaff–Schwartz's pricing pass): include only from sources listed in
// simt_device_sources(). The design: gbm_batch.hpp and docs/montecarlo.md.
#pragma once
#include <algorithm>
#include <vector>
#include <simt/core/buffer.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/memory.hpp>
#include <simt/montecarlo/gbm_batch.hpp>

namespace simt::montecarlo {
namespace detail {
// Functors, not SIMT_LAMBDAs: each is instantiated for several sample types.

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
}  // namespace simt::montecarlo
