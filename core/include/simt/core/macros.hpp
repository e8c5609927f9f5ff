// SPDX-License-Identifier: MIT
// Host/device qualifiers: one kernel source for g++ (CPU) and nvcc (CPU + GPU).
#pragma once
#include <simt/config.hpp>

#if defined(__CUDACC__)
#define SIMT_HOST_DEVICE __host__ __device__
#define SIMT_LAMBDA [=] __host__ __device__
#else
#define SIMT_HOST_DEVICE
#define SIMT_LAMBDA [=]
#endif
#define SIMT_INLINE SIMT_HOST_DEVICE inline

#if defined(__CUDA_ARCH__)
#define SIMT_ON_DEVICE() 1
#else
#define SIMT_ON_DEVICE() 0
#endif

namespace simt {
/// Flat index into arrays: 64-bit, since 2^31 cells are reached on one GPU.
using Index = long long;
}  // namespace simt
