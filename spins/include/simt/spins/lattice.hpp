// SPDX-License-Identifier: MIT
// A periodic square (2-D) or cubic (3-D) lattice of side L, one byte per spin, x fastest.
// Sites split into two colours by the parity of x + y + z; with L even every neighbour of a
// site has the other colour, so one colour updates in parallel while the other is held.
#pragma once
#include <simt/core/macros.hpp>

namespace simt::spins {
struct Lattice {
    int dim = 2;  ///< 2 or 3
    int L = 0;    ///< side [sites], even

    SIMT_INLINE Index sites() const { return dim == 3 ? Index(L) * L * L : Index(L) * L; }
    /// Sites of one colour.
    SIMT_INLINE Index half() const { return sites() / 2; }
    /// Nearest neighbours of a site: 2 * dim.
    SIMT_INLINE int neighbours() const { return 2 * dim; }
    /// Bonds of the lattice: each site owns the ones towards +x, +y (and +z).
    SIMT_INLINE Index bonds() const { return sites() * dim; }

    /// Coordinates of a site.
    struct Site {
        Index x, y, z;
    };
    SIMT_INLINE Index index(const Site& s) const { return s.x + L * (s.y + Index(L) * s.z); }
    SIMT_INLINE Site site(Index i) const { return {i % L, (i / L) % L, i / (Index(L) * L)}; }
    /// The site of colour c with index idx among that colour's sites, in x-fastest order:
    /// row r = y + L z holds L/2 sites of each colour, at x = 2 ih + ((y + z + c) & 1).
    SIMT_INLINE Site colour_site(int c, Index idx) const {
        const Index half_row = L / 2;
        const Index row = idx / half_row;
        const Index ih = idx - row * half_row;
        const Index y = row % L, z = row / L;
        return {2 * ih + ((y + z + c) & 1), y, z};
    }
    /// Neighbour of a site in direction d: 0/1 are -x/+x, 2/3 -y/+y, 4/5 -z/+z. The wrap is a
    /// comparison, not a modulo: 64-bit division costs tens of cycles on either processor.
    SIMT_INLINE Index neighbour(const Site& s, int d) const {
        const Index plane = Index(L) * L;
        const Index i = index(s);
        const Index c = d < 2 ? s.x : d < 4 ? s.y : s.z;
        const Index stride = d < 2 ? 1 : d < 4 ? L : plane;
        if (d & 1) return c == L - 1 ? i - (L - 1) * stride : i + stride;
        return c == 0 ? i + (L - 1) * stride : i - stride;
    }
};

/// Throws simt::Error unless dim is 2 or 3 and L is even and at least 4 (and the lattice
/// indexes within 2^31 sites per colour row count).
void check_lattice(const Lattice& lattice);
}  // namespace simt::spins
