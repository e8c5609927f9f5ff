// SPDX-License-Identifier: MIT
// SpinBlock: one rank's box of a lattice split over ranks, stored with a halo of one spin layer
// on every face (the neighbours' boundary spins, or this block's own across a periodic edge
// held whole), so that the update and measurement kernels read every neighbour by a stride.
// Colours, draws and sums use global coordinates, so a site does not know which rank holds it.
#pragma once
#include <simt/core/macros.hpp>
#include <simt/spins/lattice.hpp>

namespace simt::spins {
struct SpinBlock {
    Lattice lattice;           ///< the whole lattice
    int lo[3] = {0, 0, 0};     ///< first owned global coordinate per axis (0 along z in 2-D)
    int n[3] = {0, 0, 1};      ///< owned sites per axis (1 along z in 2-D)
    int neighbour[3][2] = {};  ///< the rank across each face (lower, upper); this rank's own where an axis is whole

    SIMT_INLINE Index owned() const { return Index(n[0]) * n[1] * n[2]; }
    /// Padded extent along an axis: the owned sites and a halo layer each side (none along z in 2-D).
    SIMT_INLINE int padded(int axis) const { return axis == 2 && lattice.dim == 2 ? 1 : n[axis] + 2; }
    SIMT_INLINE Index padded_sites() const { return Index(padded(0)) * padded(1) * padded(2); }
    /// Elements between neighbours along an axis in the padded array.
    SIMT_INLINE Index stride(int axis) const {
        return axis == 0 ? 1 : axis == 1 ? Index(padded(0)) : Index(padded(0)) * padded(1);
    }
    /// The padded index of the owned site (x, y, z), counted from the block's first owned site.
    SIMT_INLINE Index at(int x, int y, int z) const {
        const int halo_z = lattice.dim == 3 ? 1 : 0;
        return (x + 1) + stride(1) * (y + 1) + stride(2) * (z + halo_z);
    }
    /// The block x of the h-th site of colour c in the block's row (y, z), n[0] or beyond where
    /// the row has fewer. The colour is the parity of the global x + y + z, so it runs on
    /// unbroken across block edges.
    SIMT_INLINE int colour_x(int c, int h, int y, int z) const {
        return 2 * h + ((lo[0] + lo[1] + lo[2] + c + y + z) & 1);
    }
    /// The site's index among the sites of its colour in the whole lattice (Lattice::colour_site's idx).
    SIMT_INLINE Index colour_index(int x, int y, int z) const {
        const Index gx = lo[0] + x, gy = lo[1] + y, gz = lo[2] + z;
        return (gy + Index(lattice.L) * gz) * (lattice.L / 2) + gx / 2;
    }
    /// The site's index in the whole lattice (x fastest).
    SIMT_INLINE Index global_index(int x, int y, int z) const {
        return lattice.index({Index(lo[0] + x), Index(lo[1] + y), Index(lo[2] + z)});
    }
};
}  // namespace simt::spins
