// SPDX-License-Identifier: MIT
// The heat solver's kernels: the initial field, one forward-Euler step and the observables.
// Included only by heat/solver.cpp (CUDA-compiled in CUDA builds): a SIMT_LAMBDA belongs in a
// function of one translation unit.
#pragma once
#include <cmath>
#include <simt/core/for_each.hpp>
#include <simt/core/philox.hpp>
#include <simt/core/reduce.hpp>
#include <simt/solvers/solver.hpp>
#include <simt/stencils/decomposition.hpp>
#include <simt/stencils/interior_split.hpp>
#include <simt/stencils/laplacian_kernels.hpp>
#include "heat/params.hpp"

namespace simt::heat {
using stencils::Block;
using stencils::BoundaryType;
using stencils::Faces;

/// The shape of mode k along one axis, chosen so that it satisfies zero-valued boundaries:
/// periodic cos(2 pi k x/L), Dirichlet-Dirichlet sin(pi k x/L), Neumann-Neumann cos(pi k x/L),
/// Dirichlet-Neumann sin((k - 1/2) pi x/L), Neumann-Dirichlet cos((k - 1/2) pi x/L).
SIMT_INLINE double mode_shape(BoundaryType lo, BoundaryType hi, int k, double x, double length) {
    const double pi = 3.141592653589793;
    if (lo == BoundaryType::Periodic) return cos(2 * pi * k * x / length);
    if (lo == hi) return lo == BoundaryType::Dirichlet ? sin(pi * k * x / length) : cos(pi * k * x / length);
    const double q = (k - 0.5) * pi / length;
    return lo == BoundaryType::Dirichlet ? sin(q * x) : cos(q * x);
}

/// The initial u on block b: each cell's value follows from its global index, so any
/// decomposition holds the same numbers.
template <class Real>
void fill_initial(const Context& ctx, View<Real, 3> u, const Params& p, const Block& b) {
    const stencils::Grid g = p.grid;
    const Faces f = p.faces;
    const int kx = p.k[0], ky = p.k[1], kz = p.k[2];
    const double amp = p.amplitude, mean = p.mean;
    const std::uint64_t seed = p.seed;
    const bool is3d = g.dim() == 3;
    const int i0 = b.lo[0], j0 = b.lo[1], k0 = b.lo[2];
    const Range<3> r{b.n[0], b.n[1], b.n[2]};
    if (p.initial == "mode") {
        for_each(ctx, "heat.init.mode", r, SIMT_LAMBDA(int i, int j, int k) {
            double v = mode_shape(f.lo[0].type, f.hi[0].type, kx, g.x(i0 + i), g.lx) *
                       mode_shape(f.lo[1].type, f.hi[1].type, ky, g.y(j0 + j), g.ly);
            if (is3d) v *= mode_shape(f.lo[2].type, f.hi[2].type, kz, g.z(k0 + k), g.lz);
            u(i, j, k) = Real(mean + amp * v);
        });
    } else if (p.initial == "random") {
        for_each(ctx, "heat.init.random", r, SIMT_LAMBDA(int i, int j, int k) {
            const Index cell = (i0 + i) + Index(g.nx) * ((j0 + j) + Index(g.ny) * (k0 + k));
            const Philox4 bits = philox_bits(seed, 0, std::uint64_t(cell));
            u(i, j, k) = Real(mean + amp * (2.0 * u64_to_uniform(bits.v[0], bits.v[1]) - 1.0));
        });
    } else {
        for_each(ctx, "heat.init.constant", r, SIMT_LAMBDA(int i, int j, int k) { u(i, j, k) = Real(mean); });
    }
}

/// The forward-Euler update out = u + alpha dt laplacian(u) of one cell of the box that starts at
/// (i0, j0, k0), on a block whose neighbours' cells are in `halos` (WithHalos: across ranks). A
/// functor rather than a lambda for its second entry: away from the box's faces (for_each's
/// Interior on the CPU) every neighbour lies in the box, so it takes the Laplacian without the face
/// tests, the same value, and the x-line vectorises. A 2-D grid (Dim 2, one plane) runs as a 2-D
/// range, whose interior needs no z neighbours.
template <int Dim, class Real, bool WithHalos>
struct EulerUpdate {
    View<const Real, 3> u;
    View<Real, 3> out;
    Faces faces;
    stencils::LaplacianCoeffs<Real> c;
    Real alpha_dt;
    stencils::FaceHalos<Real> halos;
    int i0, j0, k0;

    SIMT_INLINE void operator()(int i, int j, int k) const {
        i += i0, j += j0, k += k0;
        out(i, j, k) = u(i, j, k) + alpha_dt * stencils::laplacian<Dim, Real, WithHalos>(u, i, j, k, faces, c, halos);
    }
    SIMT_INLINE void operator()(int i, int j, int k, Interior) const {
        i += i0, j += j0, k += k0;
        out(i, j, k) = u(i, j, k) + alpha_dt * stencils::laplacian_interior<Dim>(u, i, j, k, c);
    }
    SIMT_INLINE void operator()(int i, int j) const { (*this)(i, j, 0); }
    SIMT_INLINE void operator()(int i, int j, Interior in) const { (*this)(i, j, 0, in); }
};

/// One forward-Euler step on the cells `box` of a block. Reads u once (neighbours come from cache)
/// and writes out once: 2 sizeof(Real) bytes per cell is the traffic floor. A cell's value does not
/// depend on the box it is updated in.
template <int Dim, class Real, bool WithHalos>
void euler_step(const Context& ctx, const Kernel& kernel, const stencils::CellBox& box, View<const Real, 3> u,
                View<Real, 3> out, const Faces& faces, const stencils::LaplacianCoeffs<Real>& c, Real alpha_dt,
                const stencils::FaceHalos<Real>& halos) {
    const Range<3> r{box.n[0], box.n[1], box.n[2]};
    const Kernel counted(kernel.label, 2.0 * sizeof(Real) * double(r.size()));
    const EulerUpdate<Dim, Real, WithHalos> update{u, out, faces, c, alpha_dt, halos, box.lo[0], box.lo[1], box.lo[2]};
    if (Dim == 3) {
        for_each(ctx, counted, r, update);
    } else {
        for_each(ctx, counted, Range<2>{r.nx, r.ny}, update);
    }
}

template <class Real>
Observables field_observables(const Context& ctx, View<const Real, 3> u) {
    const Range<1> r{u.size()};
    const Real* d = u.data;
    const double bytes = double(r.n) * sizeof(Real);
    const double sum =
        reduce<double>(ctx, Kernel("heat.obs.sum", bytes), r, Sum{}, SIMT_LAMBDA(Index i) { return double(d[i]); });
    const double sum2 = reduce<double>(ctx, Kernel("heat.obs.sum_sq", bytes), r, Sum{},
                                       SIMT_LAMBDA(Index i) { return double(d[i]) * double(d[i]); });
    const double lo =
        reduce<double>(ctx, Kernel("heat.obs.min", bytes), r, Min{}, SIMT_LAMBDA(Index i) { return double(d[i]); });
    const double hi =
        reduce<double>(ctx, Kernel("heat.obs.max", bytes), r, Max{}, SIMT_LAMBDA(Index i) { return double(d[i]); });
    return {{"u_mean", sum / double(r.n)}, {"u_rms", std::sqrt(sum2 / double(r.n))}, {"u_min", lo}, {"u_max", hi}};
}
}  // namespace simt::heat
