// SPDX-License-Identifier: MIT
// The navier_stokes solver's kernels: the initial field, the SSP-RK3 stage, the projection's
// correction, outflow faces and the cell values behind fields and observables. Included only
// by navier_stokes/solver.cpp (CUDA-compiled in CUDA builds): a SIMT_LAMBDA belongs in a
// function of one translation unit.
#pragma once
#include <cmath>
#include <simt/core/for_each.hpp>
#include <simt/core/reduce.hpp>
#include <simt/stencils/mac_kernels.hpp>
#include <simt/stencils/padded_halo_exchange.hpp>
#include "navier_stokes/params.hpp"

namespace simt::ns {
using stencils::CellBox;
using stencils::MacVelocity;

/// Writable component arrays, captured by value in kernels.
template <class Real>
struct Components {
    Real* c[3] = {nullptr, nullptr, nullptr};
};

/// Per-axis 1/h and 1/h^2 in the working precision.
template <class Real>
struct Spacing {
    Real inv_h[3], inv_h2[3];
    explicit Spacing(const stencils::Grid& g) {
        const double h[3] = {g.dx(), g.dy(), g.dz()};
        for (int a = 0; a < 3; ++a) inv_h[a] = Real(1 / h[a]), inv_h2[a] = Real(1 / (h[a] * h[a]));
    }
};

const char* dim_label(int dim, const char* twod, const char* threed) { return dim == 3 ? threed : twod; }

/// The Taylor-Green vortex u = U sin(a x) cos(b y) [cos(c z)], v = -U (a/b) cos(a x) sin(b y)
/// [cos(c z)], w = 0, with one period per box length in x and y and initial.kz along z,
/// sampled on the faces of the cells in `region`.
template <class Real>
void fill_taylor_green(const Context& ctx, const MacVelocity<Real>& mac, Components<Real> u, const Params& p,
                       const CellBox& region) {
    const stencils::Grid g = p.grid;
    const double pi = 3.141592653589793, big_u = p.taylor_green ? p.initial_velocity : 0.0;
    const double a = 2 * pi / g.lx, b = 2 * pi / g.ly, c = 2 * pi * p.initial_kz / g.lz;
    const bool three_d = g.dim() == 3;
    const int lo0 = region.lo[0], lo1 = region.lo[1], lo2 = region.lo[2];
    for_each(ctx, "ns.init", Range<3>{region.n[0], region.n[1], region.n[2]}, SIMT_LAMBDA(int i, int j, int k) {
        i += lo0, j += lo1, k += lo2;
        const Index at = mac.at(i, j, k);
        const double x = i * g.lx / g.nx, y = j * g.ly / g.ny, z3 = three_d ? cos(c * g.z(k)) : 1.0;
        const double ux = big_u * sin(a * x) * cos(b * g.y(j)) * z3;
        const double uy = -big_u * (a / b) * cos(a * g.x(i)) * sin(b * y) * z3;
        u.c[0][at] = stencils::mac_fixed_face(mac, 0, i, j, k) ? stencils::mac_fixed_value(mac, 0, i, j, k) : Real(ux);
        u.c[1][at] = stencils::mac_fixed_face(mac, 1, i, j, k) ? stencils::mac_fixed_value(mac, 1, i, j, k) : Real(uy);
        if (three_d) u.c[2][at] = stencils::mac_fixed_value(mac, 2, i, j, k);
    });
}

/// Face n of an outflow axis a before the projection: u_a(n) = u_a(n - 1), zero normal
/// gradient (0 behind a solid cell), over the faces of the cells in `region` (which reaches the
/// outflow face).
template <class Real>
void extrapolate_outflow(const Context& ctx, const MacVelocity<Real>& v, Real* ua, int a, const CellBox& region) {
    const int n0 = v.n[0], n1 = v.n[1], n2 = v.n[2];
    const int first = a == 0 ? 1 : 0, second = a == 2 ? 1 : 2;  // the plane's two axes
    const int lo_first = region.lo[first], lo_second = region.lo[second];
    const int n_first = region.n[first], n_second = region.n[second];
    for_each(ctx, Kernel("ns.outflow", 2.0 * sizeof(Real) * double(n_first) * n_second), Range<2>{n_first, n_second},
             SIMT_LAMBDA(int p, int q) {
                 p += lo_first, q += lo_second;
                 const int i = a == 0 ? n0 - 1 : p, j = a == 1 ? n1 - 1 : (a == 0 ? p : q), k = a == 2 ? n2 - 1 : q;
                 const Index at = v.at(i, j, k);
                 ua[v.outflow_at(a, i, j, k)] = v.solid && v.solid[at] ? Real(0) : ua[at];
             });
}

/// The stage update of face (i, j, k) near the box's faces (ghost values): out = w_base base +
/// w_in (in + dt F(in)) per component.
template <int Dim, class Real>
SIMT_INLINE void stage_face(const MacVelocity<Real>& in, const Components<Real>& base, const Components<Real>& out,
                            Real w_base, Real w_in, Real dt, Real nu, const Spacing<Real>& s, bool upwind, int i, int j,
                            int k) {
    const Index at = in.at(i, j, k);
    SIMT_UNROLL
    for (int c = 0; c < Dim; ++c) {
        if (stencils::mac_fixed_face(in, c, i, j, k)) {
            out.c[c][at] = stencils::mac_fixed_value(in, c, i, j, k);
            continue;
        }
        const Real f = nu * stencils::mac_laplacian<Dim>(in, c, i, j, k, s.inv_h2) -
                       stencils::mac_advection<Dim>(in, c, i, j, k, s.inv_h, upwind);
        out.c[c][at] = w_base * base.c[c][at] + w_in * (in.u[c][at] + dt * f);
    }
}

/// The cells of `region` as a launch range.
inline Range<3> range_of(const CellBox& region) { return {region.n[0], region.n[1], region.n[2]}; }

/// A kernel's cells: InBlock (across ranks) those of `region`, else the whole grid from 0. The
/// kernels add the region's offsets only `if (InBlock)`, known at compile time, so that the
/// one-process loops stay as they were: with the offsets GCC emitted up to 1.5x their
/// instructions (callgrind).
template <bool InBlock, class Real>
Range<3> cells_to_visit(const MacVelocity<Real>& v, const CellBox& region) {
    return InBlock ? range_of(region) : Range<3>{v.n[0], v.n[1], v.n[2]};
}

/// The interior box's cells within `region`.
inline CellBox interior_of(const stencils::MacInterior& box, const CellBox& region) {
    CellBox in;
    for (int a = 0; a < 3; ++a) {
        const int lo = box.lo[a] > region.lo[a] ? box.lo[a] : region.lo[a];
        const int hi = box.hi[a] < region.lo[a] + region.n[a] ? box.hi[a] : region.lo[a] + region.n[a];
        in.lo[a] = lo;
        in.n[a] = hi > lo ? hi - lo : 0;
    }
    return in;
}

/// The stage over the interior box (of a region): plain 32-bit offsets into the stored box (the
/// grid has fewer than 2^31 cells, navier_stokes/params.hpp), no ghost logic, the advection scheme a template
/// parameter. Every component's F is computed before any store, so the loads shared between components are made once
/// (the stores could alias them otherwise). A solid check only with obstacles: no wall face is interior.
template <int Dim, bool Upwind, class Real>
void stage_interior(const Context& ctx, const Kernel& kernel, const MacVelocity<Real>& in, Components<Real> base,
                    Components<Real> out, Real w_base, Real w_in, Real dt, Real nu, const Spacing<Real>& s,
                    const CellBox& box) {
    const int lo0 = box.lo[0], lo1 = box.lo[1], lo2 = box.lo[2], nx = in.s[0], ny = in.s[1];
    const int origin = in.lo[0] + nx * (in.lo[1] + ny * in.lo[2]);  // of the stored box: 0 in one process
    const int stride[3] = {1, nx, nx * ny};
    const Real* const u[3] = {in.u[0], in.u[1], in.u[2]};
    for_each(ctx, kernel, Range<3>{box.n[0], box.n[1], box.n[2]}, SIMT_LAMBDA(int i, int j, int k) {
        i += lo0, j += lo1, k += lo2;
        const int at = i + nx * (j + ny * k) - origin;
        Real f[Dim];
        SIMT_UNROLL
        for (int c = 0; c < Dim; ++c)
            f[c] = stencils::mac_rhs_interior<Dim, Upwind>(u, c, at, stride, s.inv_h, s.inv_h2, nu);
        SIMT_UNROLL
        for (int c = 0; c < Dim; ++c) {
            const bool fixed = in.solid && stencils::mac_fixed_face(in, c, i, j, k);
            out.c[c][at] = fixed ? Real(0) : w_base * base.c[c][at] + w_in * (u[c][at] + dt * f[c]);
        }
    });
}

/// The stage over the region's cells outside its interior box `inner` (those within two of a
/// face: mac_shell_cell over the region), one thread each.
template <int Dim, bool InBlock, class Real>
void stage_shell(const Context& ctx, const Kernel& kernel, const MacVelocity<Real>& in, Components<Real> base,
                 Components<Real> out, Real w_base, Real w_in, Real dt, Real nu, const Spacing<Real>& s, bool upwind,
                 const CellBox& region, const CellBox& inner) {
    const int n[3] = {region.n[0], region.n[1], region.n[2]};
    const int at0 = region.lo[0], at1 = region.lo[1], at2 = region.lo[2];
    // The interior in the region's own coordinates; an empty one sits at the region's start.
    int lo[3], hi[3];
    for (int a = 0; a < 3; ++a) {
        lo[a] = inner.n[a] > 0 ? inner.lo[a] - region.lo[a] : 0;
        hi[a] = lo[a] + inner.n[a];
    }
    for_each(ctx, kernel, Range<1>{region.cells() - inner.cells()}, SIMT_LAMBDA(Index t) {
        int i, j, k;
        stencils::mac_shell_cell(t, n, lo, hi, i, j, k);
        if (InBlock) i += at0, j += at1, k += at2;
        stage_face<Dim>(in, base, out, w_base, w_in, dt, nu, s, upwind, i, j, k);
    });
}

/// One Runge-Kutta stage before its projection, over the faces of the cells in `region` (this
/// rank's block): two launches, the lean interior and the shell near the faces, so that the
/// interior's registers are not those of the ghost logic.
template <int Dim, bool InBlock, class Real>
void stage(const Context& ctx, const MacVelocity<Real>& in, Components<Real> base, Components<Real> out, Real w_base,
           Real w_in, Real dt, Real nu, const Spacing<Real>& s, bool upwind, const CellBox& region) {
    const Kernel kernel(dim_label(Dim, "ns.2d.stage", "ns.3d.stage"),
                        3.0 * Dim * sizeof(Real) * double(region.cells()));
    const CellBox interior = interior_of(stencils::MacInterior(in.n, Dim), region);
    // The bytes split by cells, so the label's total is the step's.
    const Kernel inner(kernel.label, kernel.bytes * double(interior.cells()) / double(region.cells()));
    if (upwind) {
        stage_interior<Dim, true>(ctx, inner, in, base, out, w_base, w_in, dt, nu, s, interior);
    } else {
        stage_interior<Dim, false>(ctx, inner, in, base, out, w_base, w_in, dt, nu, s, interior);
    }
    const Kernel shell(dim_label(Dim, "ns.2d.stage_shell", "ns.3d.stage_shell"), kernel.bytes - inner.bytes);
    stage_shell<Dim, InBlock>(ctx, shell, in, base, out, w_base, w_in, dt, nu, s, upwind, region, interior);
}

template <int Dim, bool InBlock, class Real>
void divergence(const Context& ctx, const MacVelocity<Real>& v, Real* div, const Spacing<Real>& s,
                const CellBox& region) {
    const Kernel kernel(dim_label(Dim, "ns.2d.divergence", "ns.3d.divergence"),
                        (Dim + 1.0) * sizeof(Real) * double(region.cells()));
    const int lo0 = region.lo[0], lo1 = region.lo[1], lo2 = region.lo[2];
    for_each(ctx, kernel, cells_to_visit<InBlock>(v, region), SIMT_LAMBDA(int i, int j, int k) {
        if (InBlock) i += lo0, j += lo1, k += lo2;
        div[v.at(i, j, k)] = stencils::mac_divergence<Dim>(v, i, j, k, s.inv_h);
    });
}

/// u -= grad(phi) on the faces of the region's cells that move; an outflow face sees phi = 0
/// beyond it.
template <int Dim, bool InBlock, class Real>
void correct(const Context& ctx, const MacVelocity<Real>& v, Components<Real> u, const Real* phi,
             const Spacing<Real>& s, const CellBox& region) {
    const Kernel kernel(dim_label(Dim, "ns.2d.project", "ns.3d.project"),
                        (2.0 * Dim + 1) * sizeof(Real) * double(region.cells()));
    const int lo0 = region.lo[0], lo1 = region.lo[1], lo2 = region.lo[2];
    for_each(ctx, kernel, cells_to_visit<InBlock>(v, region), SIMT_LAMBDA(int i, int j, int k) {
        if (InBlock) i += lo0, j += lo1, k += lo2;
        const Index at = v.at(i, j, k);
        const int idx[3] = {i, j, k};
        SIMT_UNROLL
        for (int c = 0; c < Dim; ++c) {
            const bool fluid = !(v.solid && v.solid[at]);
            if (v.b.outflow[c] && idx[c] == v.n[c] - 1 && fluid)
                u.c[c][v.outflow_at(c, i, j, k)] += 2 * phi[at] * s.inv_h[c];
            if (stencils::mac_fixed_face(v, c, i, j, k)) continue;
            int low[3] = {i, j, k};
            low[c] = v.below(c, idx[c]);
            u.c[c][at] -= (phi[at] - phi[v.at(low[0], low[1], low[2])]) * s.inv_h[c];
        }
    });
}

/// What the derived-field and observable kernels compute per cell.
enum class CellValue { VelocityX, VelocityY, VelocityZ, Vorticity, Energy, Enstrophy };

template <int Dim, bool InBlock, class Real>
void cell_values(const Context& ctx, const MacVelocity<Real>& v, CellValue what, Real* out, const Spacing<Real>& s,
                 Real volume, const CellBox& region) {
    const Kernel kernel("ns.cells", (Dim + 1.0) * sizeof(Real) * double(region.cells()));
    const int lo0 = region.lo[0], lo1 = region.lo[1], lo2 = region.lo[2];
    for_each(ctx, kernel, cells_to_visit<InBlock>(v, region), SIMT_LAMBDA(int i, int j, int k) {
        if (InBlock) i += lo0, j += lo1, k += lo2;
        Real value = 0;
        if (what == CellValue::Energy) {
            SIMT_UNROLL
            for (int c = 0; c < Dim; ++c) value += v.u[c][v.at(i, j, k)] * v.u[c][v.at(i, j, k)];
            value *= Real(0.5) * volume;
        } else if (what == CellValue::Vorticity || what == CellValue::Enstrophy) {
            // 2-D: omega_z; 3-D: |omega|.
            Real w2 = 0;
            if (Dim == 2) {
                value = stencils::mac_vorticity(v, 2, i, j, k, s.inv_h);
                w2 = value * value;
            } else {
                SIMT_UNROLL
                for (int c = 0; c < 3; ++c) {
                    const Real w = stencils::mac_vorticity(v, c, i, j, k, s.inv_h);
                    w2 += w * w;
                }
                value = sqrt(w2);
            }
            if (what == CellValue::Enstrophy) value = Real(0.5) * w2 * volume;
        } else {
            value = stencils::mac_centre_velocity(v, int(what) - int(CellValue::VelocityX), i, j, k);
        }
        out[v.at(i, j, k)] = value;
    });
}

/// Plain reductions and copies over the cells. Free functions: nvcc's extended lambdas belong
/// in functions of one translation unit, not in members of a class template.
template <class Real>
double sum_of(const Context& ctx, const char* label, Index n, const Real* d) {
    return reduce<double>(ctx, Kernel(label, sizeof(Real) * double(n)), Range<1>{n}, Sum{}, SIMT_LAMBDA(Index i) { return double(d[i]); });
}
template <class Real>
double max_abs(const Context& ctx, const char* label, Index n, const Real* d) {
    return reduce<double>(ctx, Kernel(label, sizeof(Real) * double(n)), Range<1>{n}, Max{},
                          SIMT_LAMBDA(Index i) { return double(d[i] < 0 ? -d[i] : d[i]); });
}
/// The largest |value| over the cells of `region` of a field stored over the box `storage`.
template <class Real>
double max_abs_in(const Context& ctx, const char* label, const CellBox& region, const CellBox& storage, const Real* d) {
    const int lo0 = region.lo[0] - storage.lo[0], lo1 = region.lo[1] - storage.lo[1];
    const int lo2 = region.lo[2] - storage.lo[2], n0 = region.n[0], n1 = region.n[1];
    const int nx = storage.n[0], ny = storage.n[1];
    return reduce<double>(ctx, Kernel(label, sizeof(Real) * double(region.cells())), Range<1>{region.cells()}, Max{},
                          SIMT_LAMBDA(Index t) {
                              const Index i = lo0 + t % n0, j = lo1 + t / n0 % n1, k = lo2 + t / n0 / n1;
                              const Real x = d[i + nx * (j + ny * k)];
                              return double(x < 0 ? -x : x);
                          });
}
/// Which way copy_region copies.
enum class RegionCopy { OutOfStorage, IntoStorage };
/// Between the cells of `region` of a field stored over the box `storage` and an array of the
/// region's own (x fastest): out of the stored box, or back into it.
template <class Real>
void copy_region(const Context& ctx, const CellBox& region, const CellBox& storage, Real* stored, Real* own,
                 RegionCopy way) {
    const int lo0 = region.lo[0] - storage.lo[0], lo1 = region.lo[1] - storage.lo[1];
    const int lo2 = region.lo[2] - storage.lo[2], n0 = region.n[0], n1 = region.n[1];
    const int nx = storage.n[0], ny = storage.n[1];
    const bool into = way == RegionCopy::IntoStorage;
    for_each(ctx, Kernel("ns.block", 2.0 * sizeof(Real) * double(region.cells())), range_of(region),
             SIMT_LAMBDA(int i, int j, int k) {
                 Real& a = own[i + Index(n0) * (j + Index(n1) * k)];
                 Real& b = stored[(lo0 + i) + Index(nx) * ((lo1 + j) + Index(ny) * (lo2 + k))];
                 if (into) {
                     b = a;
                 } else {
                     a = b;
                 }
             });
}
/// to = scale from.
template <class Real>
void scale_into(const Context& ctx, Index n, const Real* from, Real* to, Real scale) {
    for_each(ctx, Kernel("ns.pressure", 2.0 * sizeof(Real) * double(n)), Range<1>{n}, SIMT_LAMBDA(Index i) { to[i] = scale * from[i]; });
}
}  // namespace simt::ns
