// SPDX-License-Identifier: MIT
// Grid operators of the staggered (MAC) grid: velocity component c lives on the faces normal to
// axis c, u_c(i, j, k) at the cell's low face (x = i h for c = x), pressure at cell centres.
// Each component is stored n_x n_y n_z (x fastest): along a periodic axis face n is face 0;
// along a walled axis face 0 is the wall (u_c = 0 there, never updated) and face n, the far
// wall, is not stored. Pointwise, no CUDA syntax: callable from for_each lambdas and host tests.
#pragma once
#include <cstdint>
#include <simt/core/macros.hpp>

namespace simt::stencils {
/// The box's faces: each axis periodic or walled; walls move tangentially at velocity
/// [axis][side][component] [length/time].
struct MacBoundary {
    bool wall[3] = {false, false, false};
    double velocity[3][2][3] = {};
};

/// The velocity components a kernel reads, with the grid they live on and its solid cells (one
/// byte per cell, nonzero solid; nullptr without obstacles).
template <class Real>
struct MacVelocity {
    const Real* u[3] = {nullptr, nullptr, nullptr};
    int n[3] = {1, 1, 1};
    MacBoundary b;
    const std::uint8_t* solid = nullptr;

    SIMT_INLINE Index at(int i, int j, int k) const { return i + Index(n[0]) * (j + Index(n[1]) * k); }
};

/// Component c at face index (i, j, k), any index up to two cells outside the box: periodic
/// axes wrap; at a wall the normal component is 0 on the wall and odd about it, a tangential
/// component takes the ghost value 2 U_wall - u of the mirrored cell (no slip, second order).
/// Interior = true promises the index is inside (a kernel's cells two or more from every face):
/// a plain load, which lets the compilers vectorise the interior.
template <bool Interior = false, class Real>
SIMT_INLINE Real mac_sample(const MacVelocity<Real>& v, int c, int i, int j, int k) {
    if (Interior) return v.u[c][v.at(i, j, k)];
    int idx[3] = {i, j, k};
    bool inside = true;
    SIMT_UNROLL
    for (int a = 0; a < 3; ++a) inside = inside && idx[a] >= 0 && idx[a] < v.n[a];
    if (inside) return v.u[c][v.at(i, j, k)];
    Real sign = 1, shift = 0;
    SIMT_UNROLL
    for (int a = 0; a < 3; ++a) {
        const int m = idx[a], n = v.n[a];
        if (m >= 0 && m < n) continue;
        if (!v.b.wall[a]) {
            idx[a] = m < 0 ? m + n : m - n;
            continue;
        }
        if (a == c) {
            if (m == n) return shift;  // on the far wall: no flow through it
            idx[a] = m < 0 ? -m : 2 * n - m;
        } else {
            shift += sign * Real(2 * v.b.velocity[a][m < 0 ? 0 : 1][c]);
            idx[a] = m < 0 ? -1 - m : 2 * n - 1 - m;
        }
        sign = -sign;
    }
    return shift + sign * v.u[c][v.at(idx[0], idx[1], idx[2])];
}

/// Neighbour of (i, j, k) shifted by d along axis a.
template <bool Interior = false, class Real>
SIMT_INLINE Real mac_shifted(const MacVelocity<Real>& v, int c, int i, int j, int k, int a, int d) {
    return mac_sample<Interior>(v, c, i + (a == 0 ? d : 0), j + (a == 1 ? d : 0), k + (a == 2 ? d : 0));
}

/// \f$ \nabla \cdot u \f$ at the centre of cell (i, j, k): sum_a (u_a(+e_a) - u_a) / h_a.
template <int Dim, class Real>
SIMT_INLINE Real mac_divergence(const MacVelocity<Real>& v, int i, int j, int k, const Real (&inv_h)[3]) {
    Real div = 0;
    SIMT_UNROLL
    for (int a = 0; a < Dim; ++a) div += (mac_shifted(v, a, i, j, k, a, 1) - v.u[a][v.at(i, j, k)]) * inv_h[a];
    return div;
}

/// Whether every stencil of cell (i, j, k) stays inside the box (two cells from each face).
template <int Dim, class Real>
SIMT_INLINE bool mac_interior(const MacVelocity<Real>& v, int i, int j, int k) {
    return i >= 2 && i < v.n[0] - 2 && j >= 2 && j < v.n[1] - 2 && (Dim == 2 || (k >= 2 && k < v.n[2] - 2));
}

/// Whether face (i, j, k) of component c is held at 0: a wall face (index 0 on a walled axis)
/// or a face of a solid cell (staircase no-slip obstacles).
template <class Real>
SIMT_INLINE bool mac_fixed_face(const MacVelocity<Real>& v, int c, int i, int j, int k) {
    int idx[3] = {i, j, k};
    if (v.b.wall[c] && idx[c] == 0) return true;
    if (!v.solid) return false;
    if (v.solid[v.at(i, j, k)]) return true;
    idx[c] = idx[c] > 0 ? idx[c] - 1 : v.n[c] - 1;  // the cell on the low side (wrapping)
    return v.solid[v.at(idx[0], idx[1], idx[2])] != 0;
}

/// \f$ \nabla^2 u_c \f$ at face (i, j, k): the 5- or 7-point second difference with ghost values.
template <int Dim, bool Interior = false, class Real>
SIMT_INLINE Real mac_laplacian(const MacVelocity<Real>& v, int c, int i, int j, int k, const Real (&inv_h2)[3]) {
    const Real centre = v.u[c][v.at(i, j, k)];
    Real lap = 0;
    SIMT_UNROLL
    for (int a = 0; a < Dim; ++a) {
        lap += (mac_shifted<Interior>(v, c, i, j, k, a, -1) - 2 * centre + mac_shifted<Interior>(v, c, i, j, k, a, 1)) *
               inv_h2[a];
    }
    return lap;
}

/// The value carried through an interface between cells L and R (up: beyond L, down: beyond
/// R) by velocity U: the mean (central), or the van Leer-limited upwind reconstruction — second
/// order where the field is smooth, first order (and bounded, TVD) at extrema.
template <class Real>
SIMT_INLINE Real mac_interface_value(Real up, Real left, Real right, Real down, Real velocity, bool upwind) {
    if (!upwind) return Real(0.5) * (left + right);
    const Real c = velocity >= 0 ? left : right;
    const Real d_up = velocity >= 0 ? left - up : right - down;
    const Real d_down = velocity >= 0 ? right - left : left - right;
    const Real product = d_up * d_down;
    return product > 0 ? c + product / (d_up + d_down) : c;
}

/// \f$ \nabla \cdot (u u_c) \f$ at face (i, j, k) of component c, in conservative form:
/// fluxes at the cell centres along c and at the cell edges across the other axes.
template <int Dim, bool Interior = false, class Real>
SIMT_INLINE Real mac_advection(const MacVelocity<Real>& v, int c, int i, int j, int k, const Real (&inv_h)[3],
                               bool upwind) {
    Real sum = 0;
    SIMT_UNROLL
    for (int a = 0; a < Dim; ++a) {
        Real s[5];  // u_c at -2 .. +2 along a
        SIMT_UNROLL
        for (int d = -2; d <= 2; ++d) s[d + 2] = upwind || (d > -2 && d < 2) ? mac_shifted<Interior>(v, c, i, j, k, a, d) : Real(0);
        Real u_minus, u_plus;  // the advecting velocity at the two interfaces
        if (a == c) {
            u_minus = Real(0.5) * (s[1] + s[2]);
            u_plus = Real(0.5) * (s[2] + s[3]);
        } else {
            // u_a on the edges between this face and its neighbours along a, averaged across c.
            const int e[3] = {c == 0 ? 1 : 0, c == 1 ? 1 : 0, c == 2 ? 1 : 0};
            u_minus = Real(0.5) * (mac_sample<Interior>(v, a, i, j, k) +
                                   mac_sample<Interior>(v, a, i - e[0], j - e[1], k - e[2]));
            u_plus = Real(0.5) * (mac_shifted<Interior>(v, a, i, j, k, a, 1) +
                                  mac_shifted<Interior>(v, a, i - e[0], j - e[1], k - e[2], a, 1));
        }
        const Real f_minus = u_minus * mac_interface_value(s[0], s[1], s[2], s[3], u_minus, upwind);
        const Real f_plus = u_plus * mac_interface_value(s[1], s[2], s[3], s[4], u_plus, upwind);
        sum += (f_plus - f_minus) * inv_h[a];
    }
    return sum;
}

/// Component c of the vorticity at the centre of cell (i, j, k): curl u on the four cell edges
/// along c, averaged. In 2-D only c = 2 (z) exists.
template <class Real>
SIMT_INLINE Real mac_vorticity(const MacVelocity<Real>& v, int c, int i, int j, int k, const Real (&inv_h)[3]) {
    const int a = (c + 1) % 3, b = (c + 2) % 3;  // omega_c = d u_b / d x_a - d u_a / d x_b
    Real sum = 0;
    SIMT_UNROLL
    for (int corner = 0; corner < 4; ++corner) {
        int p[3] = {i, j, k};
        p[a] += corner & 1;
        p[b] += corner >> 1;
        const Real dub = (mac_sample(v, b, p[0], p[1], p[2]) - mac_shifted(v, b, p[0], p[1], p[2], a, -1)) * inv_h[a];
        const Real dua = (mac_sample(v, a, p[0], p[1], p[2]) - mac_shifted(v, a, p[0], p[1], p[2], b, -1)) * inv_h[b];
        sum += dub - dua;
    }
    return Real(0.25) * sum;
}

/// Component c interpolated to the centre of cell (i, j, k).
template <class Real>
SIMT_INLINE Real mac_centre_velocity(const MacVelocity<Real>& v, int c, int i, int j, int k) {
    return Real(0.5) * (v.u[c][v.at(i, j, k)] + mac_shifted(v, c, i, j, k, c, 1));
}
}  // namespace simt::stencils
