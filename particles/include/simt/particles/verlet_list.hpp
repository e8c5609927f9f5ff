// SPDX-License-Identifier: MIT
// Verlet list with a skin: every particle's neighbours within r_list = r_cut + skin, found
// through the cell list. Two kinds:
//  - full (the GPU's): each pair appears for both particles, so a force kernel runs one thread
//    per particle with no atomics; stored neighbour-major, list[k n + i], so that threads i,
//    i+1, ... read consecutive words;
//  - half (the CPU's): each pair once, for its owner (the particle whose cell layer along z is
//    the lower one, cyclically; within a layer the one whose partner's cell is in the forward
//    half of its neighbours, within a cell the lower index), so Newton's third law halves
//    the work (pair_forces.hpp: PairForceHalf); stored particle-major, list[i capacity + k],
//    so that one thread reads its neighbours from consecutive words.
#pragma once
#include <cstdint>
#include <vector>
#include <simt/core/buffer.hpp>
#include <simt/core/context.hpp>
#include <simt/particles/box.hpp>
#include <simt/particles/cell_list.hpp>

namespace simt::particles {
/// Words past the last particle's row that the list's storage holds: a SIMD loop over a
/// particle's neighbours may read (and discard) up to this many entries past its count.
constexpr int list_padding = 8;

/// What kernels read: count and k-th neighbour of particle i.
struct NeighborListView {
    const std::int32_t* counts;
    const std::int32_t* list;
    Index particle_stride, neighbor_stride;  ///< list[i particle_stride + k neighbor_stride]
    bool half;                               ///< each pair listed once (for its owner)
    SIMT_INLINE int count(Index i) const { return counts[i]; }
    SIMT_INLINE std::int32_t neighbor(Index i, int k) const { return list[i * particle_stride + Index(k) * neighbor_stride]; }
};

/// A half list's schedule: groups of consecutive z layers of cells, an even number of them;
/// group g is the particles order[begin[g] .. begin[g+1]). A pair's owner is in the same layer
/// as its partner or the one below, so a group writes forces only of its own particles and of the
/// next group's: the even groups can run concurrently, then the odd ones, each group in a fixed
/// order, so the sums do not depend on the number of threads.
struct LayerGroupsView {
    const std::int32_t* order;
    const Index* begin;
    int groups;
};

template <class Real>
class VerletList {
   public:
    /// half: list each pair once (needs at least three cell layers along z); the layout follows
    /// the backend (neighbour-major on the GPU, particle-major on the CPU).
    VerletList(Backend where, Index n, const Box<Real>& box, double r_list, bool half);

    /// Lists the pairs closer than r_list at `position` (SoA), visiting cells of `cells`, which
    /// must have been built from the same positions. Grows its storage when a particle has
    /// more neighbours than fit (one host synchronisation per build, to read the largest count).
    void build(const Context& ctx, const CellList<Real>& cells, const Real* position);
    NeighborListView view() const;
    /// Puts the neighbours of each of the first `particles` particles in the order of key[j]
    /// (their global ids, all different): a force summed along the list then adds its terms in
    /// an order that depends on neither the storage order nor the rank count.
    void sort_neighbors(const Context& ctx, const std::int32_t* key, Index particles);
    /// Across ranks (a half list over a rank's first `owned` particles and the ghosts after them):
    /// drops the pairs of two ghosts and keeps a pair of an owned particle and a ghost only
    /// where this rank evaluates it, by a rule both ranks apply alike to the global ids key[]:
    /// the owner of the smaller id when the two ids' sum is even, of the larger when it is odd
    /// (about half of a face's pairs each way). Each pair is then evaluated on one rank.
    void keep_pairs_of_owned(const Context& ctx, const std::int32_t* key, Index owned);
    /// The half list's schedule of the last build (half lists only).
    LayerGroupsView groups() const { return {m_order, m_group_begin.data(), int(m_group_begin.size()) - 1}; }
    int capacity() const { return m_capacity; }
    bool half() const { return m_half; }
    /// Neighbour entries over all particles at the last build (the pairs, or twice them for a full list).
    Index entries() const { return m_entries; }
    double r_list() const { return m_r_list; }

   private:
    void schedule(const CellList<Real>& cells);
    void fill(const Context& ctx, const CellList<Real>& cells, const Real* position);
    Index m_n;
    Box<Real> m_box;
    double m_r_list;
    bool m_half, m_particle_major;
    int m_capacity;
    Index m_entries = 0;
    Buffer<std::int32_t> m_counts, m_list;
    Buffer<Index> m_group_begin;
    const std::int32_t* m_order = nullptr;
};
}  // namespace simt::particles
