// SPDX-License-Identifier: MIT
// for_each: run a SIMT_LAMBDA over a 1-, 2- or 3-D index range on the context's backend —
// an OpenMP loop on the CPU, one thread per index on the GPU. The only place that launches.
#pragma once
#include <type_traits>
#include <simt/core/context.hpp>
#include <simt/core/range.hpp>
#if SIMT_ENABLE_CUDA
#if !defined(__CUDACC__)
#error "A file that launches kernels must be compiled as CUDA in a CUDA build: list it in simt_device_sources()"
#endif
#include <simt/core/cuda_check.hpp>
#endif

namespace simt {
namespace detail {
#if SIMT_ENABLE_CUDA
template <class F>
__global__ void for_each_kernel_1d(Index n, F f) {
    const Index i = Index(blockIdx.x) * blockDim.x + threadIdx.x;
    if (i < n) f(i);
}
template <class F>
__global__ void for_each_kernel_2d(int nx, int ny, F f) {
    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    const int j = blockIdx.y * blockDim.y + threadIdx.y;
    if (i < nx && j < ny) f(i, j);
}
// One index per thread and no loop: a loop around an inlined stencil made nvcc keep values
// live across iterations and cost a third of the bandwidth on an H100.
template <class F>
__global__ void for_each_kernel_3d(int nx, int ny, int nz, F f) {
    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    const int j = blockIdx.y * blockDim.y + threadIdx.y;
    const int k = blockIdx.z * blockDim.z + threadIdx.z;
    if (i < nx && j < ny && k < nz) f(i, j, k);
}
inline unsigned blocks_for(Index n, unsigned per_block) { return unsigned((n + per_block - 1) / per_block); }
void check_grid_dims(unsigned gy, unsigned gz, const char* label);  // gridDim.y/z <= 65535
#endif

/// One x-line of a 2-D or 3-D range on the CPU, `at(i)` calling the kernel at (i, j[, k]). The
/// line is a SIMD loop: the per-cell code is inlined and its index arithmetic in j and k is
/// invariant along the line, so g++ vectorises whatever holds no branch on i and no call. On an
/// interior line (0 < j < ny - 1, 0 < k < nz - 1) of a kernel that accepts Interior, the cells
/// 0 < i < nx - 1 go through `at_interior(i)`, which passes it: the kernel's tests for the
/// faces then drop out of the loop.
template <class At, class AtInterior>
SIMT_FLATTEN inline void cpu_x_line(int nx, bool interior_line, At at, AtInterior at_interior) {
    if (interior_line && nx >= 3) {
        at(0);
#pragma omp simd
        for (int i = 1; i < nx - 1; ++i) at_interior(i);
        at(nx - 1);
        return;
    }
#pragma omp simd
    for (int i = 0; i < nx; ++i) at(i);
}

/// A kernel that declares `static constexpr bool cpu_isa_clones = true` has its CPU x-lines
/// compiled for each x86-64 vector width (SIMT_CPU_ISA_CLONES): worth it where a cell update
/// holds more values than SSE2's 16 registers (the D3Q19 step), at three times the code.
template <class F, class = void>
struct wants_cpu_isa_clones : std::false_type {};
template <class F>
struct wants_cpu_isa_clones<F, std::enable_if_t<F::cpu_isa_clones>> : std::true_type {};

/// This thread's share of the x-lines of a 2-D or 3-D range (an orphaned `omp for`: inside a
/// parallel region the threads split the lines, outside it one thread runs them all).
template <class F>
SIMT_FLATTEN inline void cpu_x_lines(Range<2> r, const F& f) {
    constexpr bool tagged = std::is_invocable_v<const F&, int, int, Interior>;
#pragma omp for schedule(static)
    for (int j = 0; j < r.ny; ++j) {
        cpu_x_line(
            r.nx, tagged && j > 0 && j < r.ny - 1, [&](int i) { f(i, j); },
            [&](int i) {
                if constexpr (tagged) f(i, j, Interior{});
            });
    }
}
template <class F>
SIMT_FLATTEN inline void cpu_x_lines(Range<3> r, const F& f) {
    constexpr bool tagged = std::is_invocable_v<const F&, int, int, int, Interior>;
#pragma omp for collapse(2) schedule(static)
    for (int k = 0; k < r.nz; ++k) {
        for (int j = 0; j < r.ny; ++j) {
            cpu_x_line(
                r.nx, tagged && j > 0 && j < r.ny - 1 && k > 0 && k < r.nz - 1, [&](int i) { f(i, j, k); },
                [&](int i) {
                    if constexpr (tagged) f(i, j, k, Interior{});
                });
        }
    }
}

/// cpu_x_lines in the baseline, AVX2 and AVX-512 (SIMT_CPU_ISA_CLONES), for the kernels that
/// ask for it (wants_cpu_isa_clones).
template <class F, class R>
SIMT_CPU_ISA_CLONES SIMT_FLATTEN void cpu_x_lines_widest(R r, const F& f) {
    cpu_x_lines(r, f);
}

/// The CPU side of for_each over a 2-D or 3-D range.
template <class F, class R>
void cpu_for_each_lines(R r, const F& f) {
#pragma omp parallel if (r.size() >= detail::min_parallel_indices)
    {
        if constexpr (wants_cpu_isa_clones<F>::value) {
            cpu_x_lines_widest(r, f);
        } else {
            cpu_x_lines(r, f);
        }
    }
}
}  // namespace detail

template <class F>
void for_each(const Context& ctx, const Kernel& kernel, Range<1> r, F f) {
    auto launch = ctx.profiler().start(kernel, ctx.backend(), ctx.stream());
    if (ctx.on_gpu()) {
#if SIMT_ENABLE_CUDA
        if (r.n > 0) {
            constexpr unsigned block = 256;
            detail::for_each_kernel_1d<<<detail::blocks_for(r.n, block), block, 0,
                                         static_cast<cudaStream_t>(ctx.stream())>>>(r.n, f);
            SIMT_CUDA_CHECK(cudaGetLastError());
        }
#endif
    } else {
#pragma omp parallel for schedule(static) if (r.n >= kernel.cpu_parallel_from)
        for (Index i = 0; i < r.n; ++i) f(i);
    }
    launch.stop();
}

template <class F>
void for_each(const Context& ctx, const Kernel& kernel, Range<2> r, F f) {
    auto launch = ctx.profiler().start(kernel, ctx.backend(), ctx.stream());
    if (ctx.on_gpu()) {
#if SIMT_ENABLE_CUDA
        if (r.size() > 0) {
            // A warp spans contiguous x: coalesced rows.
            const dim3 block(ctx.launch_shape().block_x, ctx.launch_shape().block_y);
            const dim3 grid(detail::blocks_for(r.nx, block.x), detail::blocks_for(r.ny, block.y));
            detail::check_grid_dims(grid.y, 1, kernel.label);
            detail::for_each_kernel_2d<<<grid, block, 0, static_cast<cudaStream_t>(ctx.stream())>>>(
                r.nx, r.ny, f);
            SIMT_CUDA_CHECK(cudaGetLastError());
        }
#endif
    } else {
        detail::cpu_for_each_lines(r, f);
    }
    launch.stop();
}

template <class F>
void for_each(const Context& ctx, const Kernel& kernel, Range<3> r, F f) {
    auto launch = ctx.profiler().start(kernel, ctx.backend(), ctx.stream());
    if (ctx.on_gpu()) {
#if SIMT_ENABLE_CUDA
        if (r.size() > 0) {
            const LaunchShape& shape = ctx.launch_shape();
            // A one-plane range (a 2-D grid stored as 3-D) gains nothing from a deep block.
            const dim3 block(shape.block_x, shape.block_y, r.nz > 1 ? shape.block_z : 1);
            const dim3 grid(detail::blocks_for(r.nx, block.x), detail::blocks_for(r.ny, block.y),
                            detail::blocks_for(r.nz, block.z));
            detail::check_grid_dims(grid.y, grid.z, kernel.label);
            detail::for_each_kernel_3d<<<grid, block, 0, static_cast<cudaStream_t>(ctx.stream())>>>(
                r.nx, r.ny, r.nz, f);
            SIMT_CUDA_CHECK(cudaGetLastError());
        }
#endif
    } else {
        detail::cpu_for_each_lines(r, f);
    }
    launch.stop();
}
}  // namespace simt
