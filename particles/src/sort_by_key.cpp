// SPDX-License-Identifier: MIT
#include <simt/particles/sort_by_key.hpp>

#include <vector>
#include <simt/core/error.hpp>

namespace simt::particles {
void sort_by_key(const Context& ctx, const Buffer<std::uint32_t>& keys_in, const Buffer<std::int32_t>& values_in,
                 Buffer<std::uint32_t>& keys_out, Buffer<std::int32_t>& values_out, Index n, std::uint32_t key_count) {
    auto launch = ctx.profiler().start(Kernel("particles.sort_by_key", double(n) * 16), ctx.backend(), ctx.stream());
    if (ctx.on_gpu()) {
#if SIMT_ENABLE_CUDA
        int bits = 1;
        while (bits < 32 && (std::uint64_t(1) << bits) < key_count) ++bits;
        detail::radix_sort_pairs_cuda(ctx, keys_in.data(), values_in.data(), keys_out.data(), values_out.data(), n, bits);
#endif
    } else {
        // Counting sort: histogram, exclusive scan, stable scatter. Serial: O(n + keys) and far
        // cheaper than the neighbour-list build that follows it.
        std::vector<Index> start(std::size_t(key_count) + 1, 0);
        const std::uint32_t* k = keys_in.data();
        for (Index i = 0; i < n; ++i) {
            SIMT_REQUIRE(k[i] < key_count, "sort_by_key: key out of range");
            ++start[k[i] + 1];
        }
        for (std::size_t c = 1; c < start.size(); ++c) start[c] += start[c - 1];
        for (Index i = 0; i < n; ++i) {
            const Index to = start[k[i]]++;
            keys_out.data()[to] = k[i];
            values_out.data()[to] = values_in.data()[i];
        }
    }
    launch.stop();
}
}  // namespace simt::particles
