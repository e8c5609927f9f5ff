// SPDX-License-Identifier: MIT
// SIMT_CUDA_CHECK(call): throws simt::DeviceError naming the call, file and line.
#pragma once
#include <simt/config.hpp>
#if SIMT_ENABLE_CUDA
#include <cuda_runtime.h>

namespace simt::detail {
/// Clears CUDA's sticky last error first, so that a caught DeviceError leaves the runtime usable.
void throw_cuda_error(cudaError_t code, const char* call, const char* file, int line);
inline void check_cuda(cudaError_t code, const char* call, const char* file, int line) {
    if (code != cudaSuccess) throw_cuda_error(code, call, file, line);
}
}  // namespace simt::detail

#define SIMT_CUDA_CHECK(call) ::simt::detail::check_cuda((call), #call, __FILE__, __LINE__)
#endif
