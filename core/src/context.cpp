// SPDX-License-Identifier: MIT
#include <simt/core/context.hpp>

#include <simt/core/error.hpp>

#if SIMT_ENABLE_CUDA
#include <simt/core/cuda_check.hpp>
#endif

namespace simt {
Context::Context(Backend b) : m_backend(b), m_profiler(std::make_unique<Profiler>()) {
#if SIMT_ENABLE_CUDA
    if (b == Backend::Cuda) {
        cudaStream_t s = nullptr;
        SIMT_CUDA_CHECK(cudaStreamCreate(&s));  // blocking: cudaMemcpy still orders after it
        m_stream = s;
    }
#endif
}

Context::~Context() {
#if SIMT_ENABLE_CUDA
    m_profiler.reset();  // its events belong to this device context
    if (m_stream) cudaStreamDestroy(static_cast<cudaStream_t>(m_stream));
#endif
}

void Context::synchronize() const {
#if SIMT_ENABLE_CUDA
    if (m_stream) SIMT_CUDA_CHECK(cudaStreamSynchronize(static_cast<cudaStream_t>(m_stream)));
#endif
}

void Context::set_launch_shape(const LaunchShape& s) {
    if (s.block_x == 0 || s.block_y == 0 || s.block_z == 0 || s.block_x * s.block_y * s.block_z > 1024) {
        throw Error("Context: launch shape needs non-zero sizes and at most 1024 threads per block");
    }
    m_launch_shape = s;
}

void* Context::scratch(std::size_t bytes) const {
    if (m_scratch.size() < bytes) {
        synchronize();  // work queued earlier may still use the old scratch
        m_scratch = Buffer<unsigned char>(m_backend, bytes);
    }
    return m_scratch.data();
}
}  // namespace simt
