// SPDX-License-Identifier: MIT
// Solid obstacles of the lattice Boltzmann solver: simple shapes in lattice units (cells, cell
// centres at i + 1/2) and the per-cell mask that the step kernel reads. Pointwise, no CUDA syntax.
#pragma once
#include <cmath>
#include <cstdint>
#include <simt/core/macros.hpp>

namespace simt::stencils {
/// circle and rectangle are 2-D shapes, extruded along z on a 3-D lattice.
enum class LbmShape : int { none, circle, rectangle, sphere, box };

/// One obstacle [cells]: circle/sphere use center and radius, rectangle/box center and size.
struct LbmObstacle {
    LbmShape shape = LbmShape::none;
    double center[3] = {0, 0, 0};
    double radius = 0;
    double size[3] = {0, 0, 0};
};

/// The fixed slots obstacle_1 ... obstacle_4 of the scenario (the schema has scalars only).
constexpr int lbm_max_obstacles = 4;
struct LbmObstacles {
    LbmObstacle slot[lbm_max_obstacles];
};

/// Mask values, one byte per cell. Fluid cells pull every population from a fluid cell inside
/// the box and take the step's fast path; boundary cells have a link that wraps through a
/// periodic face, crosses another face or comes from a solid cell.
enum LbmCell : std::uint8_t { lbm_fluid = 0, lbm_boundary = 1, lbm_solid = 2 };

/// Whether the point (x, y, z) [cells] lies inside o (boundary included).
SIMT_INLINE bool lbm_inside(const LbmObstacle& o, double x, double y, double z) {
    const double d[3] = {x - o.center[0], y - o.center[1], z - o.center[2]};
    bool within[3];  // |d| <= size / 2 per axis
    for (int a = 0; a < 3; ++a) within[a] = 2 * (d[a] < 0 ? -d[a] : d[a]) <= o.size[a];
    switch (o.shape) {
        case LbmShape::circle: return d[0] * d[0] + d[1] * d[1] <= o.radius * o.radius;
        case LbmShape::sphere: return d[0] * d[0] + d[1] * d[1] + d[2] * d[2] <= o.radius * o.radius;
        case LbmShape::rectangle: return within[0] && within[1];
        case LbmShape::box: return within[0] && within[1] && within[2];
        default: return false;
    }
}

/// Where the segment x + t d, t in [0, 1], enters o: the smallest such t, or 2 if it does not.
/// x lies outside o. Circles and rectangles are infinite along z.
SIMT_INLINE double lbm_entry(const LbmObstacle& o, const double (&x)[3], const double (&d)[3]) {
    const double r[3] = {x[0] - o.center[0], x[1] - o.center[1], x[2] - o.center[2]};
    const int axes = o.shape == LbmShape::circle || o.shape == LbmShape::rectangle ? 2 : 3;
    if (o.shape == LbmShape::circle || o.shape == LbmShape::sphere) {
        // |r + t d|^2 = radius^2: the smaller root is where the segment enters.
        double a = 0, b = 0, c = -o.radius * o.radius;
        for (int k = 0; k < axes; ++k) a += d[k] * d[k], b += r[k] * d[k], c += r[k] * r[k];
        const double disc = b * b - a * c;
        if (a == 0 || disc < 0) return 2;
        const double t = (-b - sqrt(disc)) / a;
        return t >= 0 && t <= 1 ? t : 2;
    }
    if (o.shape == LbmShape::none) return 2;
    // Slabs: inside once inside every |r_k + t d_k| <= size_k / 2.
    double enter = 0, leave = 1;
    for (int k = 0; k < axes; ++k) {
        const double h = o.size[k] / 2;
        if (d[k] == 0) {
            if (r[k] < -h || r[k] > h) return 2;
            continue;
        }
        double t0 = (-h - r[k]) / d[k], t1 = (h - r[k]) / d[k];
        if (t0 > t1) {
            const double t = t0;
            t0 = t1, t1 = t;
        }
        enter = t0 > enter ? t0 : enter;
        leave = t1 < leave ? t1 : leave;
    }
    return enter <= leave ? enter : 2;
}

/// The fraction of the link from the centre of fluid cell (i, j, k) along c [cells] at which it
/// first enters an obstacle: the wall distance of interpolated bounce-back. 1/2 (the half-way
/// wall) where no shape is crossed, as for cells that come solid from a mask file.
SIMT_INLINE double lbm_wall_fraction(const LbmObstacles& s, int i, int j, int k, const int (&c)[3]) {
    const double x[3] = {i + 0.5, j + 0.5, k + 0.5}, d[3] = {double(c[0]), double(c[1]), double(c[2])};
    double t = 2;
    for (int o = 0; o < lbm_max_obstacles; ++o) {
        const double enter = lbm_entry(s.slot[o], x, d);
        t = enter < t ? enter : t;
    }
    return t <= 1 ? t : 0.5;
}

/// Whether the centre of cell (i, j, k) lies inside any obstacle.
SIMT_INLINE bool lbm_solid_cell(const LbmObstacles& s, int i, int j, int k) {
    bool solid = false;
    for (int o = 0; o < lbm_max_obstacles; ++o)
        solid = solid || lbm_inside(s.slot[o], i + 0.5, j + 0.5, k + 0.5);
    return solid;
}
}  // namespace simt::stencils
