// SPDX-License-Identifier: MIT
// Block decomposition of a Grid over ranks: a rank grid of dims[0] x dims[1] x dims[2] ranks
// (x fastest in the rank number), each owning a box of whole cells. Cells are dealt out as
// evenly as possible: the first n % d blocks along an axis get one cell more.
#pragma once
#include <array>
#include <vector>
#include <simt/core/comm.hpp>
#include <simt/stencils/boundary.hpp>
#include <simt/stencils/grid.hpp>

namespace simt::stencils {
/// One rank's box of the global grid.
struct Block {
    std::array<int, 3> dims{1, 1, 1};   ///< ranks along each axis
    std::array<int, 3> coord{0, 0, 0};  ///< this rank's place in the rank grid
    std::array<int, 3> lo{0, 0, 0};     ///< first owned global cell index per axis
    std::array<int, 3> n{1, 1, 1};      ///< owned cells per axis
    /// The rank across each face (lower, upper), -1 where the face is a non-periodic domain face.
    std::array<std::array<int, 2>, 3> neighbor{{{-1, -1}, {-1, -1}, {-1, -1}}};

    Index cells() const { return Index(n[0]) * n[1] * n[2]; }
    /// Whether the face (axis, side 0 lower / 1 upper) lies on the domain's edge (where a periodic
    /// axis wraps, too) rather than between two blocks.
    bool on_domain_face(int axis, int side) const { return coord[axis] == (side == 0 ? 0 : dims[axis] - 1); }
    /// Whether another rank lies across the face (a periodic axis held whole wraps within the block).
    bool shares_face(int axis, int side) const { return dims[axis] > 1 && neighbor[axis][side] >= 0; }
    /// The rank across the edge or corner (or face) in direction d (each component -1, 0 or 1):
    /// the block whose coordinates differ by d, wrapped as the faces wrap; -1 where any face the
    /// direction crosses has no rank across it (shares_face).
    int neighbor_toward(const std::array<int, 3>& d) const {
        int rank = 0;
        for (int a = 2; a >= 0; --a) {
            const auto i = std::size_t(a);
            if (d[i] != 0 && !shares_face(a, d[i] < 0 ? 0 : 1)) return -1;
            rank = rank * dims[i] + (coord[i] + d[i] + dims[i]) % dims[i];
        }
        return rank;
    }
    /// Cells per axis of the block grown by one halo layer across each shared face, for a field
    /// that stores its halos beside its own cells (the lbm populations).
    std::array<int, 3> grown() const {
        std::array<int, 3> g = n;
        for (int a = 0; a < 3; ++a) g[a] += int(shares_face(a, 0)) + int(shares_face(a, 1));
        return g;
    }
};

/// The rank grid for `ranks` ranks over `g`. `requested[a]` > 0 fixes the count along axis a
/// (a scenario's parallel.ranks_x, _y, _z); 0 leaves it free. Free axes are chosen to cut the
/// fewest cell faces (least halo traffic), as MPI_Dims_create balances the factors; a 2-D grid
/// is never cut along z. ConfigError when no rank grid fits: the fixed counts do not multiply
/// to `ranks`, or an axis would get more ranks than cells.
std::array<int, 3> choose_rank_grid(int ranks, const Grid& g, const std::array<int, 3>& requested);

/// Rank `rank`'s block of `g` on the rank grid `dims`; `periodic[a]` joins the two ends of axis a.
Block block_of(const Grid& g, const std::array<int, 3>& dims, int rank, const std::array<bool, 3>& periodic);

/// The faces a block's stencil sees: the domain's own on the domain's edges, periodic (take the
/// neighbour's value) where another block lies across.
Faces block_faces(const Faces& domain, const Block& b);
/// The whole field on the root rank, from every rank's block (x fastest, `mine` holding this
/// rank's block); empty on the other ranks. Collective.
template <class Real>
std::vector<Real> gather_blocks(const Comm& comm, const Grid& g, const Block& mine, const std::vector<Real>& block);

/// This rank's block of the whole field `whole` that the root rank holds (read on the root
/// only): the inverse of gather_blocks. Collective.
template <class Real>
std::vector<Real> scatter_blocks(const Comm& comm, const Grid& g, const Block& mine, const Real* whole);

/// This rank's block of rank grid `to` of a field of which each rank holds its block of rank
/// grid `from` (x fastest over each block): every rank sends each other rank the cells their
/// blocks share, in one MPI_Alltoallv. The transposes of a distributed transform. Collective.
template <class Real>
std::vector<Real> redistribute(const Comm& comm, const Grid& g, const std::array<int, 3>& from,
                               const std::array<int, 3>& to, const std::vector<Real>& mine);

/// Block `b` cut out of a whole field (x fastest).
template <class Real>
std::vector<Real> cut_block(const Grid& g, const Block& b, const Real* whole);
/// Block `b`'s cells (x fastest over the block) put in their places of a whole field: the
/// inverse of cut_block.
template <class Real>
void paste_block(const Grid& g, const Block& b, const Real* block, Real* whole);
}  // namespace simt::stencils
