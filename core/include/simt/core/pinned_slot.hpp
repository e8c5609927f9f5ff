// SPDX-License-Identifier: MIT
// A few bytes of host memory the GPU can copy into asynchronously (pinned) and an event marking
// the copy's arrival; plain memory on the CPU. Readback (readback.hpp) is its user.
#pragma once
#include <cstddef>
#include <simt/core/backend.hpp>

namespace simt {
namespace detail {
/// `bytes` of pinned host memory and an event on the GPU; plain memory on the CPU.
class PinnedSlot {
   public:
    PinnedSlot(Backend where, std::size_t bytes);
    ~PinnedSlot();
    PinnedSlot(const PinnedSlot&) = delete;
    PinnedSlot& operator=(const PinnedSlot&) = delete;
    void* data() const { return m_host; }
    /// Marks the point of `stream` after the copy just enqueued (GPU).
    void record(void* stream);
    /// Blocks until the stream has passed the marked point (GPU).
    void wait() const;

   private:
    Backend m_where;
    void* m_host = nullptr;
    void* m_event = nullptr;
};
}  // namespace detail
}  // namespace simt
