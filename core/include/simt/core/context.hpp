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
/// GPU thread-block shape of 2-D and 3-D for_each (block_z only in 3-D). A block that spans
/// several z planes finds a stencil's k +- 1 neighbours in L1 instead of L2. bench_bandwidth
/// --sweep times the choices; the defaults are its best on an H100 (docs/performance.md).
struct LaunchShape {
    unsigned block_x = 128;
    unsigned block_y = 2;
    unsigned block_z = 1;
};

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
    const LaunchShape& launch_shape() const { return m_launch_shape; }
    void set_launch_shape(const LaunchShape& s);
    /// Device scratch memory of at least `bytes`, reused across calls (not thread-safe).
    void* scratch(std::size_t bytes) const;

   private:
    Backend m_backend;
    void* m_stream = nullptr;
    std::unique_ptr<Profiler> m_profiler;
    mutable Buffer<unsigned char> m_scratch;
    LaunchShape m_launch_shape;
};
}  // namespace simt
