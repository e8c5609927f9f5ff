// SPDX-License-Identifier: MIT
// Compiled as CUDA in CUDA builds (simt_device_sources): it launches the list-building kernel.
#include <simt/particles/verlet_list.hpp>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/reduce.hpp>

namespace simt::particles {
namespace {
/// One thread per particle: scans the 27 cells around it (fewer where the grid has fewer than
/// three cells along an axis, so no cell is visited twice) in a fixed order, so the list, and
/// hence the force sums, come out the same on every backend. For a half list a pair is kept
/// by its owner: j in the next z layer (cyclically), or in the same layer with j > i.
template <class Real>
struct FillNeighbors {
    const Real* position;
    Index n;
    Box<Real> box;
    CellListView cells;
    Real r_list2;
    int capacity;
    bool half;
    Index particle_stride, neighbor_stride;
    std::int32_t* counts;
    std::int32_t* list;
    SIMT_INLINE void operator()(Index i) const {
        const Real xi[3] = {position[i], position[n + i], position[2 * n + i]};
        int first[3], span[3], layer_i = 0;
        for (int a = 0; a < 3; ++a) {
            const int dim = cells.dims[a];
            const int c = CellListView::cell_of(xi[a], box.inv_length[a], dim);
            first[a] = dim >= 3 ? c - 1 + dim : 0;
            span[a] = dim >= 3 ? 3 : dim;
            layer_i = c;  // the last axis, z
        }
        const int layers = cells.dims[2];
        int count = 0;
        for (int dz = 0; dz < span[2]; ++dz) {
            const int layer = (first[2] + dz) % layers;
            if (half && layer != layer_i && layer != (layer_i + 1) % layers) continue;
            for (int dy = 0; dy < span[1]; ++dy)
                for (int dx = 0; dx < span[0]; ++dx) {
                    const int cell = cells.flat((first[0] + dx) % cells.dims[0], (first[1] + dy) % cells.dims[1], layer);
                    for (int k = cells.start[cell]; k < cells.end[cell]; ++k) {
                        const std::int32_t j = cells.order[k];
                        if (j == i || (half && layer == layer_i && j < i)) continue;
                        const Real r2 = squared_norm<Real>(
                            [&](int a) { return box.minimum_image(a, xi[a] - position[a * n + j]); });
                        if (r2 >= r_list2) continue;
                        if (count < capacity) list[i * particle_stride + Index(count) * neighbor_stride] = j;
                        ++count;
                    }
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
VerletList<Real>::VerletList(Backend where, Index n, const Box<Real>& box, double r_list, bool half)
    : m_n(n), m_box(box), m_r_list(r_list), m_half(half), m_particle_major(where == Backend::Cpu), m_counts(where, n) {
    // A first guess from a dense liquid (number density 1.2) with 20% to spare; build() grows it.
    m_capacity = std::max(8, int(1.2 * 1.2 * 4.18879 * r_list * r_list * r_list / (half ? 2 : 1)));
    m_list = Buffer<std::int32_t>(where, std::size_t(m_capacity) * n);
}

template <class Real>
void VerletList<Real>::schedule(const CellList<Real>& cells) {
    const std::vector<Index> layer = cells.layer_offsets();
    const int layers = cells.dims()[2], groups = layers - layers % 2;
    std::vector<Index> begin(std::size_t(groups) + 1);
    for (int g = 0; g <= groups; ++g) begin[std::size_t(g)] = layer[std::size_t(g * layers / groups)];
    if (m_group_begin.size() != begin.size()) m_group_begin = Buffer<Index>(cells.order().backend(), begin.size());
    m_group_begin.copy_from_host(begin.data());
    m_order = cells.order().data();
}

template <class Real>
NeighborListView VerletList<Real>::view() const {
    return {m_counts.data(), m_list.data(), m_particle_major ? Index(m_capacity) : 1, m_particle_major ? 1 : m_n, m_half};
}

template <class Real>
void VerletList<Real>::fill(const Context& ctx, const CellList<Real>& cells, const Real* position) {
    const double bytes = double(m_n) * (3 * sizeof(Real) + 4) + double(m_n) * m_capacity * 4;
    const NeighborListView v = view();
    for_each(ctx, Kernel("particles.verlet.build", bytes), Range<1>{m_n},
             FillNeighbors<Real>{position, m_n, m_box, cells.view(), Real(m_r_list * m_r_list), m_capacity, m_half,
                                 v.particle_stride, v.neighbor_stride, m_counts.data(), m_list.data()});
}

template <class Real>
void VerletList<Real>::build(const Context& ctx, const CellList<Real>& cells, const Real* position) {
    if (m_half && cells.dims()[2] < 3)
        throw Error(fmt::format("VerletList: a half list needs at least 3 cell layers along z, the box has {}", cells.dims()[2]));
    if (m_half) schedule(cells);
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
