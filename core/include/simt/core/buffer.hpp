// SPDX-License-Identifier: MIT
// Buffer<T>: owns n elements on one backend. Moves, never copies implicitly; copies across
// backends are explicit (to_host, copy_from).
#pragma once
#include <cstddef>
#include <utility>
#include <vector>
#include <simt/core/memory.hpp>
#include <simt/core/error.hpp>
#include <simt/core/view.hpp>

namespace simt {
template <class T>
class Buffer {
   public:
    Buffer() = default;
    Buffer(Backend where, std::size_t n)
        : m_where(where), m_size(n),
          m_data(n ? static_cast<T*>(detail::allocate(where, n * sizeof(T))) : nullptr) {}
    ~Buffer() { detail::deallocate(m_where, m_data); }
    Buffer(Buffer&& o) noexcept { swap(o); }
    Buffer& operator=(Buffer&& o) noexcept {
        Buffer tmp(std::move(o));
        swap(tmp);
        return *this;
    }
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    Backend backend() const { return m_where; }
    std::size_t size() const { return m_size; }
    std::size_t bytes() const { return m_size * sizeof(T); }
    T* data() const { return m_data; }

    /// Contiguous N-D view with the first index fastest; the extents must cover the buffer.
    template <int N>
    View<T, N> view(const Index (&ext)[N]) const {
        return View<T, N>(m_data, ext);
    }
    View<T, 1> view() const { return View<T, 1>(m_data, {static_cast<Index>(m_size)}); }

    std::vector<T> to_host() const {
        std::vector<T> h(m_size);
        detail::copy_bytes(h.data(), Backend::Cpu, m_data, m_where, bytes());
        return h;
    }
    /// Copies size() elements from host memory.
    void copy_from_host(const T* src) { detail::copy_bytes(m_data, m_where, src, Backend::Cpu, bytes()); }
    /// Copies all elements from another buffer of the same size, on any backend.
    void copy_from(const Buffer& src) {
        SIMT_REQUIRE(src.size() == m_size, "Buffer::copy_from: sizes differ");
        detail::copy_bytes(m_data, m_where, src.m_data, src.m_where, bytes());
    }

   private:
    void swap(Buffer& o) noexcept {
        std::swap(m_where, o.m_where);
        std::swap(m_size, o.m_size);
        std::swap(m_data, o.m_data);
    }
    Backend m_where = Backend::Cpu;
    std::size_t m_size = 0;
    T* m_data = nullptr;
};
}  // namespace simt
