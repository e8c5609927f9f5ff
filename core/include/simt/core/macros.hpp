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

/// Every call inside the function it marks is inlined, recursively (g++): for the CPU's loop
/// over a line of cells, where a call left in the loop stops the vectoriser (lbm_collide is past
/// g++'s own inlining limits).
#if defined(__GNUC__) && !defined(__clang__) && !defined(__CUDA_ARCH__)
#define SIMT_FLATTEN __attribute__((flatten))
#else
#define SIMT_FLATTEN
#endif

/// Compiles the function it marks three times, for the x86-64 baseline (SSE2), AVX2 and x86-64-v4
/// (AVX-512 with masks and gathers at every vector width), by g++'s function multiversioning; the
/// widest version the CPU runs is picked when the program loads: the default build stays portable
/// and still uses the vector units it finds.
/// Only where nvcc does not see the code and the compiler is g++ on x86-64; elsewhere the one
/// version of the build's own flags. The clones change no result: fp-contract=off keeps AVX-512's
/// FMA from fusing a multiply and an add (g++ contracts them by default), and the baseline has no
/// FMA to fuse with.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__CUDACC__)
#define SIMT_CPU_ISA_CLONES __attribute__((target_clones("default", "avx2", "arch=x86-64-v4"), optimize("fp-contract=off")))
#else
#define SIMT_CPU_ISA_CLONES
#endif

/// Fully unrolls the next loop (at most 32 trips on the host). Loops over lattice directions
/// need it: unrolled, every table lookup and local-array index is a constant and the arrays live
/// in registers; left rolled on the GPU, both go to local memory (a 304-byte stack frame once cut
/// D3Q19 from 17,500 to 92 MLUPs on an H100), and g++ cannot vectorise the cell update.
#if defined(__CUDA_ARCH__)
#define SIMT_UNROLL _Pragma("unroll")
#elif defined(__GNUC__) && !defined(__clang__)  // nvcc's host pass too (it passes it on to g++)
#define SIMT_UNROLL _Pragma("GCC unroll 32")
#else
#define SIMT_UNROLL
#endif

#if defined(__CUDA_ARCH__)
#define SIMT_ON_DEVICE() 1
#else
#define SIMT_ON_DEVICE() 0
#endif

namespace simt {
/// Flat index into arrays: 64-bit, since 2^31 cells are reached on one GPU.
using Index = long long;
}  // namespace simt
