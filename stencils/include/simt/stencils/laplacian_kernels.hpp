// SPDX-License-Identifier: MIT
// Second-order central Laplacian on a cell-centred grid, 5-point in 2-D and 7-point in 3-D,
// with face boundary conditions through ghost values. Pointwise, no CUDA syntax: callable from
// any for_each lambda and directly from host tests.
#pragma once
#include <simt/core/view.hpp>
#include <simt/stencils/boundary.hpp>

namespace simt::stencils {
/// Per-axis weights 1/h^2 and spacings h, in the working precision.
template <class Real>
struct LaplacianCoeffs {
    Real inv_h2[3];
    Real h[3];
};

/// \f$ \nabla^2 u \approx \sum_a (u_{a-} - 2u + u_{a+}) / h_a^2 \f$ at cell (i, j, k), Dim = 2 or 3.
template <int Dim, class Real>
SIMT_INLINE Real laplacian(const View<const Real, 3>& u, int i, int j, int k, const Faces& faces,
                           const LaplacianCoeffs<Real>& c) {
    const int nx = int(u.extent[0]), ny = int(u.extent[1]), nz = int(u.extent[2]);
    const Real uc = u(i, j, k);
    const Real xm = i > 0 ? u(i - 1, j, k) : ghost_value(faces.lo[0], uc, u(nx - 1, j, k), c.h[0]);
    const Real xp = i < nx - 1 ? u(i + 1, j, k) : ghost_value(faces.hi[0], uc, u(0, j, k), c.h[0]);
    const Real ym = j > 0 ? u(i, j - 1, k) : ghost_value(faces.lo[1], uc, u(i, ny - 1, k), c.h[1]);
    const Real yp = j < ny - 1 ? u(i, j + 1, k) : ghost_value(faces.hi[1], uc, u(i, 0, k), c.h[1]);
    Real lap = (xm - Real(2) * uc + xp) * c.inv_h2[0] + (ym - Real(2) * uc + yp) * c.inv_h2[1];
    if (Dim == 3) {
        const Real zm = k > 0 ? u(i, j, k - 1) : ghost_value(faces.lo[2], uc, u(i, j, nz - 1), c.h[2]);
        const Real zp = k < nz - 1 ? u(i, j, k + 1) : ghost_value(faces.hi[2], uc, u(i, j, 0), c.h[2]);
        lap += (zm - Real(2) * uc + zp) * c.inv_h2[2];
    }
    return lap;
}
}  // namespace simt::stencils
