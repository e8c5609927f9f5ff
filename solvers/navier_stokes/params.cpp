// SPDX-License-Identifier: MIT
#include "navier_stokes/params.hpp"

#include <cmath>
#include <limits>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include "shared/grid_solver.hpp"
#include "shared/obstacle_keys.hpp"

namespace simt::ns {
namespace {
constexpr double unbounded = std::numeric_limits<double>::infinity();
/// Lengths are within [1e-12, 1e12] (grid keys): these keep u^2 / h and nu / h^2 finite in float.
constexpr double max_speed = 1e6, max_viscosity = 1e6;
constexpr double min_cfl = 1e-6;
/// CG's relative residual: a few thousand machine epsilons of double (the solver's precision).
constexpr double min_tolerance = 1e-12;
constexpr double min_dt = 1e-20;
}  // namespace

io::Schema schema() {
    io::Schema s;
    add_grid_keys(s);
    add_rank_grid_keys(s);
    io::KeySpec nu =
        io::real_key("physics.viscosity", 0.01, 0, max_viscosity,
                     "kinematic viscosity [length^2/time]; at most 1e6, where nu / h^2 stays finite", true);
    nu.steerable = true;
    s.add(nu);
    s.add(io::real_key("physics.cfl", 0.5, min_cfl, 1.5,
                       "adaptive step: dt sum_a max|u_a| / h_a <= cfl (SSP-RK3 with central advection is "
                       "stable to sqrt(3)); at least 1e-6: smaller steps vanish against the time"));
    s.add(io::real_key("physics.dt", 0.0, 0, unbounded,
                       "time step [time]; 0 adapts it every step from physics.cfl; else at least 1e-20 (the "
                       "pressure solve divides by dt)"));
    s.add(io::string_key("physics.advection", "central", {"central", "upwind"},
                         "central: second-order central; upwind: van Leer-limited upwind (bounded, TVD)"));
    s.add(io::string_key("pressure.solver", "auto", {"auto", "fft", "cg"},
                         "fft: spectral (periodic axes, walls, inflow and outflow: FFT and cosine transforms; no "
                         "obstacles); cg: preconditioned conjugate gradients (obstacles too); auto: fft without "
                         "obstacles, cg with"));
    s.add(io::string_key("pressure.preconditioner", "multigrid", {"multigrid", "jacobi"},
                         "cg: multigrid (one V-cycle: iterations nearly independent of the grid) or jacobi "
                         "(inverse diagonal: iterations grow with the grid)"));
    s.add(io::real_key("pressure.tolerance", 1e-8, min_tolerance, 1,
                       "cg: stop at ||r|| / ||rhs|| below this; at least 1e-12: rounding stops the residual a few "
                       "machine epsilons short of 0, and CG breaks down when asked for less"));
    s.add(io::integer_key("pressure.max_iterations", 5000, 1, 1 << 30, "cg: at most this many iterations per solve"));
    for (const auto& axis : face_names)
        for (const char* face : axis) {
            s.add(io::string_key(fmt::format("boundaries.{}.type", face), "periodic",
                                 {"periodic", "wall", "moving_wall", "inflow", "outflow"},
                                 "periodic, a no-slip wall (moving_wall slides tangentially), inflow (a *_min face: "
                                 "the normal velocity given) or outflow (a *_max face: zero velocity gradient, "
                                 "pressure 0)"));
            s.add(io::string_key(fmt::format("boundaries.{}.profile", face), "uniform", {"uniform", "parabolic"},
                                 "inflow: uniform, or parabolic across the walled tangential axes (velocity = peak)"));
            for (const char* a : axis_names) {
                io::KeySpec u =
                    io::real_key(fmt::format("boundaries.{}.velocity_{}", face, a), 0.0, -max_speed, max_speed,
                                 "moving_wall: tangential velocity along this axis; inflow: the normal "
                                 "velocity (peak if parabolic) [length/time]; |u| <= 1e6 keeps u^2 / h "
                                 "finite in float");
                u.steerable = true;
                s.add(u);
            }
        }
    add_obstacle_keys(s, "length");
    s.add(io::string_key("initial.type", "rest", {"rest", "taylor_green"},
                         "rest: u = 0; taylor_green: u = U sin(kx x) cos(ky y) [cos(kz z)], one period per box"));
    s.add(io::real_key("initial.velocity", 1.0, -max_speed, max_speed,
                       "taylor_green: amplitude U [length/time]; |U| <= 1e6 keeps u^2 / h finite in float"));
    s.add(io::integer_key("initial.kz", 1, 0, 1 << 20,
                          "taylor_green in 3-D: periods along z (kz = 2 pi kz / lz); 0 keeps the 2-D vortex, "
                          "an exact solution"));
    return s;
}

Params Params::from(const io::Params& p) {
    Params n;
    n.grid = read_grid(p);
    n.ranks = read_rank_grid(p);
    if (n.grid.cells() >= (Index(1) << 31)) {
        throw ConfigError(
            fmt::format("navier_stokes: grid of {} cells; the CSR matrix indexes cells with 32 bits", n.grid.cells()));
    }
    for (int a = 0; a < 3; ++a) {
        bool periodic[2];
        for (int side = 0; side < 2; ++side) {
            const std::string face = face_names[a][side];
            const std::string& type = p.string("boundaries." + face + ".type");
            periodic[side] = type == "periodic";
            const bool inflow = type == "inflow", outflow = type == "outflow";
            if ((inflow && side == 1) || (outflow && side == 0)) {
                throw ConfigError(
                    fmt::format("navier_stokes: boundaries.{}.type = {}: the flow enters through a *_min "
                                "face (inflow) and leaves through a *_max face (outflow)",
                                face, type));
            }
            if (side == 0) n.boundary.inflow[a] = inflow;
            if (side == 1) n.boundary.outflow[a] = outflow;
            if (inflow) n.boundary.parabolic[a] = p.string("boundaries." + face + ".profile") == "parabolic";
            if (!periodic[side] && a >= n.dim()) {
                throw ConfigError(
                    fmt::format("navier_stokes: boundaries.{}.type = {}: a 2-D grid (grid.nz = 1) has "
                                "periodic z faces",
                                face, type));
            }
            for (int c = 0; c < 3; ++c) {
                const std::string key = fmt::format("boundaries.{}.velocity_{}", face, axis_names[c]);
                const double u = p.real(key);
                const bool tangential_wall = type == "moving_wall" && c != a, normal_inflow = inflow && c == a;
                if (u != 0 && (!(tangential_wall || normal_inflow) || c >= n.dim())) {
                    throw ConfigError(
                        fmt::format("navier_stokes: {} needs a moving_wall on that face, tangential "
                                    "to it, or an inflow, normal to it, within the grid's dimensions",
                                    key));
                }
                n.boundary.velocity[a][side][c] = u;
            }
        }
        if (periodic[0] != periodic[1]) {
            throw ConfigError(
                fmt::format("navier_stokes: boundaries.{}.type and boundaries.{}.type must both be "
                            "periodic or neither",
                            face_names[a][0], face_names[a][1]));
        }
        n.boundary.wall[a] = !periodic[0];
    }
    for (int o = 0; o < stencils::lbm_max_obstacles; ++o) {
        n.obstacles.slot[o] = read_obstacle(p, o, 1.0, n.dim() == 3, "navier_stokes", "a 3-D grid (grid.nz > 1)");
        n.has_obstacles = n.has_obstacles || n.obstacles.slot[o].shape != stencils::LbmShape::none;
    }
    n.viscosity = p.real("physics.viscosity");
    n.cfl = p.real("physics.cfl");
    n.dt = p.real("physics.dt");
    if (n.dt > 0 && n.dt < min_dt) {
        throw ConfigError(
            fmt::format("navier_stokes: physics.dt = {} is below {}: the pressure solve divides by dt; "
                        "give 0 to adapt it from physics.cfl",
                        n.dt, min_dt));
    }
    if (n.dt > 0) n.check_viscous(n.viscosity, n.dt, "physics.dt");
    n.upwind = p.string("physics.advection") == "upwind";
    // The spectral solver diagonalises every face type (periodic; walls and inflow faces, a zero
    // normal pressure gradient; an outflow's p = 0), not solid cells.
    const std::string& method = p.string("pressure.solver");
    if (method == "fft" && n.has_obstacles) {
        throw ConfigError(
            "navier_stokes: pressure.solver = fft cannot take obstacles; use pressure.solver = cg (or "
            "auto)");
    }
    n.poisson = method == "cg" || (method == "auto" && n.has_obstacles) ? stencils::PoissonMethod::Cg
                                                                        : stencils::PoissonMethod::Fft;
    n.preconditioner = p.string("pressure.preconditioner") == "jacobi" ? stencils::PoissonPreconditioner::Jacobi
                                                                       : stencils::PoissonPreconditioner::Multigrid;
    n.tolerance = p.real("pressure.tolerance");

    n.max_iterations = int(p.integer("pressure.max_iterations"));
    n.taylor_green = p.string("initial.type") == "taylor_green";
    n.initial_velocity = p.real("initial.velocity");
    n.initial_kz = int(p.integer("initial.kz"));
    return n;
}

double Params::inv_h2_sum() const {
    const double dx = grid.dx(), dy = grid.dy(), dz = grid.dz();
    return 1 / (dx * dx) + 1 / (dy * dy) + (dim() == 3 ? 1 / (dz * dz) : 0.0);
}

double Params::wall_speed() const {
    double u = 0;
    for (const auto& axis : boundary.velocity)
        for (const auto& face : axis) u = std::max(u, std::hypot(face[0], face[1], face[2]));
    return u;
}

stencils::PoissonGrid Params::poisson_grid() const {
    stencils::PoissonGrid g;
    const int n[3] = {grid.nx, grid.ny, grid.nz};
    const double h[3] = {grid.dx(), grid.dy(), grid.dz()};
    for (int a = 0; a < 3; ++a) {
        g.n[a] = n[a];
        g.h[a] = h[a];
        g.periodic[a] = !boundary.wall[a];
        g.dirichlet_high[a] = boundary.outflow[a];
    }
    if (has_obstacles) {
        g.solid.resize(std::size_t(grid.cells()));
        for (int k = 0; k < grid.nz; ++k)
            for (int j = 0; j < grid.ny; ++j)
                for (int i = 0; i < grid.nx; ++i) {
                    bool solid = false;
                    for (const auto& o : obstacles.slot)
                        solid = solid || stencils::lbm_inside(o, grid.x(i), grid.y(j), grid.z(k));
                    g.solid[i + std::size_t(grid.nx) * (j + std::size_t(grid.ny) * k)] = solid;
                }
    }
    return g;
}

void Params::check_viscous(double nu, double step, const char* key) const {
    const double number = nu * step * inv_h2_sum();
    if (number > viscous_limit) {
        throw ConfigError(
            fmt::format("navier_stokes: {} gives nu dt sum(1/h^2) = {:.4g} > {}: the explicit "
                        "viscous term would blow up; lower dt or the viscosity",
                        key, number, viscous_limit));
    }
}

void Params::steer(std::string_view key, double value) {
    if (key == "physics.viscosity") {
        if (dt > 0) check_viscous(value, dt, "physics.viscosity");
        viscosity = value;
        return;
    }
    for (int a = 0; a < 3; ++a)
        for (int side = 0; side < 2; ++side)
            for (int c = 0; c < 3; ++c)
                if (key == fmt::format("boundaries.{}.velocity_{}", face_names[a][side], axis_names[c])) {
                    if (!boundary.wall[a] || boundary.inflow[a] || boundary.outflow[a] || c == a || c >= dim()) {
                        throw ConfigError(fmt::format("navier_stokes: {} is not a tangential velocity of a wall", key));
                    }
                    boundary.velocity[a][side][c] = value;
                    return;
                }
    throw ConfigError(fmt::format("navier_stokes: '{}' is not steerable", key));
}
}  // namespace simt::ns
