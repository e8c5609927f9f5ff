// SPDX-License-Identifier: MIT
// A uniform cell-centred grid: n cells per axis on [0, L], cell centres at (i + 1/2) h.
// 2-D grids have nz = 1. Storage is x fastest, then y, then z.
#pragma once
#include <simt/core/macros.hpp>

namespace simt::stencils {
struct Grid {
    int nx = 1, ny = 1, nz = 1;
    double lx = 1, ly = 1, lz = 1;

    int dim() const { return nz > 1 ? 3 : 2; }
    Index cells() const { return Index(nx) * ny * nz; }
    double dx() const { return lx / nx; }
    double dy() const { return ly / ny; }
    double dz() const { return lz / nz; }
    /// Cell-centre coordinates.
    SIMT_INLINE double x(int i) const { return (i + 0.5) * lx / nx; }
    SIMT_INLINE double y(int j) const { return (j + 0.5) * ly / ny; }
    SIMT_INLINE double z(int k) const { return (k + 0.5) * lz / nz; }
};
}  // namespace simt::stencils
