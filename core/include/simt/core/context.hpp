// SPDX-License-Identifier: MIT
// Context: what every kernel launch needs — the backend, the CUDA stream, the profiler and a
// scratch buffer for library temporaries (CUB). One per Simulation.
#pragma once
#include <cstddef>
#include <memory>
#include <simt/core/backend.hpp>
#include <simt/core/buffer.hpp>
#include <simt/core/profiler.hpp>

namespace simt {
class Context {
   public:
    explicit Context(Backend b);
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    Backend backend() const { return m_backend; }
    bool on_gpu() const { return m_backend == Backend::Cuda; }
    /// The cudaStream_t kernels run on (nullptr on the CPU).
    void* stream() const { return m_stream; }
    Profiler& profiler() const { return *m_profiler; }
    /// Waits for all queued work on this context's stream.
    void synchronize() const;
    /// Device scratch memory of at least `bytes`, reused across calls (not thread-safe).
    void* scratch(std::size_t bytes) const;

   private:
    Backend m_backend;
    void* m_stream = nullptr;
    std::unique_ptr<Profiler> m_profiler;
    mutable Buffer<unsigned char> m_scratch;
};
}  // namespace simt
