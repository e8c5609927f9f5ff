// SPDX-License-Identifier: MIT
// The batch engine's launches, for every sample functor (GBM, the generic model kernels,
// Sobol, Longstaff–Schwartz's pricing pass): include only from sources listed in
// simt_device_sources(). The design: gbm_batch.hpp and docs/montecarlo.md.
#pragma once
#include <algorithm>
#include <type_traits>
#include <vector>
#include <simt/core/comm.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/memory.hpp>
#include <simt/montecarlo/gbm_batch.hpp>
#include <simt/montecarlo/rank_share.hpp>

namespace simt::montecarlo {
namespace detail {
// Functors, not SIMT_LAMBDAs: each is instantiated for several sample types.

/// Whether a sampler sums a block on the CPU itself (cpu_block_sums: vectorised across samples).
template <class Sampler, class = void>
struct HasCpuBlockSums : std::false_type {};
template <class Sampler>
struct HasCpuBlockSums<Sampler, std::void_t<decltype(&Sampler::cpu_block_sums)>> : std::true_type {};

/// Pair p = option * blocks + b: the sum of the samples of block first_block + b, in sample order.
template <class Sampler, class Sums>
struct BlockSums {
    const Sampler* samplers;
    Sums* partial;
    Index blocks, first_block, block_samples, samples;
    SIMT_INLINE void operator()(Index p) const {
        const Sampler& f = samplers[p / blocks];
        const Index first = (first_block + p % blocks) * block_samples;
        const Index last = first + block_samples < samples ? first + block_samples : samples;
#if !SIMT_ON_DEVICE()
        if constexpr (HasCpuBlockSums<Sampler>::value) {
            partial[p] = f.cpu_block_sums(first, last);
            return;
        }
#endif
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

/// Partial sums held at once: options are launched in chunks whose partials fill at most this
/// (a 10,000-option book of 64-byte PathSums is then 4 launches, not the 8 of 2^20 pairs).
constexpr std::size_t max_partial_bytes = std::size_t(1) << 27;
/// Blocks added by one thread in the first level of the per-option sum: about sqrt(blocks), so
/// that neither level is a long serial loop (1,024 per run left a book of 10,000 options with one
/// thread per option adding 782 partials: 3.6 of its 24 ms on an H100).
inline Index blocks_per_run(Index blocks) {
    Index run = 1;
    while (run * run < blocks) ++run;
    return run;
}

/// How an option's samples are added: `blocks` blocks of `block` samples, in `runs` runs of
/// `run` blocks (the last block and run shorter); ranks share an option's runs.
struct RunLayout {
    Index block, blocks, run, runs;
};
inline RunLayout run_layout(Index samples) {
    const Index block = gbm_block_samples(samples);
    const Index blocks = (samples + block - 1) / block;
    const Index run = blocks_per_run(blocks);
    return {block, blocks, run, (blocks + run - 1) / run};
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

/// Each option's sum of its runs, added in run order as the last level of one rank's batch_sums
/// adds them, from every rank's sums of its share of the runs (option by option); on every rank.
/// Collective.
template <class Sums>
std::vector<Sums> add_runs_of_ranks(const Comm& ranks, const std::vector<Sums>& mine, Index options, Index runs) {
    static_assert(std::is_trivially_copyable_v<Sums>, "sums travel between ranks as bytes");
    const std::vector<unsigned char> all = ranks.gather(mine.data(), mine.size() * sizeof(Sums));
    std::vector<Sums> out(std::size_t(options), Sums{});
    if (ranks.root()) {
        std::vector<Sums> parts(all.size() / sizeof(Sums));
        std::copy_n(all.data(), all.size(), reinterpret_cast<unsigned char*>(parts.data()));
        Index at = 0;  // rank r's block: options x its runs, after the blocks of ranks 0 to r - 1
        for (int r = 0; r < ranks.size(); ++r) {
            const Index held = rank_share(runs, ranks.size(), r).size();
            for (Index o = 0; o < options; ++o)
                for (Index i = 0; i < held; ++i)
                    out[std::size_t(o)] = out[std::size_t(o)] + parts[std::size_t(at + o * held + i)];
            at += options * held;
        }
    }
    ranks.broadcast(out.data(), out.size() * sizeof(Sums));
    return out;
}

/// The sums of samples [0, samples) of each sampler. Blocks of samples are added in runs of
/// blocks, then the runs; with several `ranks` each takes a contiguous share of every option's
/// runs and the runs' sums meet on rank 0, which adds them in the same order, so any rank count
/// gives the one-rank bits. Collective over `ranks`.
template <class Sums, class Sampler>
std::vector<Sums> batch_sums(const Context& ctx, const Comm& ranks, const char* block_label, const char* option_label,
                             const std::vector<Sampler>& samplers, Index samples) {
    const Index n = Index(samplers.size());
    std::vector<Sums> out(std::size_t(n), Sums{});
    if (n == 0 || samples == 0) return out;
    const auto [block, blocks, run, runs] = run_layout(samples);
    // This rank's runs of every option and their blocks (whole runs: the first level adds as one rank does).
    const RankShare mine = rank_share(runs, ranks.size(), ranks.rank());
    const Index my_runs = mine.size(), first_block = mine.first * run;
    const Index my_blocks = std::min(mine.last * run, blocks) - first_block;
    const Index pairs = Index(max_partial_bytes / sizeof(Sums));
    const Index chunk = std::min(n, std::max<Index>(1, pairs / std::max<Index>(my_blocks, 1)));
    ScratchArrays scratch;
    scratch.reserve<Sampler>(chunk);
    scratch.reserve<Sums>(chunk * my_blocks);
    scratch.reserve<Sums>(chunk * my_runs);
    scratch.reserve<Sums>(chunk);
    scratch.bind(ctx);
    Sampler* d_samplers = scratch.take<Sampler>(chunk);
    Sums* d_partial = scratch.take<Sums>(chunk * my_blocks);
    Sums* d_runs = scratch.take<Sums>(chunk * my_runs);
    Sums* d_sums = scratch.take<Sums>(chunk);
    std::vector<Sums> my_run_sums(ranks.parallel() ? std::size_t(n * my_runs) : 0);
    Kernel block_kernel(block_label), run_kernel(option_label);
    block_kernel.cpu_parallel_from = run_kernel.cpu_parallel_from = 2;  // every index is a loop of its own
    for (Index first = 0; first < n && my_runs > 0; first += chunk) {
        const Index count = std::min(chunk, n - first);
        simt::detail::copy_bytes(d_samplers, ctx.backend(), samplers.data() + first, Backend::Cpu,
                                 std::size_t(count) * sizeof(Sampler));
        for_each(ctx, block_kernel, Range<1>{count * my_blocks},
                 BlockSums<Sampler, Sums>{d_samplers, d_partial, my_blocks, first_block, block, samples});
        for_each(ctx, run_kernel, Range<1>{count * my_runs}, RunSums<Sums>{d_partial, d_runs, my_blocks, run, my_runs});
        if (ranks.parallel()) {
            simt::detail::copy_bytes(my_run_sums.data() + first * my_runs, Backend::Cpu, d_runs, ctx.backend(),
                                     std::size_t(count * my_runs) * sizeof(Sums));
            continue;
        }
        for_each(ctx, run_kernel, Range<1>{count}, RunSums<Sums>{d_runs, d_sums, runs, runs, 1});
        simt::detail::copy_bytes(out.data() + first, Backend::Cpu, d_sums, ctx.backend(),
                                 std::size_t(count) * sizeof(Sums));
    }
    return ranks.parallel() ? add_runs_of_ranks(ranks, my_run_sums, n, runs) : out;
}
}  // namespace detail
}  // namespace simt::montecarlo
