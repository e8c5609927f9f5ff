// SPDX-License-Identifier: MIT
// The scenario keys of solid obstacles (obstacle_1 ... obstacle_4: circle, rectangle, sphere,
// box), shared by the solvers that take them (lbm, navier_stokes).
#pragma once
#include <simt/io/params.hpp>
#include <simt/io/schema.hpp>
#include <simt/stencils/lbm_obstacles.hpp>

namespace simt {
/// Adds the obstacle_<n>.* keys; `length_unit` names the unit of centres, sizes and radii.
void add_obstacle_keys(io::Schema& s, const char* length_unit);

/// Reads slot o (0-based), its lengths divided by `length_scale`. ConfigError, starting with
/// `solver`, for a 3-D shape when `three_d` is false (`three_d_hint` says what makes it 3-D) or
/// a shape without its radius or sizes.
stencils::LbmObstacle read_obstacle(const io::Params& p, int o, double length_scale, bool three_d, const char* solver,
                                    const char* three_d_hint);
}  // namespace simt
