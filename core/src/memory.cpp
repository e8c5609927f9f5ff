// SPDX-License-Identifier: MIT
#include <simt/core/memory.hpp>

#include <cstdlib>
#include <cstring>
#include <new>
#include <simt/core/error.hpp>
#if SIMT_ENABLE_CUDA
#include <simt/core/cuda_check.hpp>
#endif

namespace simt::detail {
namespace {
constexpr std::size_t host_alignment = 64;  // a cache line; AVX-512 loads stay aligned
}

void* allocate(Backend where, std::size_t bytes) {
    if (bytes == 0) return nullptr;
    if (where == Backend::Cuda) {
#if SIMT_ENABLE_CUDA
        void* p = nullptr;
        SIMT_CUDA_CHECK(cudaMalloc(&p, bytes));
        return p;
#else
        throw Unsupported("allocate: this simt was built without CUDA");
#endif
    }
    const std::size_t rounded = (bytes + host_alignment - 1) / host_alignment * host_alignment;
    void* p = std::aligned_alloc(host_alignment, rounded);
    if (!p) throw std::bad_alloc();
    return p;
}

void deallocate(Backend where, void* p) noexcept {
    if (!p) return;
    if (where == Backend::Cuda) {
#if SIMT_ENABLE_CUDA
        cudaFree(p);  // a failure here cannot be reported from a destructor
#endif
        return;
    }
    std::free(p);
}

void copy_bytes(void* dst, Backend dst_where, const void* src, Backend src_where, std::size_t bytes) {
    if (bytes == 0) return;
    if (dst_where == Backend::Cpu && src_where == Backend::Cpu) {
        std::memcpy(dst, src, bytes);
        return;
    }
#if SIMT_ENABLE_CUDA
    // cudaMemcpyDefault lets unified addressing pick the direction.
    SIMT_CUDA_CHECK(cudaMemcpy(dst, src, bytes, cudaMemcpyDefault));
#else
    throw Unsupported("copy_bytes: this simt was built without CUDA");
#endif
}
}  // namespace simt::detail
