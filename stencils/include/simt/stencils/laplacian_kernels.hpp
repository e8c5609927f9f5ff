// SPDX-License-Identifier: MIT
// Second-order central Laplacian on a cell-centred grid, 5-point in 2-D and 7-point in 3-D,
// with face boundary conditions through ghost values. Pointwise, no CUDA syntax: callable from
// any for_each lambda and directly from host tests.
#pragma once
#include <simt/core/view.hpp>
#include <simt/stencils/boundary.hpp>
#include <simt/stencils/halo.hpp>

namespace simt::stencils {
/// Per-axis weights 1/h^2 and spacings h, in the working precision.
template <class Real>
struct LaplacianCoeffs {
    Real inv_h2[3];
    Real h[3];
};

/// The cell across a face of a block: the neighbouring block's, from its halo plane at `at`,
/// where there is one; else `wrapped`, this block's other end (a periodic axis held whole).
/// Without halos (one rank) this is `wrapped` at compile time, and the stencil's code is the
/// same as before ranks existed: a run-time test here made GCC's loop 1.5-3x slower.
template <bool WithHalos, class Real>
SIMT_INLINE Real across(const Real* halo, Index at, Real wrapped) {
    if constexpr (WithHalos) {
        return halo ? halo[at] : wrapped;
    } else {
        return wrapped;
    }
}

/// The 5- or 7-point sum from the cell's value and its neighbours' (zm, zp unused in 2-D).
template <int Dim, class Real>
SIMT_INLINE Real laplacian_sum(Real uc, Real xm, Real xp, Real ym, Real yp, Real zm, Real zp,
                               const LaplacianCoeffs<Real>& c) {
    Real lap = (xm - Real(2) * uc + xp) * c.inv_h2[0] + (ym - Real(2) * uc + yp) * c.inv_h2[1];
    if (Dim == 3) lap += (zm - Real(2) * uc + zp) * c.inv_h2[2];
    return lap;
}

/// The Laplacian at a cell whose neighbours all lie in the block: flat offsets, no branch.
/// Called alone where for_each says so (Interior), it makes the CPU's x-line a SIMD loop.
template <int Dim, class Real>
SIMT_INLINE Real laplacian_interior(const View<const Real, 3>& u, int i, int j, int k, const LaplacianCoeffs<Real>& c) {
    const Index at = u.offset(i, j, k);
    const Index sx = u.stride[0], sy = u.stride[1], sz = u.stride[2];
    const Real* p = u.data;
    const Real zm = Dim == 3 ? p[at - sz] : Real(0), zp = Dim == 3 ? p[at + sz] : Real(0);
    return laplacian_sum<Dim>(p[at], p[at - sx], p[at + sx], p[at - sy], p[at + sy], zm, zp, c);
}

/// \f$ \nabla^2 u \approx \sum_a (u_{a-} - 2u + u_{a+}) / h_a^2 \f$ at cell (i, j, k), Dim = 2 or 3.
/// Interior cells take a branch-free path on flat offsets; only the faces' cells pay for ghost
/// values, so a warp diverges only along the domain's edges. On a rank's block (WithHalos),
/// `halos` holds the cells across the faces shared with other blocks, whose `faces` are periodic.
template <int Dim, class Real, bool WithHalos = false>
SIMT_INLINE Real laplacian(const View<const Real, 3>& u, int i, int j, int k, const Faces& faces,
                           const LaplacianCoeffs<Real>& c, const FaceHalos<Real>& halos = {}) {
    const int nx = int(u.extent[0]), ny = int(u.extent[1]), nz = int(u.extent[2]);
    const bool interior = i > 0 && i < nx - 1 && j > 0 && j < ny - 1 && (Dim == 2 || (k > 0 && k < nz - 1));
    if (interior) return laplacian_interior<Dim>(u, i, j, k, c);
    const Index at = u.offset(i, j, k);
    const Index sx = u.stride[0], sy = u.stride[1], sz = u.stride[2];
    const Real* p = u.data;
    const Real uc = p[at];
    // Halo planes are indexed as halo_index says: x faces (j, k), y faces (i, k), z faces (i, j).
    const Index on_x = j + Index(ny) * k, on_y = i + Index(nx) * k, on_z = i + Index(nx) * j;
    const Real xm = i > 0 ? p[at - sx]
                          : ghost_value(faces.lo[0], uc, across<WithHalos>(halos.lo[0], on_x, u(nx - 1, j, k)), c.h[0]);
    const Real xp = i < nx - 1 ? p[at + sx]
                               : ghost_value(faces.hi[0], uc, across<WithHalos>(halos.hi[0], on_x, u(0, j, k)), c.h[0]);
    const Real ym = j > 0 ? p[at - sy]
                          : ghost_value(faces.lo[1], uc, across<WithHalos>(halos.lo[1], on_y, u(i, ny - 1, k)), c.h[1]);
    const Real yp = j < ny - 1 ? p[at + sy]
                               : ghost_value(faces.hi[1], uc, across<WithHalos>(halos.hi[1], on_y, u(i, 0, k)), c.h[1]);
    Real zm = 0, zp = 0;
    if (Dim == 3) {
        zm = k > 0 ? p[at - sz]
                   : ghost_value(faces.lo[2], uc, across<WithHalos>(halos.lo[2], on_z, u(i, j, nz - 1)), c.h[2]);
        zp = k < nz - 1 ? p[at + sz]
                        : ghost_value(faces.hi[2], uc, across<WithHalos>(halos.hi[2], on_z, u(i, j, 0)), c.h[2]);
    }
    return laplacian_sum<Dim>(uc, xm, xp, ym, yp, zm, zp, c);
}
}  // namespace simt::stencils
