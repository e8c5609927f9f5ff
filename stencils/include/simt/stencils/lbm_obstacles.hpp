// SPDX-License-Identifier: MIT
// Solid obstacles of the lattice Boltzmann solver: simple shapes in lattice units (cells, cell
// centres at i + 1/2) and the per-cell mask that the step kernel reads. Pointwise, no CUDA syntax.
#pragma once
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

/// Mask values, one byte per cell: only near_solid and solid cells leave the step's fast path.
enum LbmCell : std::uint8_t { lbm_fluid = 0, lbm_near_solid = 1, lbm_solid = 2 };

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

/// Whether the centre of cell (i, j, k) lies inside any obstacle.
SIMT_INLINE bool lbm_solid_cell(const LbmObstacles& s, int i, int j, int k) {
    bool solid = false;
    for (int o = 0; o < lbm_max_obstacles; ++o)
        solid = solid || lbm_inside(s.slot[o], i + 0.5, j + 0.5, k + 0.5);
    return solid;
}
}  // namespace simt::stencils
