// SPDX-License-Identifier: MIT
// The lbm solver's kernels besides the step (stencils::LbmStreamCollide): initial state, cell
// mask, macroscopic fields and the integrands of the observables. Functors, not lambdas: this
// header is compiled into one translation unit per lattice and storage, and nvcc's extended
// lambdas must not be instantiated identically in two of them (docs/architecture.md).
#pragma once
#include <cmath>
#include <cstdint>
#include <simt/core/view.hpp>
#include <simt/stencils/lbm_kernels.hpp>

namespace simt::lbm {
using stencils::lbm_boundary;
using stencils::lbm_fluid;
using stencils::lbm_solid;

/// Where a cell of a rank's lattice (its block and halo layers) lies in the domain: a halo
/// across a periodic face wraps to the far side. On one rank the lattice is the domain.
struct LatticePlace {
    int origin[3] = {0, 0, 0};  ///< global index of lattice cell (0, 0, 0)
    int domain[3] = {1, 1, 1};  ///< the domain's cells per axis

    SIMT_INLINE int global(int a, int i) const {
        const int g = origin[a] + i;
        return g < 0 ? g + domain[a] : g >= domain[a] ? g - domain[a] : g;
    }
};

/// Equilibrium populations at rest, or of a Taylor-Green vortex
///   u = U0 (sin(kx x) cos(ky y), -(kx/ky) cos(kx x) sin(ky y)),  k = 2 pi / n,
/// with its pressure p = -(U0^2/4)(cos(2 kx x) + (kx/ky)^2 cos(2 ky y)), rho = 1 + p / c_s^2,
/// so that no pressure wave is launched at t = 0. Solid cells stay at rest.
template <class L, class S>
struct InitialPopulations {
    View<typename S::Stored, 4> f;
    View<const std::uint8_t, 3> mask;
    bool taylor_green;
    double u0, kx, ky;
    LatticePlace place;

    SIMT_INLINE void operator()(int i, int j, int k) const {
        using Real = typename S::Compute;
        Real rho = 1, u[3] = {0, 0, 0};
        if (taylor_green && mask(i, j, k) != lbm_solid) {
            const double x = kx * (place.global(0, i) + 0.5), y = ky * (place.global(1, j) + 0.5);
            u[0] = Real(u0 * sin(x) * cos(y));
            u[1] = Real(-u0 * (kx / ky) * cos(x) * sin(y));
            rho = Real(1 - 0.75 * u0 * u0 * (cos(2 * x) + (kx * kx) / (ky * ky) * cos(2 * y)));
        }
        SIMT_UNROLL
        for (int q = 0; q < L::Q; ++q) f(i, j, k, q) = S::store(q, stencils::lbm_equilibrium<L>(q, rho, u));
    }
};

/// First pass of the mask: solid where a cell centre lies inside an obstacle shape or the mask
/// file (of the whole domain) marks it (`file` empty without one).
struct SolidCells {
    View<std::uint8_t, 3> mask;
    View<const std::uint8_t, 3> file;
    stencils::LbmObstacles obstacles;
    LatticePlace place;

    SIMT_INLINE void operator()(int i, int j, int k) const {
        const int x = place.global(0, i), y = place.global(1, j), z = place.global(2, k);
        const bool from_file = file.data != nullptr && file(x, y, z) != 0;
        mask(i, j, k) = from_file || stencils::lbm_solid_cell(obstacles, x, y, z) ? lbm_solid : lbm_fluid;
    }
};

/// Second pass: a fluid cell is a boundary cell when the pull of some direction leaves the box
/// through a face that is not periodic or starts in a solid cell (through periodic faces too).
template <class L>
struct BoundaryCells {
    View<const std::uint8_t, 3> solid;
    View<std::uint8_t, 3> mask;
    bool periodic[3];

    SIMT_INLINE void operator()(int i, int j, int k) const {
        const int n[3] = {int(solid.extent[0]), int(solid.extent[1]), int(solid.extent[2])};
        std::uint8_t cell = solid(i, j, k);
        SIMT_UNROLL
        for (int q = 1; q < L::Q; ++q) {
            int p[3] = {i - L::c(q, 0), j - L::c(q, 1), k - L::c(q, 2)};
            bool crosses_wall = false;
            SIMT_UNROLL
            for (int a = 0; a < 3; ++a) {
                if (p[a] >= 0 && p[a] < n[a]) continue;
                crosses_wall = crosses_wall || !periodic[a];
                p[a] = (p[a] + n[a]) % n[a];
            }
            if (cell == lbm_fluid && (crosses_wall || solid(p[0], p[1], p[2]) == lbm_solid)) cell = lbm_boundary;
        }
        mask(i, j, k) = cell;
    }
};

/// Density, velocity and speed from the post-collision populations (shift -F/2), scaled to the
/// output units; u = 0 in solid cells. out(i, j, k, 0) is rho, 1..dim the velocity, dim + 1 |u|.
template <class L, class S>
struct MacroscopicFields {
    using Real = typename S::Compute;
    View<const typename S::Stored, 4> f;
    View<const std::uint8_t, 3> mask;
    View<Real, 4> out;
    Real shift[3];
    Real density_scale, velocity_scale;

    SIMT_INLINE void operator()(int i, int j, int k) const {
        Real fc[L::Q], u[3];
        SIMT_UNROLL
        for (int q = 0; q < L::Q; ++q) fc[q] = S::load(q, f(i, j, k, q));
        const Real rho = stencils::lbm_moments<L>(fc, shift, u);
        const bool solid = mask(i, j, k) == lbm_solid;
        out(i, j, k, 0) = rho * density_scale;
        Real uu = 0;
        SIMT_UNROLL
        for (int a = 0; a < L::dim; ++a) {
            const Real v = solid ? Real(0) : u[a] * velocity_scale;
            out(i, j, k, 1 + a) = v;
            uu += v * v;
        }
        out(i, j, k, 1 + L::dim) = std::sqrt(uu);
    }
};

/// 2-D vorticity du_y/dx - du_x/dy by central differences of the velocity field (u_x, u_y in
/// fields 1 and 2), wrapped through periodic faces and one-sided at the others; `spacing` is the
/// cell size. Writes field `into`.
template <class Real>
struct Vorticity2d {
    View<Real, 4> fields;
    bool periodic[2];
    Real spacing;
    int into;

    /// d(field c)/d(axis a) at (i, j).
    SIMT_INLINE Real derivative(int c, int a, int i, int j) const {
        const int n = int(fields.extent[a]), x = a == 0 ? i : j;
        int lo = x - 1, hi = x + 1;
        if (periodic[a]) {
            lo = (lo + n) % n, hi = hi % n;
        } else {
            lo = lo < 0 ? 0 : lo, hi = hi >= n ? n - 1 : hi;
        }
        const int span = periodic[a] ? 2 : hi - lo;
        if (span == 0) return 0;
        const Real up = a == 0 ? fields(hi, j, 0, c) : fields(i, hi, 0, c);
        const Real down = a == 0 ? fields(lo, j, 0, c) : fields(i, lo, 0, c);
        return (up - down) / (Real(span) * spacing);
    }
    SIMT_INLINE void operator()(int i, int j) const {
        fields(i, j, 0, into) = derivative(2, 0, i, j) - derivative(1, 1, i, j);
    }
};

/// This rank's own cells of the fields computed on its lattice (halos dropped): block(i, j, k, c)
/// = lattice(i + skip[0], j + skip[1], k + skip[2], c) for every field c.
template <class Real>
struct BlockOfLattice {
    View<const Real, 4> lattice;
    View<Real, 4> block;
    int skip[3];

    SIMT_INLINE void operator()(int i, int j, int k) const {
        for (int c = 0; c < int(block.extent[3]); ++c)
            block(i, j, k, c) = lattice(i + skip[0], j + skip[1], k + skip[2], c);
    }
};

/// rho |u|^2 / 2 of a cell from the fields (rho, u..., |u|).
template <int Dim, class Real>
struct KineticEnergy {
    View<const Real, 4> fields;
    double volume;
    SIMT_INLINE double operator()(Index cell) const {
        const Index cells = fields.stride[3];
        const double speed = double(fields.data[cell + (1 + Dim) * cells]);
        return 0.5 * double(fields.data[cell]) * speed * speed * volume;
    }
};

/// Field c of a cell, times a factor.
template <class Real>
struct FieldValue {
    View<const Real, 4> fields;
    int c;
    double factor;
    SIMT_INLINE double operator()(Index cell) const {
        return double(fields.data[cell + c * fields.stride[3]]) * factor;
    }
};

/// The force on the solids from each boundary cell (stencils::lbm_solid_force), into
/// force(n, 0, 0, axis) for the n-th cell of the list.
template <class L, class S>
struct SolidForce {
    View<const typename S::Stored, 4> f;
    View<const std::uint8_t, 3> mask;
    const Index* cells;
    stencils::LbmBoundaries<typename S::Compute> boundaries;
    View<double, 4> force;

    SIMT_INLINE void operator()(Index n) const {
        const Index cell = cells[n], nx = f.extent[0], ny = f.extent[1];
        double fc[3];
        stencils::lbm_solid_force<L, S>(f, mask, boundaries, int(cell % nx), int(cell / nx % ny), int(cell / (nx * ny)),
                                        fc);
        for (int a = 0; a < L::dim; ++a) force(n, 0, 0, a) = fc[a];
    }
};
}  // namespace simt::lbm
