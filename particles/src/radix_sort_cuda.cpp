// SPDX-License-Identifier: MIT
// Built only when SIMT_ENABLE_CUDA (particles/CMakeLists.txt): CUB's radix sort.
#include <simt/particles/sort_by_key.hpp>

#include <cub/device/device_radix_sort.cuh>
#include <simt/core/cuda_check.hpp>

namespace simt::particles::detail {
void radix_sort_pairs_cuda(const Context& ctx, const std::uint32_t* keys_in, const std::int32_t* values_in,
                           std::uint32_t* keys_out, std::int32_t* values_out, Index n, int key_bits) {
    auto stream = static_cast<cudaStream_t>(ctx.stream());
    std::size_t temp_bytes = 0;
    SIMT_CUDA_CHECK(cub::DeviceRadixSort::SortPairs(nullptr, temp_bytes, keys_in, keys_out, values_in, values_out,
                                                    n, 0, key_bits, stream));
    void* temp = ctx.scratch(temp_bytes);
    SIMT_CUDA_CHECK(cub::DeviceRadixSort::SortPairs(temp, temp_bytes, keys_in, keys_out, values_in, values_out, n, 0,
                                                    key_bits, stream));
}
}  // namespace simt::particles::detail
