// SPDX-License-Identifier: MIT
// Cell list by sorting: each particle's cell index is a key, a stable sort by key (radix sort on
// the GPU) lists the particles cell by cell, and each cell is a range [start, end) of that list.
// No atomics, so the CPU and the GPU build the same list.
#pragma once
#include <cstdint>
#include <vector>
#include <simt/core/buffer.hpp>
#include <simt/core/context.hpp>
#include <simt/particles/box.hpp>

namespace simt::particles {
/// What kernels read: the cell grid and, per cell, the particles in it.
struct CellListView {
    int dims[3];
    const std::int32_t* start;  ///< first place in `order` of each cell's particles
    const std::int32_t* end;    ///< one past the last
    const std::int32_t* order;  ///< particle indices sorted by cell

    /// The cell of a wrapped coordinate along axis a (x in [0, L]; x = L goes to the last cell).
    template <class Real>
    SIMT_INLINE static int cell_of(Real x, Real inv_length, int dim) {
        const int c = int(x * inv_length * Real(dim));
        return c < 0 ? 0 : (c >= dim ? dim - 1 : c);
    }
    SIMT_INLINE int flat(int cx, int cy, int cz) const { return cx + dims[0] * (cy + dims[1] * cz); }
};

template <class Real>
class CellList {
   public:
    /// Cells of at least `min_cell_size` along each axis of `box` (one cell where the box is shorter).
    CellList(Backend where, Index n, const Box<Real>& box, double min_cell_size);

    /// Sorts the n particles at `position` (SoA: x block, y block, z block) by cell.
    void build(const Context& ctx, const Real* position);
    /// After the particles were put in cell order (ParticleArrays::reorder with order()),
    /// order becomes the identity.
    void set_identity_order(const Context& ctx);
    const Buffer<std::int32_t>& order() const { return m_order; }
    /// Where each z layer of cells begins in order() (dims[2] + 1 offsets, the last n); read
    /// on the host (one copy of the sorted keys).
    std::vector<Index> layer_offsets() const;
    CellListView view() const { return {{m_dims[0], m_dims[1], m_dims[2]}, m_start.data(), m_end.data(), m_order.data()}; }
    Index cells() const { return Index(m_dims[0]) * m_dims[1] * m_dims[2]; }
    const int* dims() const { return m_dims; }

   private:
    Index m_n;
    Box<Real> m_box;
    int m_dims[3];
    Buffer<std::uint32_t> m_keys, m_sorted_keys;
    Buffer<std::int32_t> m_index, m_order, m_start, m_end;
};
}  // namespace simt::particles
