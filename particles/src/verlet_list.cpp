// SPDX-License-Identifier: MIT
// Compiled as CUDA in CUDA builds (simt_device_sources): it launches the list-building kernel.
#include <simt/particles/verlet_list.hpp>

#include <algorithm>
#include <cmath>
#include <simt/core/for_each.hpp>
#include <simt/core/reduce.hpp>

namespace simt::particles {
namespace {
/// One thread per particle: scans the 27 cells around it (fewer where the grid has fewer than
/// three cells along an axis, so no cell is visited twice) in a fixed order, so the list, and
/// hence the force sums, come out the same on every backend.
template <class Real>
struct FillNeighbors {
    const Real* position;
    Index n;
    Box<Real> box;
    CellListView cells;
    Real r_list2;
    int capacity;
    std::int32_t* counts;
    std::int32_t* list;
    SIMT_INLINE void operator()(Index i) const {
        const Real xi[3] = {position[i], position[n + i], position[2 * n + i]};
        int first[3], span[3];
        for (int a = 0; a < 3; ++a) {
            const int dim = cells.dims[a];
            const int c = CellListView::cell_of(xi[a], box.inv_length[a], dim);
            first[a] = dim >= 3 ? c - 1 + dim : 0;
            span[a] = dim >= 3 ? 3 : dim;
        }
        int count = 0;
        for (int dz = 0; dz < span[2]; ++dz)
            for (int dy = 0; dy < span[1]; ++dy)
                for (int dx = 0; dx < span[0]; ++dx) {
                    const int cell = cells.flat((first[0] + dx) % cells.dims[0], (first[1] + dy) % cells.dims[1],
                                                (first[2] + dz) % cells.dims[2]);
                    for (int k = cells.start[cell]; k < cells.end[cell]; ++k) {
                        const std::int32_t j = cells.order[k];
                        if (j == i) continue;
                        const Real r2 = squared_norm<Real>(
                            [&](int a) { return box.minimum_image(a, xi[a] - position[a * n + j]); });
                        if (r2 >= r_list2) continue;
                        if (count < capacity) list[Index(count) * n + i] = j;
                        ++count;
                    }
                }
        counts[i] = count;
    }
};

struct CountOf {
    const std::int32_t* counts;
    SIMT_INLINE int operator()(Index i) const { return counts[i]; }
};
struct WideCountOf {
    const std::int32_t* counts;
    SIMT_INLINE Index operator()(Index i) const { return counts[i]; }
};
}  // namespace

template <class Real>
VerletList<Real>::VerletList(Backend where, Index n, const Box<Real>& box, double r_list)
    : m_n(n), m_box(box), m_r_list(r_list), m_counts(where, n) {
    // A first guess from a dense liquid (number density 1.2) with 20% to spare; build() grows it.
    m_capacity = std::max(8, int(1.2 * 1.2 * 4.18879 * r_list * r_list * r_list));
    m_list = Buffer<std::int32_t>(where, std::size_t(m_capacity) * n);
}

template <class Real>
void VerletList<Real>::fill(const Context& ctx, const CellList<Real>& cells, const Real* position) {
    const double bytes = double(m_n) * (3 * sizeof(Real) + 4) + double(m_n) * m_capacity * 4;
    for_each(ctx, Kernel("particles.verlet.build", bytes), Range<1>{m_n},
             FillNeighbors<Real>{position, m_n, m_box, cells.view(), Real(m_r_list * m_r_list), m_capacity,
                                 m_counts.data(), m_list.data()});
}

template <class Real>
void VerletList<Real>::build(const Context& ctx, const CellList<Real>& cells, const Real* position) {
    fill(ctx, cells, position);
    const int most = reduce<int>(ctx, Kernel("particles.verlet.max_count", double(m_n) * 4), Range<1>{m_n}, Max{},
                                 CountOf{m_counts.data()});
    m_entries = reduce<Index>(ctx, Kernel("particles.verlet.entries", double(m_n) * 4), Range<1>{m_n}, Sum{},
                              WideCountOf{m_counts.data()});
    if (most <= m_capacity) return;
    m_capacity = most + most / 8 + 1;
    m_list = Buffer<std::int32_t>(ctx.backend(), std::size_t(m_capacity) * m_n);
    fill(ctx, cells, position);
}

template class VerletList<float>;
template class VerletList<double>;
}  // namespace simt::particles
