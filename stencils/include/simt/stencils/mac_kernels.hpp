// SPDX-License-Identifier: MIT
// Grid operators of the staggered (MAC) grid: velocity component c lives on the faces normal to
// axis c, u_c(i, j, k) at the cell's low face (x = i h for c = x), pressure at cell centres.
// Each component is stored n_x n_y n_z (x fastest): along a periodic axis face n is face 0;
// along a walled axis face 0 is the wall (u_c = 0 there, never updated; the inflow velocity on
// an inflow face) and face n, the far wall, is not stored. An outflow face n carries a velocity
// of its own: it follows the cells, in a plane appended to the component's array
// (MacVelocity::outflow_at). Across ranks a rank stores its block padded by a halo along the
// axes split between ranks (MacVelocity::lo, s); the operators take global indices throughout.
// Pointwise, no CUDA syntax: callable from for_each lambdas and host tests.
#pragma once
#include <cstdint>
#include <simt/core/macros.hpp>

namespace simt::stencils {
/// The box's faces: each axis periodic or walled; walls move tangentially at velocity
/// [axis][side][component] [length/time]. A walled axis may instead let the flow in through its
/// low face (inflow: normal velocity velocity[a][0][a], uniform or parabolic across the walled
/// tangential axes, no tangential velocity) and out through its high face (outflow: zero normal
/// gradient of the velocity, pressure 0).
struct MacBoundary {
    bool wall[3] = {false, false, false};
    double velocity[3][2][3] = {};
    bool inflow[3] = {false, false, false};
    bool parabolic[3] = {false, false, false};
    bool outflow[3] = {false, false, false};
};

/// The velocity components a kernel reads, with the grid they live on and its solid cells (one
/// byte per stored cell, nonzero solid; nullptr without obstacles). The arrays hold the cells
/// of a box of the grid: s[a] cells from global index lo[a] along each axis (the whole grid in
/// one process; a block and its halo across ranks). Along an axis with `halo` the box holds the
/// cells beyond a periodic face itself (unwrapped indices), along others the wrap is read
/// within the box.
template <class Real>
struct MacVelocity {
    const Real* u[3] = {nullptr, nullptr, nullptr};
    int n[3] = {1, 1, 1};
    int lo[3] = {0, 0, 0};
    int s[3] = {1, 1, 1};
    bool halo[3] = {false, false, false};
    MacBoundary b;
    const std::uint8_t* solid = nullptr;

    SIMT_INLINE Index at(int i, int j, int k) const {
        return (i - lo[0]) + Index(s[0]) * ((j - lo[1]) + Index(s[1]) * (k - lo[2]));
    }
    /// The index below m along axis a: wrapped at 0 unless the box holds a halo there.
    SIMT_INLINE int below(int a, int m) const { return m > 0 || halo[a] ? m - 1 : n[a] - 1; }
    /// Where face n of component c (an outflow face) is stored: after the box's faces, indexed
    /// by the two other coordinates of (i, j, k) within the box.
    SIMT_INLINE Index outflow_at(int c, int i, int j, int k) const {
        const Index cells = Index(s[0]) * s[1] * s[2];
        const Index x = i - lo[0], y = j - lo[1], z = k - lo[2];
        return cells + (c == 0 ? y + s[1] * z : c == 1 ? x + s[0] * z : x + s[0] * y);
    }
};

/// Cells of the plane an outflow face of axis a appends to component a's array of a box of s
/// cells per axis.
inline Index mac_outflow_plane(const int (&s)[3], int a) { return Index(s[0]) * s[1] * s[2] / s[a]; }

/// Component c at face index (i, j, k), any index up to two cells outside the box: periodic
/// axes wrap; at a wall the normal component is 0 on the wall and odd about it, a tangential
/// component takes the ghost value 2 U_wall - u of the mirrored cell (no slip, second order).
/// An inflow face is a wall for the tangential components and extends its normal velocity
/// unchanged outwards; an outflow face extends every component unchanged (zero gradient), its
/// own normal velocity from the appended plane.
/// The shell of cells near the faces uses it; the interior reads plain offsets
/// (mac_rhs_interior).
template <class Real>
SIMT_INLINE Real mac_sample(const MacVelocity<Real>& v, int c, int i, int j, int k) {
    int idx[3] = {i, j, k};
    bool inside = true;
    SIMT_UNROLL
    for (int a = 0; a < 3; ++a) inside = inside && idx[a] >= 0 && idx[a] < v.n[a];
    if (inside) return v.u[c][v.at(i, j, k)];
    Real sign = 1, shift = 0;
    bool plane = false;  // the outflow face's own velocity
    SIMT_UNROLL
    for (int a = 0; a < 3; ++a) {
        const int m = idx[a], n = v.n[a];
        if (m >= 0 && m < n) continue;
        if (!v.b.wall[a]) {
            if (!v.halo[a]) idx[a] = m < 0 ? m + n : m - n;
            continue;
        }
        if (m >= n && v.b.outflow[a]) {
            if (a == c) {
                plane = true;
            } else {
                idx[a] = 2 * n - 1 - m;
            }
            continue;
        }
        if (a == c) {
            if (m < 0 && v.b.inflow[a]) {
                idx[a] = 0;
                continue;
            }
            if (m == n) return shift;  // on the far wall: no flow through it
            idx[a] = m < 0 ? -m : 2 * n - m;
        } else {
            shift += sign * Real(2 * v.b.velocity[a][m < 0 ? 0 : 1][c]);
            idx[a] = m < 0 ? -1 - m : 2 * n - 1 - m;
        }
        sign = -sign;
    }
    const Index at = plane ? v.outflow_at(c, idx[0], idx[1], idx[2]) : v.at(idx[0], idx[1], idx[2]);
    return shift + sign * v.u[c][at];
}

/// Neighbour of (i, j, k) shifted by d along axis a.
template <class Real>
SIMT_INLINE Real mac_shifted(const MacVelocity<Real>& v, int c, int i, int j, int k, int a, int d) {
    return mac_sample(v, c, i + (a == 0 ? d : 0), j + (a == 1 ? d : 0), k + (a == 2 ? d : 0));
}

/// \f$ \nabla \cdot u \f$ at the centre of cell (i, j, k): sum_a (u_a(+e_a) - u_a) / h_a.
template <int Dim, class Real>
SIMT_INLINE Real mac_divergence(const MacVelocity<Real>& v, int i, int j, int k, const Real (&inv_h)[3]) {
    Real div = 0;
    SIMT_UNROLL
    for (int a = 0; a < Dim; ++a) div += (mac_shifted(v, a, i, j, k, a, 1) - v.u[a][v.at(i, j, k)]) * inv_h[a];
    return div;
}

/// The interior box [lo, hi) per axis: cells whose stencils (two cells each way) stay inside
/// the box. A 2-D grid's z axis is all interior; an axis of fewer than 5 cells has none.
struct MacInterior {
    int lo[3], hi[3];
    MacInterior(const int (&n)[3], int dim) {
        for (int a = 0; a < 3; ++a) {
            lo[a] = a < dim ? (n[a] < 2 ? n[a] : 2) : 0;
            hi[a] = a < dim ? (n[a] - 2 > lo[a] ? n[a] - 2 : lo[a]) : n[a];
        }
    }
    int extent(int a) const { return hi[a] - lo[a]; }
};

/// Coordinate b of a band: the cells below lo, then those from hi on.
SIMT_INLINE int mac_band_coordinate(int b, int lo, int hi) { return b < lo ? b : b + hi - lo; }

/// The cells outside the interior box of an n grid (shell), three groups: the z bands (all i,
/// j), the y bands (all i, interior k), the x bands (interior j, k). Cell t of the shell. No
/// local arrays indexed at run time: they would live on the GPU's stack.
SIMT_INLINE void mac_shell_cell(Index t, const int (&n)[3], const int (&lo)[3], const int (&hi)[3], int& i, int& j,
                                int& k) {
    const int band_x = n[0] - (hi[0] - lo[0]), band_y = n[1] - (hi[1] - lo[1]), band_z = n[2] - (hi[2] - lo[2]);
    const Index plane = Index(n[0]) * n[1], z_cells = plane * band_z, y_cells = Index(n[0]) * band_y * (hi[2] - lo[2]);
    if (t < z_cells) {
        i = int(t % n[0]), j = int(t / n[0] % n[1]), k = mac_band_coordinate(int(t / plane), lo[2], hi[2]);
    } else if ((t -= z_cells) < y_cells) {
        i = int(t % n[0]), j = mac_band_coordinate(int(t / n[0] % band_y), lo[1], hi[1]);
        k = lo[2] + int(t / (Index(n[0]) * band_y));
    } else {
        t -= y_cells;
        const int rows = hi[1] - lo[1];
        i = mac_band_coordinate(int(t % band_x), lo[0], hi[0]), j = lo[1] + int(t / band_x % rows);
        k = lo[2] + int(t / (Index(band_x) * rows));
    }
}

/// Number of shell cells (mac_shell_cell's t range).
inline Index mac_shell_cells(const int (&n)[3], const MacInterior& in) {
    return Index(n[0]) * n[1] * n[2] - Index(in.extent(0)) * in.extent(1) * in.extent(2);
}

/// Whether face (i, j, k) of component c is held at 0: a wall face (index 0 on a walled axis)
/// or a face of a solid cell (staircase no-slip obstacles).
template <class Real>
SIMT_INLINE bool mac_fixed_face(const MacVelocity<Real>& v, int c, int i, int j, int k) {
    int idx[3] = {i, j, k};
    if (v.b.wall[c] && idx[c] == 0) return true;
    if (!v.solid) return false;
    if (v.solid[v.at(i, j, k)]) return true;
    idx[c] = v.below(c, idx[c]);  // the cell on the low side
    return v.solid[v.at(idx[0], idx[1], idx[2])] != 0;
}

/// The value of a face mac_fixed_face holds: the inflow velocity on an inflow face, else 0.
/// Parabolic: \f$ U \prod_b 4 s_b (1 - s_b) \f$ over the walled tangential axes b, s_b the
/// face centre's fraction of the box (U the peak).
template <class Real>
SIMT_INLINE Real mac_fixed_value(const MacVelocity<Real>& v, int c, int i, int j, int k) {
    const int idx[3] = {i, j, k};
    if (!v.b.inflow[c] || idx[c] != 0 || (v.solid && v.solid[v.at(i, j, k)])) return 0;
    double u = v.b.velocity[c][0][c];
    SIMT_UNROLL
    for (int b = 0; b < 3; ++b) {
        if (b == c || !v.b.parabolic[c] || !v.b.wall[b]) continue;
        const double s = (idx[b] + 0.5) / v.n[b];
        u *= 4 * s * (1 - s);
    }
    return Real(u);
}

/// \f$ \nabla^2 u_c \f$ at face (i, j, k): the 5- or 7-point second difference with ghost values.
template <int Dim, class Real>
SIMT_INLINE Real mac_laplacian(const MacVelocity<Real>& v, int c, int i, int j, int k, const Real (&inv_h2)[3]) {
    const Real centre = v.u[c][v.at(i, j, k)];
    Real lap = 0;
    SIMT_UNROLL
    for (int a = 0; a < Dim; ++a) {
        lap += (mac_shifted(v, c, i, j, k, a, -1) - 2 * centre + mac_shifted(v, c, i, j, k, a, 1)) * inv_h2[a];
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
template <int Dim, class Real>
SIMT_INLINE Real mac_advection(const MacVelocity<Real>& v, int c, int i, int j, int k, const Real (&inv_h)[3],
                               bool upwind) {
    Real sum = 0;
    SIMT_UNROLL
    for (int a = 0; a < Dim; ++a) {
        Real s[5];  // u_c at -2 .. +2 along a
        SIMT_UNROLL
        for (int d = -2; d <= 2; ++d) s[d + 2] = upwind || (d > -2 && d < 2) ? mac_shifted(v, c, i, j, k, a, d) : Real(0);
        Real u_minus, u_plus;  // the advecting velocity at the two interfaces
        if (a == c) {
            u_minus = Real(0.5) * (s[1] + s[2]);
            u_plus = Real(0.5) * (s[2] + s[3]);
        } else {
            // u_a on the edges between this face and its neighbours along a, averaged across c.
            const int e[3] = {c == 0 ? 1 : 0, c == 1 ? 1 : 0, c == 2 ? 1 : 0};
            u_minus = Real(0.5) * (mac_sample(v, a, i, j, k) + mac_sample(v, a, i - e[0], j - e[1], k - e[2]));
            u_plus = Real(0.5) * (mac_shifted(v, a, i, j, k, a, 1) + mac_shifted(v, a, i - e[0], j - e[1], k - e[2], a, 1));
        }
        const Real f_minus = u_minus * mac_interface_value(s[0], s[1], s[2], s[3], u_minus, upwind);
        const Real f_plus = u_plus * mac_interface_value(s[1], s[2], s[3], s[4], u_plus, upwind);
        sum += (f_plus - f_minus) * inv_h[a];
    }
    return sum;
}

/// \f$ F_c = \nu \nabla^2 u_c - \nabla \cdot (u u_c) \f$ at the face of 32-bit offset `at`
/// of an interior cell (MacInterior): the arithmetic of mac_laplacian and mac_advection on
/// plain loads, no ghost logic, the advection scheme fixed at compile time. Every array is
/// read through `u`, so the caller can compute all components before storing any and the
/// compilers load each shared value once.
template <int Dim, bool Upwind, class Real>
SIMT_INLINE Real mac_rhs_interior(const Real* const (&u)[3], int c, int at, const int (&stride)[3],
                                  const Real (&inv_h)[3], const Real (&inv_h2)[3], Real nu) {
    const Real* uc = u[c];
    const Real centre = uc[at];
    Real lap = 0, adv = 0;
    SIMT_UNROLL
    for (int a = 0; a < Dim; ++a) {
        const int s = stride[a];
        const Real minus = uc[at - s], plus = uc[at + s];
        lap += (minus - 2 * centre + plus) * inv_h2[a];
        Real u_minus, u_plus;  // the advecting velocity at the two interfaces
        if (a == c) {
            u_minus = Real(0.5) * (minus + centre);
            u_plus = Real(0.5) * (centre + plus);
        } else {
            const Real* ua = u[a];
            const int e = stride[c];
            u_minus = Real(0.5) * (ua[at] + ua[at - e]);
            u_plus = Real(0.5) * (ua[at + s] + ua[at + s - e]);
        }
        const Real far_minus = Upwind ? uc[at - 2 * s] : Real(0), far_plus = Upwind ? uc[at + 2 * s] : Real(0);
        const Real f_minus = u_minus * mac_interface_value(far_minus, minus, centre, plus, u_minus, Upwind);
        const Real f_plus = u_plus * mac_interface_value(minus, centre, plus, far_plus, u_plus, Upwind);
        adv += (f_plus - f_minus) * inv_h[a];
    }
    return nu * lap - adv;
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
