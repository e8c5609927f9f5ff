// SPDX-License-Identifier: MIT
// Readback: a reduction (or a value kernels wrote) whose result the host collects later, without draining the stream. On
// the GPU the result is copied to pinned host memory by cudaMemcpyAsync and an event marks its
// arrival, so the host can enqueue more work before it waits; on the CPU the value is there at once.
#pragma once
#include <simt/core/pinned_slot.hpp>
#include <simt/core/reduce.hpp>

namespace simt {
template <class T>
class Readback {
   public:
    explicit Readback(Backend where) : m_slot(where, sizeof(T)) {}

    /// Enqueues op-combination of f over r (as simt::reduce); get() returns it.
    template <class Op, class F>
    void reduce(const Context& ctx, const Kernel& kernel, Range<1> r, Op op, F f) {
        if (!ctx.on_gpu()) {
            *static_cast<T*>(m_slot.data()) = simt::reduce<T>(ctx, kernel, r, op, f);
            return;
        }
#if SIMT_ENABLE_CUDA
        auto launch = ctx.profiler().start(kernel, ctx.backend(), ctx.stream());
        const detail::Unflatten<1, F> g{r, f};
        T* host = static_cast<T*>(m_slot.data());
        *host = Op::template identity<T>();
        if (r.n > 0) {
            const T* d_out = detail::reduce_on_device<T>(ctx, r.n, op, g);
            SIMT_CUDA_CHECK(cudaMemcpyAsync(host, d_out, sizeof(T), cudaMemcpyDeviceToHost,
                                            static_cast<cudaStream_t>(ctx.stream())));
        }
        m_slot.record(ctx.stream());
        launch.stop();
#endif
    }
    /// Enqueues the copy of a value that kernels leave at `value` (memory of the context's
    /// backend); get() returns it.
    void copy(const Context& ctx, const T* value) {
        if (!ctx.on_gpu()) {
            *static_cast<T*>(m_slot.data()) = *value;
            return;
        }
#if SIMT_ENABLE_CUDA
        SIMT_CUDA_CHECK(cudaMemcpyAsync(m_slot.data(), value, sizeof(T), cudaMemcpyDeviceToHost,
                                        static_cast<cudaStream_t>(ctx.stream())));
        m_slot.record(ctx.stream());
#endif
    }
    /// The value of the last reduce() or copy(); on the GPU waits until the stream has produced it.
    T get() const {
        m_slot.wait();
        return *static_cast<const T*>(m_slot.data());
    }

   private:
    detail::PinnedSlot m_slot;
};
}  // namespace simt
