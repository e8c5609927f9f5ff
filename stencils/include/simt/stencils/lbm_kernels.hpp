// SPDX-License-Identifier: MIT
// Lattice Boltzmann physics, pointwise and without CUDA syntax: second-order equilibrium,
// moments, the TRT collision (BGK as its special case) with Guo forcing, and pull streaming
// with periodic faces and half-way bounce-back walls. Everything is in lattice units: cells,
// steps, reference density 1. L is a velocity set from lbm_lattice.hpp.
#pragma once
#include <simt/core/view.hpp>
#include <simt/stencils/lbm_lattice.hpp>

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

/// The box's faces for streaming: periodic, or a wall half a cell outside the last cell
/// (half-way bounce-back) moving with `velocity` [cells/step], 0 for a resting wall.
template <class Real>
struct LbmFaces {
    bool wall[3][2] = {};  ///< [axis][lo, hi]; false: periodic
    Real velocity[3][2][3] = {};
};

/// Pull streaming into cell (i, j, k): f_q arrives from the upstream cell x - c_q, whose
/// post-collision populations are f(i, j, k, q) (extents nx, ny, nz, Q). A link through a wall
/// comes back reversed from the cell itself, f_q = f*_qbar + 2 w_q rho_w (c_q . u_w)/c_s^2 with
/// rho_w = 1 (Ladd's moving wall; c_q points into the fluid); a link through a periodic face
/// wraps. On an edge or corner the first wall in x, y, z order gives u_w. Interior cells take
/// a branch-free path on flat offsets, so a warp diverges only along the box's faces.
template <class L, class Real>
SIMT_INLINE void lbm_pull(const View<const Real, 4>& f, int i, int j, int k, const LbmFaces<Real>& faces,
                          Real (&out)[L::Q]) {
    const int n[3] = {int(f.extent[0]), int(f.extent[1]), int(f.extent[2])};
    const Index at = f.offset(i, j, k, 0);
    const Index sq = f.stride[3];
    const bool interior =
        i > 0 && i < n[0] - 1 && j > 0 && j < n[1] - 1 && (L::dim == 2 || (k > 0 && k < n[2] - 1));
    if (interior) {
        for (int q = 0; q < L::Q; ++q) {
            const Index up = L::c(q, 0) * f.stride[0] + L::c(q, 1) * f.stride[1] + L::c(q, 2) * f.stride[2];
            out[q] = f.data[at + q * sq - up];
        }
        return;
    }
    for (int q = 0; q < L::Q; ++q) {
        int p[3] = {i - L::c(q, 0), j - L::c(q, 1), k - L::c(q, 2)};
        int wall_axis = -1, wall_side = 0;
        for (int a = 0; a < L::dim; ++a) {
            const int side = p[a] < 0 ? 0 : p[a] >= n[a] ? 1 : -1;
            if (side < 0) continue;
            if (!faces.wall[a][side]) {
                p[a] += side == 0 ? n[a] : -n[a];
            } else if (wall_axis < 0) {
                wall_axis = a, wall_side = side;
            }
        }
        if (wall_axis >= 0) {
            const Real cu = lbm_dot_c<L>(q, faces.velocity[wall_axis][wall_side]);
            out[q] = f.data[at + L::opposite(q) * sq] + Real(6 * L::w(q)) * cu;
        } else {
            out[q] = f(p[0], p[1], p[2], q);
        }
    }
}
}  // namespace simt::stencils
