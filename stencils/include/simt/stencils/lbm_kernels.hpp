// SPDX-License-Identifier: MIT
// Lattice Boltzmann physics, pointwise and without CUDA syntax: second-order equilibrium,
// moments, the TRT collision (BGK as its special case) with Guo forcing, pull streaming with
// periodic faces, half-way bounce-back walls, velocity inlets, pressure outlets and solid
// obstacles (half-way or interpolated bounce-back), the fused step as a functor, and the
// momentum exchange with the solids. Everything is in lattice units: cells, steps, reference
// density 1. L is a velocity set from lbm_lattice.hpp, S a storage policy from lbm_storage.hpp.
// Every loop over directions is unrolled (SIMT_UNROLL): q, c_q and w_q are then constants and
// the per-cell arrays stay in registers.
#pragma once
#include <cstdint>
#include <simt/core/bit_select.hpp>
#include <simt/core/range.hpp>
#include <simt/core/view.hpp>
#include <simt/stencils/lbm_lattice.hpp>
#include <simt/stencils/lbm_obstacles.hpp>
#include <simt/stencils/lbm_storage.hpp>

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
    SIMT_UNROLL
    for (int a = 0; a < L::dim; ++a) s += Real(L::c(q, a)) * v[a];
    return s;
}

/// f_q^eq = w_q rho (1 + c.u/c_s^2 + (c.u)^2/(2 c_s^4) - u.u/(2 c_s^2)), u in cells/step.
template <class L, class Real>
SIMT_INLINE Real lbm_equilibrium(int q, Real rho, const Real (&u)[3]) {
    Real uu = 0;
    SIMT_UNROLL
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
    SIMT_UNROLL
    for (int q = 0; q < L::Q; ++q) {
        rho += f[q];
        SIMT_UNROLL
        for (int a = 0; a < L::dim; ++a) j[a] += Real(L::c(q, a)) * f[q];
    }
    SIMT_UNROLL
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
    SIMT_UNROLL
    for (int a = 0; a < L::dim; ++a) uu += u[a] * u[a], uf += u[a] * p.force[a];
    const Real keep_plus = Real(1) - p.omega_plus / 2, keep_minus = Real(1) - p.omega_minus / 2;
    SIMT_UNROLL
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

/// Everything the streaming needs to know about the boundaries besides the cell mask.
template <class Real>
struct LbmBoundaries {
    LbmFaces<Real> faces;
    /// The obstacle shapes, for the wall distances of interpolated bounce-back.
    LbmObstacles obstacles;
    /// Bouzidi-Firdaouss-Lallemand linear interpolation at obstacles instead of half-way walls.
    bool interpolated = false;
    /// Across ranks the lattice is one block (with its halos) of the domain: the global index of
    /// its cell (0, 0, 0) and the domain's cells per axis, which place the obstacles and the
    /// parabolic profiles. One process: 0 and the lattice's own extents.
    int origin[3] = {0, 0, 0};
    int domain[3] = {1, 1, 1};
};

/// Where the pull found f_q of a boundary cell.
enum class LbmLink : std::uint8_t { fluid, face, solid };

/// The side (0 lo, 1 hi) of axis a through which the pull of direction q leaves the box: the
/// upstream cell x - c_q lies below the box if c_q points up.
template <class L>
SIMT_INLINE int lbm_upstream_side(int q, int a) {
    return L::c(q, a) > 0 ? 0 : 1;
}

/// Density and velocity (sum_q f_q c_q) / rho of the cell at flat offset `at`, without the force
/// shift.
template <class L, class S>
SIMT_INLINE void lbm_cell_velocity(const View<const typename S::Stored, 4>& f, Index at,
                                   typename S::Compute (&u)[3]) {
    using Real = typename S::Compute;
    Real fc[L::Q];
    SIMT_UNROLL
    for (int q = 0; q < L::Q; ++q) fc[q] = S::load(q, f.data[at + q * f.stride[3]]);
    const Real none[3] = {0, 0, 0};
    lbm_moments<L>(fc, none, u);
}

/// f_q arriving at cell x through the face (axis, side), from back = f*_qbar of the cell itself.
/// A wall reflects it with Ladd's term 2 w_q rho_w (c_q . u_w)/c_s^2, rho_w = 1, c_q pointing
/// into the fluid; a parabolic u_w is scaled by 4 s (1 - s), s the position across each walled
/// transverse axis. An outlet anti-bounces it back to the equilibrium's even part at rho = 1 and
/// the cell's own velocity u: f_q = -f*_qbar + 2 w_q (1 + (c_q.u)^2/(2 c_s^4) - u.u/(2 c_s^2)).
/// axis and side are constants in the unrolled loops that call this, so the face settings are
/// read without run-time indexing.
template <class L, class Real>
SIMT_INLINE Real lbm_face_link(const int (&n)[3], const LbmFaces<Real>& faces, int axis, int side,
                               const int (&x)[3], int q, Real back, const Real (&u)[3]) {
    const Real w = Real(L::w(q));
    if (faces.outlet[axis][side]) {
        Real uu = 0;
        SIMT_UNROLL
        for (int a = 0; a < L::dim; ++a) uu += u[a] * u[a];
        const Real cu = lbm_dot_c<L>(q, u);
        return -back + 2 * w * (Real(1) + Real(4.5) * cu * cu - Real(1.5) * uu);
    }
    Real scale = 1;
    if (faces.parabolic[axis][side]) {
        SIMT_UNROLL
        for (int b = 0; b < L::dim; ++b) {
            if (b == axis || !faces.wall[b][0]) continue;
            const Real s = (Real(x[b]) + Real(0.5)) / Real(n[b]);
            scale *= 4 * s * (1 - s);
        }
    }
    return back + Real(6) * w * scale * lbm_dot_c<L>(q, faces.velocity[axis][side]);
}

/// Pull streaming into a fluid cell (mask lbm_fluid): f_q = f*_q(x - c_q). A fluid cell's links
/// stay inside the box or cross periodic faces only, so the upstream cell is found by wrapping
/// each coordinate, as FluidX3D does: every fluid cell, on a periodic face or not, takes this
/// path. Cell offsets are 32-bit (Params refuses grids of 2^31 cells or more); Offset is the type
/// of the offset into the whole lattice, int where Q times the cells fit in it (one integer add
/// per access instead of a 64-bit one: 8% more MLUPs for fp16 storage on an H100).
template <class L, class S, class Offset>
SIMT_INLINE void lbm_pull_interior(const View<const typename S::Stored, 4>& f, int i, int j, int k,
                                   typename S::Compute (&out)[L::Q]) {
    const int nx = int(f.extent[0]), ny = int(f.extent[1]), nz = int(f.extent[2]);
    const int sy = int(f.stride[1]), sz = int(f.stride[2]);
    const Offset sq = Offset(f.stride[3]);
    // Offsets of the cells at +1, 0, -1 along each axis: index 1 + c holds x - c.
    const int x[3] = {i == nx - 1 ? 0 : i + 1, i, i == 0 ? nx - 1 : i - 1};
    const int y[3] = {(j == ny - 1 ? 0 : j + 1) * sy, j * sy, (j == 0 ? ny - 1 : j - 1) * sy};
    const int z[3] = {(k == nz - 1 ? 0 : k + 1) * sz, k * sz, (k == 0 ? nz - 1 : k - 1) * sz};
    SIMT_UNROLL
    for (int q = 0; q < L::Q; ++q) {
        const int up = x[1 + L::c(q, 0)] + y[1 + L::c(q, 1)] + z[1 + L::c(q, 2)];
        out[q] = S::load(q, f.data[Offset(up) + q * sq]);
    }
}

/// Interpolated bounce-back (Bouzidi, Firdaouss & Lallemand 2001) for the links of cell x whose
/// upstream cell is solid. With qbar pointing at the wall and delta the wall's distance along
/// that link:
///   delta <  1/2: f_q = 2 delta f*_qbar(x) + (1 - 2 delta) f*_qbar(x + c_q)   (needs x + c_q fluid)
///   delta >= 1/2: f_q = f*_qbar(x) / (2 delta) + (1 - 1/(2 delta)) f*_q(x)
/// out holds the half-way values f*_qbar(x) on entry, and f*_qbar(x + c_q) is what the pull of
/// direction qbar found. Without a fluid x + c_q the link keeps the half-way wall. (i, j, k) is
/// the cell's index in the whole domain, which places it against the obstacles.
template <class L, class S>
SIMT_INLINE void lbm_interpolate_solid_links(const View<const typename S::Stored, 4>& f, Index at, int i, int j,
                                             int k, const LbmObstacles& obstacles, const LbmLink (&kind)[L::Q],
                                             typename S::Compute (&out)[L::Q]) {
    using Real = typename S::Compute;
    SIMT_UNROLL
    for (int q = 0; q < L::Q; ++q) {
        if (kind[q] != LbmLink::solid) continue;
        const int o = L::opposite(q);
        const int c[3] = {L::c(o, 0), L::c(o, 1), L::c(o, 2)};
        const Real delta = Real(lbm_wall_fraction(obstacles, i, j, k, c));
        if (delta < Real(0.5)) {
            if (kind[o] == LbmLink::fluid) out[q] = 2 * delta * out[q] + (1 - 2 * delta) * out[o];
        } else {
            const Real own = S::load(q, f.data[at + q * f.stride[3]]);
            out[q] = out[q] / (2 * delta) + (1 - 1 / (2 * delta)) * own;
        }
    }
}

/// Pull streaming into a boundary cell (i, j, k): f_q arrives from the upstream cell x - c_q,
/// whose post-collision populations are f(i, j, k, q) (extents nx, ny, nz, Q). A link through a
/// periodic face wraps, one through another face follows lbm_face_link (on an edge or corner
/// the first face in x, y, z order decides), and one from a solid cell comes back reversed from
/// the cell itself, f_q = f*_qbar (half-way bounce-back, obstacles at rest), or interpolated.
/// kind says where each f_q came from.
template <class L, class S>
SIMT_INLINE void lbm_pull_boundary(const View<const typename S::Stored, 4>& f,
                                   const View<const std::uint8_t, 3>& mask, int i, int j, int k,
                                   const LbmBoundaries<typename S::Compute>& b,
                                   typename S::Compute (&out)[L::Q], LbmLink (&kind)[L::Q]) {
    using Real = typename S::Compute;
    const int n[3] = {int(f.extent[0]), int(f.extent[1]), int(f.extent[2])};
    const int x[3] = {i, j, k};
    const int global[3] = {i + b.origin[0], j + b.origin[1], k + b.origin[2]};
    const Index at = f.offset(i, j, k, 0);
    const Index sq = f.stride[3];
    // Anti-bounce-back needs the outlet cell's velocity; the body force's F/2 shift is left out.
    Real u[3] = {0, 0, 0};
    bool at_outlet = false;
    SIMT_UNROLL
    for (int a = 0; a < L::dim; ++a)
        at_outlet = at_outlet || (x[a] == 0 && b.faces.outlet[a][0]) || (x[a] == n[a] - 1 && b.faces.outlet[a][1]);
    if (at_outlet) lbm_cell_velocity<L, S>(f, at, u);
    SIMT_UNROLL
    for (int q = 0; q < L::Q; ++q) {
        const int o = L::opposite(q);
        const Real back = S::load(o, f.data[at + o * sq]);
        int p[3] = {i - L::c(q, 0), j - L::c(q, 1), k - L::c(q, 2)};
        int face = -1;  // the axis of the first non-periodic face the link crosses
        SIMT_UNROLL
        for (int a = 0; a < L::dim; ++a) {
            if (L::c(q, a) == 0 || (p[a] >= 0 && p[a] < n[a])) continue;
            const int side = lbm_upstream_side<L>(q, a);
            if (b.faces.periodic(a, side)) {
                p[a] += side == 0 ? n[a] : -n[a];
            } else if (face < 0) {
                face = a;
            }
        }
        if (face >= 0) {
            kind[q] = LbmLink::face;
            SIMT_UNROLL
            for (int a = 0; a < L::dim; ++a)
                if (a == face)
                    out[q] = lbm_face_link<L>(b.domain, b.faces, a, lbm_upstream_side<L>(q, a), global, q, back, u);
        } else if (mask(p[0], p[1], p[2]) == lbm_solid) {
            kind[q] = LbmLink::solid;
            out[q] = back;
        } else {
            kind[q] = LbmLink::fluid;
            out[q] = S::load(q, f(p[0], p[1], p[2], q));
        }
    }
    if (b.interpolated)
        lbm_interpolate_solid_links<L, S>(f, at, global[0], global[1], global[2], b.obstacles, kind, out);
}

/// Collides the pulled populations f of the cell at flat offset `at` and stores them in `to`.
template <class L, class S, class Offset>
SIMT_INLINE void lbm_collide_store(typename S::Compute (&f)[L::Q], const LbmCollision<typename S::Compute>& c,
                                   const View<typename S::Stored, 4>& to, Offset at) {
    lbm_collide<L>(f, c);
    const Offset sq = Offset(to.stride[3]);
    SIMT_UNROLL
    for (int q = 0; q < L::Q; ++q) to.data[at + q * sq] = S::store(q, f[q]);
}

/// What both parts of the fused step read and write: pull f* from the upstream neighbours in
/// `from`, collide, write the cell's own populations of `to`; 2 Q stored values per cell. Solid
/// cells are never written: both lattices hold their rest equilibrium.
template <class L, class S>
struct LbmStep {
    View<const typename S::Stored, 4> from;
    View<typename S::Stored, 4> to;
    View<const std::uint8_t, 3> mask;
    LbmCollision<typename S::Compute> collision;
};

/// The step's first part, over the whole grid: the fluid cells. Boundary cells are left to
/// LbmStreamCollideBoundary; kept apart, this kernel carries no boundary code: fewer registers,
/// no divergence. Offset: see lbm_pull_interior (lbm_offsets_fit_int says when int will do).
/// The mask and the lattice are contiguous: a cell's offset is i + j nx + k nx ny in both.
template <class L, class S, class Offset>
struct LbmStreamCollideInterior {
    /// On the CPU the cell update (Q values in flight, Q loads and Q stores) spills SSE2's 16
    /// registers; AVX2 and AVX-512 give it 16 and 32 wider ones (for_each picks the widest).
    static constexpr bool cpu_isa_clones = true;
    LbmStep<L, S> step;

    SIMT_INLINE void operator()(int i, int j, int k) const {
        const int cell = i + j * int(step.mask.stride[1]) + k * int(step.mask.stride[2]);
        if (step.mask.data[cell] != lbm_fluid) return;
        typename S::Compute f[L::Q];
        lbm_pull_interior<L, S, Offset>(step.from, i, j, k, f);
        lbm_collide_store<L, S>(f, step.collision, step.to, Offset(cell));
    }

    /// Away from the box's faces (for_each's Interior, on the CPU): the upstream cell x - c_q is
    /// one fixed offset away, no coordinate wraps, and the x-line becomes a SIMD loop. Every cell
    /// is computed; one that is not fluid stores back what `to` holds, so nothing changes there
    /// (the line's cache lines are read before they are written anyway). Each cell writes only
    /// its own values, and the boundary kernel runs after this one.
    SIMT_INLINE void operator()(int i, int j, int k, Interior) const {
        using Stored = typename S::Stored;
        const Offset cell =
            Offset(i) + Offset(j) * Offset(step.mask.stride[1]) + Offset(k) * Offset(step.mask.stride[2]);
        const Offset sy = Offset(step.from.stride[1]), sz = Offset(step.from.stride[2]),
                     sq = Offset(step.from.stride[3]);
        typename S::Compute f[L::Q];
        SIMT_UNROLL
        for (int q = 0; q < L::Q; ++q) {
            const Offset up = cell - L::c(q, 0) - L::c(q, 1) * sy - L::c(q, 2) * sz;
            f[q] = S::load(q, step.from.data[up + q * sq]);
        }
        lbm_collide<L>(f, step.collision);
        const bool fluid = step.mask.data[cell] == lbm_fluid;
        SIMT_UNROLL
        for (int q = 0; q < L::Q; ++q) {
            const Stored kept = step.to.data[cell + q * sq], computed = S::store(q, f[q]);
            step.to.data[cell + q * sq] = bit_select(fluid, computed, kept);
        }
    }
    SIMT_INLINE void operator()(int i, int j) const { (*this)(i, j, 0); }
    SIMT_INLINE void operator()(int i, int j, Interior in) const { (*this)(i, j, 0, in); }
};

/// LbmStreamCollideInterior over the cells of a box of the lattice that starts at (i0, j0, k0):
/// across ranks a block steps its own cells (not its halos), and with the exchange overlapped
/// the cells that read no halo first. Where for_each passes Interior the cell's neighbours lie in
/// the box, hence in the lattice, so its interior path holds there too.
template <class L, class S, class Offset>
struct LbmStreamCollideBox {
    LbmStreamCollideInterior<L, S, Offset> step;
    int i0, j0, k0;

    SIMT_INLINE void operator()(int i, int j, int k) const { step(i + i0, j + j0, k + k0); }
    SIMT_INLINE void operator()(int i, int j, int k, Interior in) const { step(i + i0, j + j0, k + k0, in); }
    SIMT_INLINE void operator()(int i, int j) const { (*this)(i, j, 0); }
    SIMT_INLINE void operator()(int i, int j, Interior in) const { (*this)(i, j, 0, in); }
};

/// Whether every offset into a lattice of Q values per cell fits an int.
template <class L>
inline bool lbm_offsets_fit_int(Index cells) {
    return cells * L::Q <= Index(2147483647);
}

/// The step's second part, over the list of the boundary cells' flat offsets (x fastest).
template <class L, class S>
struct LbmStreamCollideBoundary {
    LbmStep<L, S> step;
    const Index* cells;
    LbmBoundaries<typename S::Compute> boundaries;

    SIMT_INLINE void operator()(Index n) const {
        const Index cell = cells[n], nx = step.from.extent[0], ny = step.from.extent[1];
        const int i = int(cell % nx), j = int(cell / nx % ny), k = int(cell / (nx * ny));
        typename S::Compute f[L::Q];
        LbmLink kind[L::Q];
        lbm_pull_boundary<L, S>(step.from, step.mask, i, j, k, boundaries, f, kind);
        lbm_collide_store<L, S>(f, step.collision, step.to, step.from.offset(i, j, k, 0));
    }
};

/// The force [lattice units] that boundary cell (i, j, k) exerts on the solids over the next
/// streaming, by momentum exchange: each link towards a solid carries f*_qbar in along c_qbar and
/// the streamed f_q back out along c_q = -c_qbar, so F += c_qbar (f*_qbar + f_q)
/// (2 c_qbar f*_qbar for the half-way wall).
template <class L, class S>
SIMT_INLINE void lbm_solid_force(const View<const typename S::Stored, 4>& f, const View<const std::uint8_t, 3>& mask,
                                 const LbmBoundaries<typename S::Compute>& b, int i, int j, int k,
                                 double (&force)[3]) {
    typename S::Compute out[L::Q];
    LbmLink kind[L::Q];
    lbm_pull_boundary<L, S>(f, mask, i, j, k, b, out, kind);
    const Index at = f.offset(i, j, k, 0);
    force[0] = force[1] = force[2] = 0;
    SIMT_UNROLL
    for (int q = 0; q < L::Q; ++q) {
        if (kind[q] != LbmLink::solid) continue;
        const int o = L::opposite(q);
        const double exchanged = double(S::load(o, f.data[at + o * f.stride[3]])) + double(out[q]);
        SIMT_UNROLL
        for (int a = 0; a < 3; ++a) force[a] += L::c(o, a) * exchanged;
    }
}
}  // namespace simt::stencils
