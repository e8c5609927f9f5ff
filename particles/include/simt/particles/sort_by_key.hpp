// SPDX-License-Identifier: MIT
// Stable sort of (key, value) pairs by key: CUB's radix sort on the GPU, a counting sort on the
// CPU. Both are stable, so equal keys keep their input order and the two backends give the same
// permutation.
#pragma once
#include <cstdint>
#include <simt/core/buffer.hpp>
#include <simt/core/context.hpp>

namespace simt::particles {
/// Sorts the first n pairs (keys_in, values_in) into (keys_out, values_out); keys < key_count.
void sort_by_key(const Context& ctx, const Buffer<std::uint32_t>& keys_in, const Buffer<std::int32_t>& values_in,
                 Buffer<std::uint32_t>& keys_out, Buffer<std::int32_t>& values_out, Index n, std::uint32_t key_count);

namespace detail {
#if SIMT_ENABLE_CUDA
/// cub::DeviceRadixSort::SortPairs over the low `key_bits` bits, on the context's stream.
void radix_sort_pairs_cuda(const Context& ctx, const std::uint32_t* keys_in, const std::int32_t* values_in,
                           std::uint32_t* keys_out, std::int32_t* values_out, Index n, int key_bits);
#endif
}  // namespace detail
}  // namespace simt::particles
