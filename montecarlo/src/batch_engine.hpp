// SPDX-License-Identifier: MIT
// The batch engine's launches, for every sample functor (GBM, the generic model kernels,
// Sobol, Longstaff–Schwartz's pricing pass): include only from sources listed in
// simt_device_sources(). The design: gbm_batch.hpp and docs/montecarlo.md.
#pragma once
#include <algorithm>
#include <vector>
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

/// Index p = option * runs + r: the sum of run r of that option's `per_option` values (runs of
/// `run` values, the last one shorter), in order. Applied twice (blocks in runs of
/// blocks_per_run, then the runs) it adds an option's partials in a fixed order on every backend, with enough
/// threads for the first level; CUB's segmented reduction would add in a tree of its own.
template <class Sums>
struct RunSums {
    const Sums* in;
    Sums* out;
    Index per_option, run, runs;
    SIMT_INLINE void operator()(Index p) const {
        const Index o = p / runs, first = (p % runs) * run;
        const Index last = first + run < per_option ? first + run : per_option;
        Sums s{};
        for (Index i = first; i < last; ++i) s = s + in[o * per_option + i];
        out[p] = s;
    }
};

/// Partials held at once: options are launched in chunks of about this many blocks.
constexpr Index max_pairs_per_launch = Index(1) << 20;
/// Blocks added by one thread in the first level of the per-option sum: about sqrt(blocks), so
/// that neither level is a long serial loop (1,024 per run left a book of 10,000 options with one
/// thread per option adding 782 partials: 3.6 of its 24 ms on an H100).
inline Index blocks_per_run(Index blocks) {
    Index run = 1;
    while (run * run < blocks) ++run;
    return run;
}

/// Aligned arrays carved out of the context's scratch memory: reserve every array, bind, then
/// take them in the same order.
class ScratchArrays {
   public:
    template <class T>
    void reserve(Index n) {
        m_bytes += aligned(std::size_t(n) * sizeof(T));
    }
    void bind(const Context& ctx) { m_base = static_cast<unsigned char*>(ctx.scratch(m_bytes)); }
    template <class T>
    T* take(Index n) {
        T* p = reinterpret_cast<T*>(m_base + m_used);
        m_used += aligned(std::size_t(n) * sizeof(T));
        return p;
    }

   private:
    static std::size_t aligned(std::size_t b) { return (b + 255) / 256 * 256; }
    std::size_t m_bytes = 0, m_used = 0;
    unsigned char* m_base = nullptr;
};

template <class Sums, class Sampler>
std::vector<Sums> batch_sums(const Context& ctx, const char* block_label, const char* option_label,
                             const std::vector<Sampler>& samplers, Index samples) {
    const Index n = Index(samplers.size());
    std::vector<Sums> out(std::size_t(n), Sums{});
    if (n == 0 || samples == 0) return out;
    const Index block = gbm_block_samples(samples);
    const Index blocks = (samples + block - 1) / block;
    const Index run = blocks_per_run(blocks), runs = (blocks + run - 1) / run;
    const Index chunk = std::min(n, std::max<Index>(1, max_pairs_per_launch / blocks));
    ScratchArrays scratch;
    scratch.reserve<Sampler>(chunk);
    scratch.reserve<Sums>(chunk * blocks);
    scratch.reserve<Sums>(chunk * runs);
    scratch.reserve<Sums>(chunk);
    scratch.bind(ctx);
    Sampler* d_samplers = scratch.take<Sampler>(chunk);
    Sums* d_partial = scratch.take<Sums>(chunk * blocks);
    Sums* d_runs = scratch.take<Sums>(chunk * runs);
    Sums* d_sums = scratch.take<Sums>(chunk);
    Kernel block_kernel(block_label), run_kernel(option_label);
    block_kernel.cpu_parallel_from = run_kernel.cpu_parallel_from = 2;  // every index is a loop of its own
    for (Index first = 0; first < n; first += chunk) {
        const Index count = std::min(chunk, n - first);
        simt::detail::copy_bytes(d_samplers, ctx.backend(), samplers.data() + first, Backend::Cpu,
                                 std::size_t(count) * sizeof(Sampler));
        for_each(ctx, block_kernel, Range<1>{count * blocks},
                 BlockSums<Sampler, Sums>{d_samplers, d_partial, blocks, block, samples});
        for_each(ctx, run_kernel, Range<1>{count * runs}, RunSums<Sums>{d_partial, d_runs, blocks, run, runs});
        for_each(ctx, run_kernel, Range<1>{count}, RunSums<Sums>{d_runs, d_sums, runs, runs, 1});
        simt::detail::copy_bytes(out.data() + first, Backend::Cpu, d_sums, ctx.backend(),
                                 std::size_t(count) * sizeof(Sums));
    }
    return out;
}
}  // namespace detail
}  // namespace simt::montecarlo
