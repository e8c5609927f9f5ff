// SPDX-License-Identifier: MIT
#include "shared/obstacle_keys.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <fmt/format.h>
#include <simt/core/error.hpp>

namespace simt {
namespace {
using stencils::LbmShape;
constexpr double unbounded = std::numeric_limits<double>::infinity();
constexpr const char* shape_names[] = {"none", "circle", "rectangle", "sphere", "box"};
constexpr const char* axis_names[3] = {"x", "y", "z"};
}  // namespace

void add_obstacle_keys(io::Schema& s, const char* length_unit) {
    for (int o = 1; o <= stencils::lbm_max_obstacles; ++o) {
        const std::string slot = fmt::format("obstacle_{}", o);
        s.add(io::string_key(slot + ".shape", "none",
                             std::vector<std::string>(std::begin(shape_names), std::end(shape_names)),
                             "solid obstacle; circle, rectangle extend along z in 3-D; sphere, box are 3-D"));
        for (const char* a : axis_names) {
            s.add(io::real_key(fmt::format("{}.center_{}", slot, a), 0.0, -unbounded, unbounded,
                               fmt::format("centre [{}]; cell centres lie at (i + 1/2) h", length_unit)));
            s.add(io::real_key(fmt::format("{}.size_{}", slot, a), 0.0, 0, unbounded,
                               fmt::format("rectangle, box: edge length [{}]", length_unit)));
        }
        s.add(
            io::real_key(slot + ".radius", 0.0, 0, unbounded, fmt::format("circle, sphere: radius [{}]", length_unit)));
    }
}

stencils::LbmObstacle read_obstacle(const io::Params& p, int o, double length_scale, bool three_d, const char* solver,
                                    const char* three_d_hint) {
    const std::string slot = fmt::format("obstacle_{}", o + 1);
    stencils::LbmObstacle s;
    const std::string& shape = p.string(slot + ".shape");
    s.shape = LbmShape(std::find(std::begin(shape_names), std::end(shape_names), shape) - shape_names);
    for (int a = 0; a < 3; ++a) {
        s.center[a] = p.real(fmt::format("{}.center_{}", slot, axis_names[a])) / length_scale;
        s.size[a] = p.real(fmt::format("{}.size_{}", slot, axis_names[a])) / length_scale;
    }
    s.radius = p.real(slot + ".radius") / length_scale;
    const bool round = s.shape == LbmShape::circle || s.shape == LbmShape::sphere;
    const bool solid3 = s.shape == LbmShape::sphere || s.shape == LbmShape::box;
    if (solid3 && !three_d)
        throw ConfigError(fmt::format("{}: {}.shape = {} needs {}", solver, slot, shape, three_d_hint));
    if (round && s.radius <= 0) {
        throw ConfigError(fmt::format("{}: {}.shape = {} needs {}.radius > 0", solver, slot, shape, slot));
    }
    if (!round && s.shape != LbmShape::none &&
        (s.size[0] <= 0 || s.size[1] <= 0 || (s.shape == LbmShape::box && s.size[2] <= 0))) {
        throw ConfigError(fmt::format("{}: {}.shape = {} needs positive {}.size_*", solver, slot, shape, slot));
    }
    return s;
}
}  // namespace simt
