// SPDX-License-Identifier: MIT
// Lattice Boltzmann physics, pointwise and without CUDA syntax: second-order equilibrium,
// moments, the TRT collision (BGK as its special case) with Guo forcing, pull streaming with
// periodic faces, half-way bounce-back walls, velocity inlets, pressure outlets and solid
// obstacles, and the momentum exchange with the solids. Everything is in lattice units: cells,
// steps, reference density 1. L is a velocity set from lbm_lattice.hpp.
#pragma once
#include <cstdint>
#include <simt/core/view.hpp>
#include <simt/stencils/lbm_lattice.hpp>
#include <simt/stencils/lbm_obstacles.hpp>

namespace simt::stencils {
/// Relaxation rates and the body force, in the working precision.
template <class Real>
struct LbmCollision {
    /// Rate of the even part of f [1/step]: 1/tau, nu = c_s^2 (tau - 1/2).
    Real omega_plus = 1;
    /// Rate of the odd part [1/step]; equal to omega_plus this is BGK.
    Real omega_minus = 1;
    /// Guo body force per unit volume [mass cell^-2 step^-2].
    Real force[3] = {0, 0, 0};
};

/// BGK: one relaxation time tau = 3 nu + 1/2 [steps].
template <class Real>
LbmCollision<Real> bgk_collision(double tau) {
    return {Real(1 / tau), Real(1 / tau), {0, 0, 0}};
}
/// TRT with magic parameter Lambda = (tau_plus - 1/2)(tau_minus - 1/2): 3/16 puts half-way
/// bounce-back walls exactly half a cell out for Poiseuille flow, 1/4 is the most stable.
template <class Real>
LbmCollision<Real> trt_collision(double tau, double magic) {
    return {Real(1 / tau), Real(1 / (0.5 + magic / (tau - 0.5))), {0, 0, 0}};
}

/// c_q . v over the lattice's dimensions.
template <class L, class Real>
SIMT_INLINE Real lbm_dot_c(int q, const Real (&v)[3]) {
    Real s = 0;
    for (int a = 0; a < L::dim; ++a) s += Real(L::c(q, a)) * v[a];
    return s;
}

/// f_q^eq = w_q rho (1 + c.u/c_s^2 + (c.u)^2/(2 c_s^4) - u.u/(2 c_s^2)), u in cells/step.
template <class L, class Real>
SIMT_INLINE Real lbm_equilibrium(int q, Real rho, const Real (&u)[3]) {
    Real uu = 0;
    for (int a = 0; a < L::dim; ++a) uu += u[a] * u[a];
    const Real cu = lbm_dot_c<L>(q, u);
    return Real(L::w(q)) * rho * (Real(1) + Real(3) * cu + Real(4.5) * cu * cu - Real(1.5) * uu);
}

/// Returns rho = sum_q f_q and sets u = (sum_q f_q c_q + shift) / rho. With Guo forcing the
/// velocity before collision takes shift = F/2; after collision the momentum has gained F, so
/// the same velocity is recovered with shift = -F/2.
template <class L, class Real>
SIMT_INLINE Real lbm_moments(const Real (&f)[L::Q], const Real (&shift)[3], Real (&u)[3]) {
    Real rho = 0, j[3] = {0, 0, 0};
    for (int q = 0; q < L::Q; ++q) {
        rho += f[q];
        for (int a = 0; a < L::dim; ++a) j[a] += Real(L::c(q, a)) * f[q];
    }
    for (int a = 0; a < 3; ++a) u[a] = a < L::dim ? (j[a] + shift[a]) / rho : Real(0);
    return rho;
}

/// TRT collision with Guo forcing, in place. Over each pair q, qbar = opposite(q) with
/// f^(+-) = (f_q +- f_qbar)/2:
///   f_q <- f_q - w+ (f^+ - feq^+) - w- (f^- - feq^-) + (1 - w+/2) S^+ + (1 - w-/2) S^-,
/// where Guo's source S_q = w_q ((c_q - u)/c_s^2 + (c_q.u) c_q/c_s^4) . F splits into
/// S^+ = w_q (9 (c.u)(c.F) - 3 u.F) and S^- = 3 w_q c.F. Mass is conserved; the momentum
/// goes from rho u - F/2 to rho u + F/2.
template <class L, class Real>
SIMT_INLINE void lbm_collide(Real (&f)[L::Q], const LbmCollision<Real>& p) {
    const Real half_force[3] = {p.force[0] / 2, p.force[1] / 2, p.force[2] / 2};
    Real u[3];
    const Real rho = lbm_moments<L>(f, half_force, u);
    Real uu = 0, uf = 0;
    for (int a = 0; a < L::dim; ++a) uu += u[a] * u[a], uf += u[a] * p.force[a];
    const Real keep_plus = Real(1) - p.omega_plus / 2, keep_minus = Real(1) - p.omega_minus / 2;
    for (int q = 0; q < L::Q; ++q) {
        const int o = L::opposite(q);
        if (o < q) continue;  // each pair once
        const Real w = Real(L::w(q));
        const Real cu = lbm_dot_c<L>(q, u), cf = lbm_dot_c<L>(q, p.force);
        const Real eq_plus = w * rho * (Real(1) + Real(4.5) * cu * cu - Real(1.5) * uu);
        const Real eq_minus = w * rho * Real(3) * cu;
        const Real fp = (f[q] + f[o]) / 2, fm = (f[q] - f[o]) / 2;
        const Real d_plus =
            -p.omega_plus * (fp - eq_plus) + keep_plus * w * (Real(9) * cu * cf - Real(3) * uf);
        const Real d_minus = -p.omega_minus * (fm - eq_minus) + keep_minus * w * Real(3) * cf;
        f[q] += d_plus + d_minus;
        if (o != q) f[o] += d_plus - d_minus;  // the rest population has no odd part: d_minus = 0
    }
}

/// The box's faces for streaming: periodic, a wall half a cell outside the last cell
/// (half-way bounce-back) moving with `velocity` [cells/step] (0: at rest; a velocity inlet is a
/// wall with a normal velocity), or a pressure outlet at rho = 1.
template <class Real>
struct LbmFaces {
    bool wall[3][2] = {};       ///< [axis][lo, hi]: bounce-back
    bool outlet[3][2] = {};     ///< anti-bounce-back to rho = 1
    bool parabolic[3][2] = {};  ///< velocity times 4 s (1 - s) across each walled transverse axis
    Real velocity[3][2][3] = {};
    SIMT_INLINE bool periodic(int axis, int side) const { return !wall[axis][side] && !outlet[axis][side]; }
};

/// The cell x + s c_q (s = +-1) in p, wrapped through periodic faces. Returns the first other
/// face the link leaves through, in x, y, z order, as 2 axis + side, or -1 if it stays inside.
template <class L, class Real>
SIMT_INLINE int lbm_link(const int (&n)[3], const LbmFaces<Real>& faces, int i, int j, int k, int q, int s,
                         int (&p)[3]) {
    p[0] = i + s * L::c(q, 0), p[1] = j + s * L::c(q, 1), p[2] = k + s * L::c(q, 2);
    int face = -1;
    for (int a = 0; a < L::dim; ++a) {
        const int side = p[a] < 0 ? 0 : p[a] >= n[a] ? 1 : -1;
        if (side < 0) continue;
        if (faces.periodic(a, side)) {
            p[a] += side == 0 ? n[a] : -n[a];
        } else if (face < 0) {
            face = 2 * a + side;
        }
    }
    return face;
}

/// Velocity (sum_q f_q c_q) / rho of the cell at flat offset `at`, without the force shift.
template <class L, class Real>
SIMT_INLINE void lbm_cell_velocity(const View<const Real, 4>& f, Index at, Real (&u)[3]) {
    Real rho = 0, j[3] = {0, 0, 0};
    for (int q = 0; q < L::Q; ++q) {
        const Real fq = f.data[at + q * f.stride[3]];
        rho += fq;
        for (int a = 0; a < L::dim; ++a) j[a] += Real(L::c(q, a)) * fq;
    }
    for (int a = 0; a < 3; ++a) u[a] = j[a] / rho;
}

/// f_q arriving at cell (i, j, k) through the face `face` (2 axis + side), from back = f*_qbar
/// of the cell itself. A wall reflects it with Ladd's term 2 w_q rho_w (c_q . u_w)/c_s^2,
/// rho_w = 1, c_q pointing into the fluid; a parabolic u_w is scaled by 4 s (1 - s), s the
/// position across each walled transverse axis. An outlet anti-bounces it back to the
/// equilibrium's even part at rho = 1 and the cell's own velocity u:
/// f_q = -f*_qbar + 2 w_q (1 + (c_q.u)^2/(2 c_s^4) - u.u/(2 c_s^2)).
template <class L, class Real>
SIMT_INLINE Real lbm_face_link(const int (&n)[3], const LbmFaces<Real>& faces, int face, int i, int j, int k,
                               int q, Real back, const Real (&u)[3]) {
    const int axis = face / 2, side = face % 2;
    const Real w = Real(L::w(q));
    if (faces.outlet[axis][side]) {
        Real uu = 0;
        for (int a = 0; a < L::dim; ++a) uu += u[a] * u[a];
        const Real cu = lbm_dot_c<L>(q, u);
        return -back + 2 * w * (Real(1) + Real(4.5) * cu * cu - Real(1.5) * uu);
    }
    Real scale = 1;
    if (faces.parabolic[axis][side]) {
        const int x[3] = {i, j, k};
        for (int b = 0; b < L::dim; ++b) {
            if (b == axis || !faces.wall[b][0]) continue;
            const Real s = (Real(x[b]) + Real(0.5)) / Real(n[b]);
            scale *= 4 * s * (1 - s);
        }
    }
    return back + Real(6) * w * scale * lbm_dot_c<L>(q, faces.velocity[axis][side]);
}

/// Pull streaming into cell (i, j, k): f_q arrives from the upstream cell x - c_q, whose
/// post-collision populations are f(i, j, k, q) (extents nx, ny, nz, Q). A link through a
/// periodic face wraps, one through another face follows lbm_face_link (on an edge or corner
/// the first face in x, y, z order decides), and one from a solid cell (mask) comes back
/// reversed from the cell itself, f_q = f*_qbar (half-way bounce-back, obstacles at rest).
/// Cells off the box's faces with no solid neighbour take a branch-free path on flat offsets,
/// so a warp diverges only along the faces and around obstacles.
template <class L, class Real>
SIMT_INLINE void lbm_pull(const View<const Real, 4>& f, const View<const std::uint8_t, 3>& mask, int i, int j,
                          int k, const LbmFaces<Real>& faces, Real (&out)[L::Q]) {
    const int n[3] = {int(f.extent[0]), int(f.extent[1]), int(f.extent[2])};
    const Index at = f.offset(i, j, k, 0);
    const Index sq = f.stride[3];
    const bool interior = i > 0 && i < n[0] - 1 && j > 0 && j < n[1] - 1 &&
                          (L::dim == 2 || (k > 0 && k < n[2] - 1)) && mask(i, j, k) == lbm_fluid;
    if (interior) {
        for (int q = 0; q < L::Q; ++q) {
            const Index up = L::c(q, 0) * f.stride[0] + L::c(q, 1) * f.stride[1] + L::c(q, 2) * f.stride[2];
            out[q] = f.data[at + q * sq - up];
        }
        return;
    }
    // Anti-bounce-back needs the outlet cell's velocity; the body force's F/2 shift is left out.
    Real u[3] = {0, 0, 0};
    const int x[3] = {i, j, k};
    bool at_outlet = false;
    for (int a = 0; a < L::dim; ++a)
        at_outlet = at_outlet || (x[a] == 0 && faces.outlet[a][0]) || (x[a] == n[a] - 1 && faces.outlet[a][1]);
    if (at_outlet) lbm_cell_velocity<L>(f, at, u);
    for (int q = 0; q < L::Q; ++q) {
        int p[3];
        const int face = lbm_link<L>(n, faces, i, j, k, q, -1, p);
        const Real back = f.data[at + L::opposite(q) * sq];
        if (face >= 0) {
            out[q] = lbm_face_link<L>(n, faces, face, i, j, k, q, back, u);
        } else {
            out[q] = mask(p[0], p[1], p[2]) == lbm_solid ? back : f(p[0], p[1], p[2], q);
        }
    }
}

/// Component `axis` of the force [lattice units] that fluid cell (i, j, k) exerts on the solids
/// over the next streaming, by momentum exchange: each link q into a solid cell carries f*_q
/// in with c_q and, bounced back, out with -c_q: F += c_q (f*_q + f_qbar(t+1)) = 2 c_q f*_q.
template <class L, class Real>
SIMT_INLINE double lbm_solid_force(const View<const Real, 4>& f, const View<const std::uint8_t, 3>& mask,
                                   const LbmFaces<Real>& faces, int i, int j, int k, int axis) {
    if (mask(i, j, k) != lbm_near_solid) return 0;
    const int n[3] = {int(f.extent[0]), int(f.extent[1]), int(f.extent[2])};
    double force = 0;
    for (int q = 0; q < L::Q; ++q) {
        int p[3];
        if (L::c(q, axis) == 0 || lbm_link<L>(n, faces, i, j, k, q, 1, p) >= 0) continue;
        if (mask(p[0], p[1], p[2]) == lbm_solid) force += 2.0 * L::c(q, axis) * double(f(i, j, k, q));
    }
    return force;
}
}  // namespace simt::stencils
