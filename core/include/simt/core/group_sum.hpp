// SPDX-License-Identifier: MIT
// group_sum: a sum over G consecutive indices of a for_each, for kernels that give one item (a
// particle) several threads when the items alone would leave the GPU's lanes idle. On the GPU the
// G lanes sit in one warp (for_each's blocks are multiples of 32 and G divides 32) and add
// through shuffles; the CPU runs each index alone, so there G must be 1.
#pragma once
#include <simt/core/macros.hpp>

namespace simt {
/// The sum of v over the group of G lanes (a power of two, 1 to 32) that holds this index, in the
/// same order on every lane. Every lane of the group must call it: launch a range that is a
/// multiple of G.
template <int G, class T>
SIMT_INLINE T group_sum(T v) {
    static_assert(G >= 1 && G <= 32 && (G & (G - 1)) == 0, "group_sum: G is a power of two up to a warp");
#if SIMT_ON_DEVICE()
    if constexpr (G > 1) {
        const unsigned lane = threadIdx.x & 31u;
        const unsigned mask = G == 32 ? 0xffffffffu : ((1u << G) - 1u) << (lane & ~unsigned(G - 1));
        SIMT_UNROLL
        for (int offset = G / 2; offset > 0; offset /= 2) v += __shfl_xor_sync(mask, v, offset);
    }
#endif
    return v;
}
}  // namespace simt
