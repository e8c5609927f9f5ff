// SPDX-License-Identifier: MIT
// Readback: a value kernels wrote (a flag, a count) that the host collects later, without
// draining the stream. On the GPU it is copied to pinned host memory by cudaMemcpyAsync and an
// event marks its arrival, so the host can enqueue more work before it waits; on the CPU the
// value is there at once.
#pragma once
#include <simt/core/context.hpp>
#include <simt/core/pinned_slot.hpp>
#if SIMT_ENABLE_CUDA
#include <simt/core/cuda_check.hpp>
#endif

namespace simt {
template <class T>
class Readback {
   public:
    explicit Readback(Backend where) : m_slot(where, sizeof(T)) {}

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
    /// The value of the last copy(); on the GPU waits until the stream has produced it.
    T get() const {
        m_slot.wait();
        return *static_cast<const T*>(m_slot.data());
    }

   private:
    detail::PinnedSlot m_slot;
};
}  // namespace simt
