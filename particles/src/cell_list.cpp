// SPDX-License-Identifier: MIT
// Compiled as CUDA in CUDA builds (simt_device_sources): it launches the cell-list kernels.
#include <simt/particles/cell_list.hpp>

#include <algorithm>
#include <cmath>
#include <simt/core/for_each.hpp>
#include <simt/particles/sort_by_key.hpp>

namespace simt::particles {
namespace {
template <class Real>
struct CellKeys {
    const Real* position;
    Index n;
    Box<Real> box;
    int dims[3];
    std::uint32_t* keys;
    std::int32_t* index;
    SIMT_INLINE void operator()(Index i) const {
        int c[3];
        for (int a = 0; a < 3; ++a) c[a] = CellListView::cell_of(position[a * n + i], box.inv_length[a], dims[a]);
        keys[i] = std::uint32_t(c[0] + dims[0] * (c[1] + dims[1] * c[2]));
        index[i] = std::int32_t(i);
    }
};

struct ClearCells {
    std::int32_t* start;
    std::int32_t* end;
    SIMT_INLINE void operator()(Index c) const { start[c] = end[c] = 0; }
};

/// Each run of equal keys in the sorted list is one cell: its first and last place mark it.
struct CellBounds {
    const std::uint32_t* keys;
    Index n;
    std::int32_t* start;
    std::int32_t* end;
    SIMT_INLINE void operator()(Index k) const {
        const std::uint32_t key = keys[k];
        if (k == 0 || keys[k - 1] != key) start[key] = std::int32_t(k);
        if (k == n - 1 || keys[k + 1] != key) end[key] = std::int32_t(k + 1);
    }
};

struct Iota {
    std::int32_t* out;
    SIMT_INLINE void operator()(Index i) const { out[i] = std::int32_t(i); }
};
}  // namespace

template <class Real>
CellList<Real>::CellList(Backend where, Index n, const Box<Real>& box, double min_cell_size)
    : m_n(n), m_box(box) {
    for (int a = 0; a < 3; ++a) m_dims[a] = std::max(1, int(std::floor(double(box.length[a]) / min_cell_size)));
    m_keys = Buffer<std::uint32_t>(where, n);
    m_sorted_keys = Buffer<std::uint32_t>(where, n);
    m_index = Buffer<std::int32_t>(where, n);
    m_order = Buffer<std::int32_t>(where, n);
    m_start = Buffer<std::int32_t>(where, cells());
    m_end = Buffer<std::int32_t>(where, cells());
}

template <class Real>
void CellList<Real>::build(const Context& ctx, const Real* position) {
    const Range<1> particles{m_n};
    for_each(ctx, Kernel("particles.cells.keys", double(m_n) * (3 * sizeof(Real) + 8)), particles,
             CellKeys<Real>{position, m_n, m_box, {m_dims[0], m_dims[1], m_dims[2]}, m_keys.data(), m_index.data()});
    sort_by_key(ctx, m_keys, m_index, m_sorted_keys, m_order, m_n, std::uint32_t(cells()));
    for_each(ctx, Kernel("particles.cells.clear", double(cells()) * 8), Range<1>{cells()},
             ClearCells{m_start.data(), m_end.data()});
    for_each(ctx, Kernel("particles.cells.bounds", double(m_n) * 12), particles,
             CellBounds{m_sorted_keys.data(), m_n, m_start.data(), m_end.data()});
}

template <class Real>
void CellList<Real>::set_identity_order(const Context& ctx) {
    for_each(ctx, Kernel("particles.cells.identity", double(m_n) * 4), Range<1>{m_n}, Iota{m_order.data()});
}

template <class Real>
std::vector<Index> CellList<Real>::layer_offsets() const {
    const std::vector<std::uint32_t> keys = m_sorted_keys.to_host();
    const auto layer_size = std::uint32_t(m_dims[0]) * std::uint32_t(m_dims[1]);
    std::vector<Index> offsets(std::size_t(m_dims[2]) + 1);
    for (int z = 0; z <= m_dims[2]; ++z)
        offsets[std::size_t(z)] = Index(std::lower_bound(keys.begin(), keys.end(), std::uint32_t(z) * layer_size) - keys.begin());
    return offsets;
}

template class CellList<float>;
template class CellList<double>;
}  // namespace simt::particles
