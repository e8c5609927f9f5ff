// SPDX-License-Identifier: MIT
// reduce: combine f(index) over a 1-, 2- or 3-D range with Sum, Min or Max. CUB's
// DeviceReduce on the GPU; per-thread partials combined in thread order on the CPU, so a
// given thread count always gives the same bits.
#pragma once
#include <limits>
#include <vector>
#include <simt/core/for_each.hpp>
#if defined(_OPENMP)
#include <omp.h>
#endif
#if SIMT_ENABLE_CUDA
#include <cub/device/device_reduce.cuh>
#include <thrust/iterator/counting_iterator.h>
#include <simt/core/cuda_check.hpp>
#endif

namespace simt {
struct Sum {
    template <class T>
    static constexpr T identity() { return T(0); }
    template <class T>
    SIMT_INLINE T operator()(T a, T b) const { return a + b; }
};
struct Min {
    template <class T>
    static constexpr T identity() {
        return std::numeric_limits<T>::has_infinity ? std::numeric_limits<T>::infinity()
                                                    : std::numeric_limits<T>::max();
    }
    template <class T>
    SIMT_INLINE T operator()(T a, T b) const { return b < a ? b : a; }
};
struct Max {
    template <class T>
    static constexpr T identity() {
        return std::numeric_limits<T>::has_infinity ? -std::numeric_limits<T>::infinity()
                                                    : std::numeric_limits<T>::lowest();
    }
    template <class T>
    SIMT_INLINE T operator()(T a, T b) const { return a < b ? b : a; }
};

namespace detail {
/// Calls f with the N-D index of a flat index (first index fastest).
template <int N, class F>
struct Unflatten;
template <class F>
struct Unflatten<1, F> {
    Range<1> r;
    F f;
    SIMT_INLINE auto operator()(Index n) const { return f(n); }
};
template <class F>
struct Unflatten<2, F> {
    Range<2> r;
    F f;
    SIMT_INLINE auto operator()(Index n) const { return f(int(n % r.nx), int(n / r.nx)); }
};
template <class F>
struct Unflatten<3, F> {
    Range<3> r;
    F f;
    SIMT_INLINE auto operator()(Index n) const {
        const Index plane = Index(r.nx) * r.ny;
        const Index rem = n % plane;
        return f(int(rem % r.nx), int(rem / r.nx), int(n / plane));
    }
};

#if SIMT_ENABLE_CUDA
/// Enqueues the reduction of g over [0, n) on the context's stream; returns where its result
/// will be, in the context's scratch (valid until the next user of the scratch in stream order).
template <class T, class Op, class G>
const T* reduce_on_device(const Context& ctx, Index n, Op op, const G& g) {
    auto stream = static_cast<cudaStream_t>(ctx.stream());
    thrust::counting_iterator<Index> first(0);
    std::size_t temp_bytes = 0;
    const T init = Op::template identity<T>();
    SIMT_CUDA_CHECK(cub::DeviceReduce::TransformReduce(nullptr, temp_bytes, first, (T*)nullptr, n, op, g, init, stream));
    const std::size_t out_offset = (temp_bytes + 255) / 256 * 256;
    auto* scratch = static_cast<unsigned char*>(ctx.scratch(out_offset + sizeof(T)));
    T* d_out = reinterpret_cast<T*>(scratch + out_offset);
    SIMT_CUDA_CHECK(cub::DeviceReduce::TransformReduce(scratch, temp_bytes, first, d_out, n, op, g, init, stream));
    return d_out;
}
#endif
}  // namespace detail

/// Returns op-combination of f over r, f returning T (its return type must be T exactly).
template <class T, int N, class Op, class F>
T reduce(const Context& ctx, const Kernel& kernel, Range<N> r, Op op, F f) {
    const detail::Unflatten<N, F> g{r, f};
    const Index n = r.size();
    T result = Op::template identity<T>();
    auto launch = ctx.profiler().start(kernel, ctx.backend(), ctx.stream());
    if (ctx.on_gpu()) {
#if SIMT_ENABLE_CUDA
        if (n > 0) {
            auto stream = static_cast<cudaStream_t>(ctx.stream());
            const T* d_out = detail::reduce_on_device<T>(ctx, n, op, g);
            SIMT_CUDA_CHECK(cudaMemcpyAsync(&result, d_out, sizeof(T), cudaMemcpyDeviceToHost, stream));
            SIMT_CUDA_CHECK(cudaStreamSynchronize(stream));
        }
#endif
    } else {
        int threads = 1;
#if defined(_OPENMP)
        if (n >= detail::min_parallel_indices) threads = omp_get_max_threads();
#endif
        std::vector<T> partial(threads, result);
#pragma omp parallel num_threads(threads)
        {
            int t = 0;
#if defined(_OPENMP)
            t = omp_get_thread_num();
#endif
            T local = Op::template identity<T>();
#pragma omp for schedule(static)
            for (Index i = 0; i < n; ++i) local = op(local, T(g(i)));
            partial[t] = local;
        }
        for (const T& p : partial) result = op(result, p);
    }
    launch.stop();
    return result;
}
}  // namespace simt
