// SPDX-License-Identifier: MIT
// View<T,N>: a non-owning, trivially copyable window on memory that kernels capture by value.
#pragma once
#include <type_traits>
#include <simt/core/macros.hpp>

namespace simt {
/// N-dimensional strided view; the first index varies fastest (x, then y, then z), as on a grid
/// whose rows run along x. Strides are in elements.
template <class T, int N>
struct View {
    T* data = nullptr;
    Index extent[N] = {};
    Index stride[N] = {};

    View() = default;
    /// Contiguous view, first index fastest.
    SIMT_HOST_DEVICE View(T* p, const Index (&ext)[N]) : data(p) {
        Index s = 1;
        for (int d = 0; d < N; ++d) {
            extent[d] = ext[d];
            stride[d] = s;
            s *= ext[d];
        }
    }
    /// A view of T converts to a view of const T.
    template <class U, class = std::enable_if_t<std::is_same_v<const U, T>>>
    SIMT_HOST_DEVICE View(const View<U, N>& o) : data(o.data) {
        for (int d = 0; d < N; ++d) {
            extent[d] = o.extent[d];
            stride[d] = o.stride[d];
        }
    }
    SIMT_INLINE Index size() const {
        Index s = 1;
        for (int d = 0; d < N; ++d) s *= extent[d];
        return s;
    }
    /// Element offset of an index: neighbours are then data[offset +- stride[d]].
    template <class... I>
    SIMT_INLINE Index offset(I... idx) const {
        static_assert(sizeof...(I) == N, "View: wrong number of indices");
        const Index ix[N] = {static_cast<Index>(idx)...};
        Index off = 0;
        // Unrolled before g++'s vectoriser sees it: a loop left here stops the SIMD loop around it.
        SIMT_UNROLL
        for (int d = 0; d < N; ++d) off += ix[d] * stride[d];
        return off;
    }
    template <class... I>
    SIMT_INLINE T& operator()(I... idx) const {
        return data[offset(idx...)];
    }
};
}  // namespace simt
