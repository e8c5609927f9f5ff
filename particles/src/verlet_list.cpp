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
/// by its owner: j in the next z layer (cyclically), or in the same layer in a forward cell or
/// in the same cell with j > i.
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
    bool store_every_candidate;  ///< the CPU's branch-free append (see the inner loop)
    SIMT_INLINE void operator()(Index i) const {
        const bool shifted = cells.dims[0] >= 3 && cells.dims[1] >= 3 && cells.dims[2] >= 3;
        if (store_every_candidate)
            shifted ? particle<true, true>(i) : particle<false, true>(i);
        else
            shifted ? particle<true, false>(i) : particle<false, false>(i);
    }

    /// Shifted (every axis has three cells or more): the image of a visited cell is known from
    /// its unwrapped index (raw, from c - 1 + dim to c + 1 + dim), +L or -L where it wrapped, so
    /// the separation to its particles is x_i - x_j + shift, the value the minimum image gives
    /// for the pairs within r_list, without its two compare-and-selects per axis and candidate.
    template <bool Shifted, bool StoreEveryCandidate>
    SIMT_INLINE void particle(Index i) const {
        // Locals: the list's int32 stores could alias the int fields and force their reload.
        const Box<Real> b = box;
        const int dims[3] = {cells.dims[0], cells.dims[1], cells.dims[2]};
        const std::int32_t* const start = cells.start;
        const std::int32_t* const end = cells.end;
        const std::int32_t* const order = cells.order;
        const Real* const x = position;
        const Real* const y = x + n;
        const Real* const z = y + n;
        const Real r2_max = r_list2;
        const int room = capacity;
        const bool half_list = half;
        std::int32_t* const out = list + i * particle_stride;
        const Index stride = neighbor_stride;
        const Real xi[3] = {x[i], y[i], z[i]};
        const auto image_shift = [&](int a, int raw) {
            return raw < dims[a] ? b.length[a] : (raw >= 2 * dims[a] ? -b.length[a] : Real(0));
        };
        const auto separation = [&](int a, Real d, Real shift) { return Shifted ? d + shift : b.minimum_image(a, d); };
        int first[3], span[3], layer_i = 0;
        // gap[a][d]^2: the squared distance from x_i to the cell at offset d - 1 along axis a
        // (0 for its own column), less a margin (1e-5 L) for the rounding of the cell assignment; a cell
        // whose summed gap reaches r_list^2 holds no neighbour and is skipped (Shifted only).
        Real gap2[3][3];
        for (int a = 0; a < 3; ++a) {
            const int c = CellListView::cell_of(xi[a], b.inv_length[a], dims[a]);
            first[a] = dims[a] >= 3 ? c - 1 + dims[a] : 0;
            span[a] = dims[a] >= 3 ? 3 : dims[a];
            layer_i = c;  // the last axis, z
            const Real size = b.length[a] / Real(dims[a]), margin = Real(1e-5) * b.length[a];
            const Real below = xi[a] - Real(c) * size - margin, above = Real(c + 1) * size - xi[a] - margin;
            gap2[a][0] = below > 0 ? below * below : Real(0);
            gap2[a][1] = 0;
            gap2[a][2] = above > 0 ? above * above : Real(0);
        }
        int count = 0;
        for (int dz = 0; dz < span[2]; ++dz) {
            const int layer = (first[2] + dz) % dims[2];
            if (half_list && layer != layer_i && layer != (layer_i + 1) % dims[2]) continue;
            const Real shift_z = image_shift(2, first[2] + dz);
            for (int dy = 0; dy < span[1]; ++dy) {
                const Real shift_y = image_shift(1, first[1] + dy);
                for (int dx = 0; dx < span[0]; ++dx) {
                    if (Shifted && gap2[0][dx] + gap2[1][dy] + gap2[2][dz] >= r2_max) continue;
                    const Real shift_x = image_shift(0, first[0] + dx);
                    const int cell = (first[0] + dx) % dims[0] + dims[0] * ((first[1] + dy) % dims[1] + dims[1] * layer);
                    // Within i's layer a half list takes the forward half of the cells around
                    // it (dy > 0, or dy = 0 and dx > 0) and, in its own cell, the larger indices;
                    // the lower index throughout where an axis has fewer than three cells.
                    const bool same_layer = half_list && layer == layer_i;
                    if (Shifted && same_layer && (dy < 1 || (dy == 1 && dx < 1))) continue;
                    const bool same_layer_half = same_layer && (!Shifted || (dx == 1 && dy == 1));
                    for (int k = start[cell], k_end = end[cell]; k < k_end; ++k) {
                        const std::int32_t j = order[k];
                        const Real ddx = separation(0, xi[0] - x[j], shift_x);
                        const Real ddy = separation(1, xi[1] - y[j], shift_y);
                        const Real ddz = separation(2, xi[2] - z[j], shift_z);
                        const bool keep = (ddx * ddx + ddy * ddy + ddz * ddz < r2_max) & (j != i) &
                                          !(same_layer_half & (j < i));
                        // The CPU writes every candidate to the next free slot (the spare one
                        // past the capacity once the list is full) and counts it if kept: a
                        // kept-or-not branch is mispredicted for a good part of the candidates.
                        // On the GPU those stores, scattered and six times the kept ones, cost
                        // ten times the build; a predicated store is free there.
                        if (StoreEveryCandidate || keep) out[Index(count < room ? count : room) * stride] = j;
                        count += int(keep);
                    }
                }
            }
        }
        counts[i] = count;
    }
};

/// One particle's neighbours sorted by key by insertion: a few dozen entries, and no scratch memory
/// on the GPU.
struct SortNeighbors {
    NeighborListView neighbors;
    const std::int32_t* key;
    std::int32_t* list;
    SIMT_INLINE void operator()(Index i) const {
        std::int32_t* const out = list + i * neighbors.particle_stride;
        const Index stride = neighbors.neighbor_stride;
        for (int k = 1, count = neighbors.count(i); k < count; ++k) {
            const std::int32_t j = out[k * stride];
            int m = k;
            for (; m > 0 && key[out[(m - 1) * stride]] > key[j]; --m) out[m * stride] = out[(m - 1) * stride];
            out[m * stride] = j;
        }
    }
};

/// keep_pairs_of_owned for particle i: its kept neighbours moved to the front of its list.
struct KeepPairsOfOwned {
    NeighborListView neighbors;
    const std::int32_t* key;
    Index owned;
    std::int32_t* counts;
    std::int32_t* list;
    SIMT_INLINE void operator()(Index i) const {
        std::int32_t* const out = list + i * neighbors.particle_stride;
        const Index stride = neighbors.neighbor_stride;
        int kept = 0;
        for (int k = 0, count = neighbors.count(i); k < count; ++k) {
            const std::int32_t j = out[k * stride];
            const bool i_owned = i < owned, j_owned = j < owned;
            const std::int32_t a = key[i], b = key[j];
            const std::int32_t evaluator = (((a ^ b) & 1) == 0) == (a < b) ? a : b;  // the id whose owner evaluates
            if ((i_owned && j_owned) || (i_owned != j_owned && evaluator == (i_owned ? a : b)))
                out[Index(kept++) * stride] = j;
        }
        counts[i] = kept;
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
    m_list = Buffer<std::int32_t>(where, std::size_t(m_capacity + 1) * n + list_padding);  // + the spare slot
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
    return {m_counts.data(), m_list.data(), m_particle_major ? Index(m_capacity) + 1 : 1, m_particle_major ? 1 : m_n, m_half};
}

template <class Real>
void VerletList<Real>::sort_neighbors(const Context& ctx, const std::int32_t* key, Index particles) {
    const NeighborListView v = view();
    for_each(ctx, Kernel("particles.verlet.sort", double(particles) * m_capacity * 8), Range<1>{particles},
             SortNeighbors{v, key, m_list.data()});
}

template <class Real>
void VerletList<Real>::keep_pairs_of_owned(const Context& ctx, const std::int32_t* key, Index owned) {
    for_each(ctx, Kernel("particles.verlet.keep_owned", double(m_n) * m_capacity * 8), Range<1>{m_n},
             KeepPairsOfOwned{view(), key, owned, m_counts.data(), m_list.data()});
    m_entries = reduce<Index>(ctx, Kernel("particles.verlet.entries", double(m_n) * 4), Range<1>{m_n}, Sum{},
                              WideCountOf{m_counts.data()});
}

template <class Real>
void VerletList<Real>::fill(const Context& ctx, const CellList<Real>& cells, const Real* position) {
    const double bytes = double(m_n) * (3 * sizeof(Real) + 4) + double(m_n) * m_capacity * 4;
    const NeighborListView v = view();
    for_each(ctx, Kernel("particles.verlet.build", bytes), Range<1>{m_n},
             FillNeighbors<Real>{position, m_n, m_box, cells.view(), Real(m_r_list * m_r_list), m_capacity, m_half,
                                 v.particle_stride, v.neighbor_stride, m_counts.data(), m_list.data(), !ctx.on_gpu()});
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
    m_list = Buffer<std::int32_t>(ctx.backend(), std::size_t(m_capacity + 1) * m_n + list_padding);
    fill(ctx, cells, position);
}

template class VerletList<float>;
template class VerletList<double>;
}  // namespace simt::particles
