// SPDX-License-Identifier: MIT
// The navier_stokes solver's scenario keys and their validated form.
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <simt/io/params.hpp>
#include <simt/io/schema.hpp>
#include <simt/stencils/grid.hpp>
#include <simt/stencils/lbm_obstacles.hpp>
#include <simt/stencils/mac_kernels.hpp>
#include <simt/stencils/poisson.hpp>

namespace simt::ns {
inline constexpr const char* face_names[3][2] = {{"x_min", "x_max"}, {"y_min", "y_max"}, {"z_min", "z_max"}};
inline constexpr const char* axis_names[3] = {"x", "y", "z"};
/// SSP-RK3 is stable for diffusion up to nu dt sum(1/h^2) ~ 0.63; this keeps a margin.
inline constexpr double viscous_limit = 0.5;

io::Schema schema();

struct Params {
    stencils::Grid grid;
    std::array<int, 3> ranks{0, 0, 0};  ///< requested rank grid (parallel.ranks_*), 0: chosen
    stencils::MacBoundary boundary;
    stencils::LbmObstacles obstacles;  ///< in the grid's length units
    bool has_obstacles = false;
    double viscosity = 0.01;
    double cfl = 0.5, dt = 0;  ///< dt = 0: adaptive, from cfl and the viscous limit
    bool upwind = false;
    stencils::PoissonMethod poisson = stencils::PoissonMethod::Fft;  ///< pressure.solver, auto resolved
    stencils::PoissonPreconditioner preconditioner = stencils::PoissonPreconditioner::Multigrid;
    double tolerance = 1e-8;
    int max_iterations = 5000;
    bool taylor_green = false;
    double initial_velocity = 1;
    int initial_kz = 1;

    /// Validates p (ConfigError naming the key otherwise).
    static Params from(const io::Params& p);
    int dim() const { return grid.dim(); }
    double inv_h2_sum() const;
    /// The fastest wall [length/time]: the adaptive step must resolve it from rest.
    double wall_speed() const;
    /// The Poisson problem of this grid: periodic or walled axes, solid cells.
    stencils::PoissonGrid poisson_grid() const;
    /// Steering: physics.viscosity and the wall velocities; ConfigError otherwise.
    void steer(std::string_view key, double value);

   private:
    void check_viscous(double nu, double step, const char* key) const;
};
}  // namespace simt::ns
