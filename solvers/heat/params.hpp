// SPDX-License-Identifier: MIT
// The heat solver's parameters: its keys (the common ones come from the registry) and their
// values in the form the kernels take them.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <simt/io/params.hpp>
#include <simt/io/schema.hpp>
#include <simt/stencils/boundary.hpp>
#include <simt/stencils/grid.hpp>

namespace simt::heat {
inline constexpr const char* face_names[3][2] = {{"x_min", "x_max"}, {"y_min", "y_max"}, {"z_min", "z_max"}};

io::Schema schema();

/// Parameters after validation, in the form the kernels take them.
struct Params {
    stencils::Grid grid;
    stencils::Faces faces;
    double diffusivity = 1, dt = 0;
    std::string initial;
    int k[3] = {1, 1, 0};
    double amplitude = 1, mean = 0;
    std::uint64_t seed = 0;
    std::array<int, 3> ranks{0, 0, 0};  // requested rank grid, 0: chosen
    bool overlap = true;                // across ranks: interior cells updated while halos travel

    /// Validates p (ConfigError naming the keys otherwise) and derives dt from physics.cfl when
    /// physics.dt is 0.
    static Params from(const io::Params& p);
    double inv_h2_sum() const {
        const double dx = grid.dx(), dy = grid.dy(), dz = grid.dz();
        return 1 / (dx * dx) + 1 / (dy * dy) + (grid.dim() == 3 ? 1 / (dz * dz) : 0.0);
    }
    /// ConfigError unless alpha dt sum(1/h^2) <= 0.5, naming `key` as the cause.
    static void check_stable(double alpha, double dt, double inv_h2_sum, const char* key);
};
}  // namespace simt::heat
