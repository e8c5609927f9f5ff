// SPDX-License-Identifier: MIT
// Verlet list with a skin: every particle's neighbours within r_list = r_cut + skin, found
// through the cell list. Full list (each pair appears for both particles), so a force kernel
// runs one thread per particle with no atomics. Stored neighbour-major, list[k n + i], so that
// threads i, i+1, ... read consecutive words.
#pragma once
#include <cstdint>
#include <simt/core/buffer.hpp>
#include <simt/core/context.hpp>
#include <simt/particles/box.hpp>
#include <simt/particles/cell_list.hpp>

namespace simt::particles {
/// What kernels read (NeighborTraits-style access: count and k-th neighbour).
struct NeighborListView {
    const std::int32_t* counts;
    const std::int32_t* list;
    Index n;
    SIMT_INLINE int count(Index i) const { return counts[i]; }
    SIMT_INLINE std::int32_t neighbor(Index i, int k) const { return list[Index(k) * n + i]; }
};

template <class Real>
class VerletList {
   public:
    VerletList(Backend where, Index n, const Box<Real>& box, double r_list);

    /// Lists the pairs closer than r_list at `position` (SoA), visiting cells of `cells`, which
    /// must have been built from the same positions. Grows its storage when a particle has
    /// more neighbours than fit (one host synchronisation per build, to read the largest count).
    void build(const Context& ctx, const CellList<Real>& cells, const Real* position);
    NeighborListView view() const { return {m_counts.data(), m_list.data(), m_n}; }
    int capacity() const { return m_capacity; }
    /// Neighbour entries over all particles at the last build (twice the pairs).
    Index entries() const { return m_entries; }
    double r_list() const { return m_r_list; }

   private:
    void fill(const Context& ctx, const CellList<Real>& cells, const Real* position);
    Index m_n;
    Box<Real> m_box;
    double m_r_list;
    int m_capacity;
    Index m_entries = 0;
    Buffer<std::int32_t> m_counts, m_list;
};
}  // namespace simt::particles
