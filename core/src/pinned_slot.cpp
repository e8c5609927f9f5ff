// SPDX-License-Identifier: MIT
#include <simt/core/pinned_slot.hpp>

#include <simt/config.hpp>

#include <cstdlib>
#include <simt/core/error.hpp>
#if SIMT_ENABLE_CUDA
#include <simt/core/cuda_check.hpp>
#endif

namespace simt::detail {
PinnedSlot::PinnedSlot(Backend where, std::size_t bytes) : m_where(where) {
#if SIMT_ENABLE_CUDA
    if (where == Backend::Cuda) {
        SIMT_CUDA_CHECK(cudaMallocHost(&m_host, bytes));
        cudaEvent_t event = nullptr;
        SIMT_CUDA_CHECK(cudaEventCreateWithFlags(&event, cudaEventDisableTiming));
        m_event = event;
        return;
    }
#endif
    m_host = std::calloc(1, bytes);
    if (m_host == nullptr) throw Error("PinnedSlot: out of host memory");
}

PinnedSlot::~PinnedSlot() {
#if SIMT_ENABLE_CUDA
    if (m_where == Backend::Cuda) {
        cudaEventDestroy(static_cast<cudaEvent_t>(m_event));  // no throw from a destructor
        cudaFreeHost(m_host);
        return;
    }
#endif
    std::free(m_host);
}

void PinnedSlot::record(void* stream) {
#if SIMT_ENABLE_CUDA
    if (m_where == Backend::Cuda) SIMT_CUDA_CHECK(cudaEventRecord(static_cast<cudaEvent_t>(m_event), static_cast<cudaStream_t>(stream)));
#else
    (void)stream;
#endif
}

void PinnedSlot::wait() const {
#if SIMT_ENABLE_CUDA
    if (m_where == Backend::Cuda) SIMT_CUDA_CHECK(cudaEventSynchronize(static_cast<cudaEvent_t>(m_event)));
#endif
}
}  // namespace simt::detail
