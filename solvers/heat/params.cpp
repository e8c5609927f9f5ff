// SPDX-License-Identifier: MIT
#include "heat/params.hpp"

#include <cmath>
#include <limits>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include "shared/grid_solver.hpp"

namespace simt::heat {
using stencils::BoundaryType;

/// No limit: the schema still rejects NaN and Inf.
constexpr double unbounded = std::numeric_limits<double>::infinity();

io::Schema schema() {
    io::Schema s;
    add_grid_keys(s);
    io::KeySpec alpha = io::real_key("physics.diffusivity", 1.0, 0, unbounded, "alpha [length^2/time]", true);
    alpha.steerable = true;
    s.add(alpha);
    s.add(io::real_key("physics.cfl", 0.25, 0, 0.5, "alpha dt sum(1/h^2); forward Euler is stable up to 0.5", true));
    s.add(io::real_key("physics.dt", 0.0, 0, unbounded, "time step [time]; 0 derives it from physics.cfl"));
    for (const auto& axis : face_names)
        for (const char* face : axis) {
            s.add(io::string_key(fmt::format("boundaries.{}.type", face), "periodic",
                                 {"periodic", "dirichlet", "neumann"}, "boundary condition on this face"));
            io::KeySpec value =
                io::real_key(fmt::format("boundaries.{}.value", face), 0.0, -max_field_value, max_field_value,
                             "u on the face (dirichlet) or du/dn outward (neumann); "
                             "|value| <= 1e30 keeps the stencil's sums finite in float");
            value.steerable = true;
            s.add(value);
        }
    s.add(io::string_key("initial.type", "mode", {"mode", "random", "constant"},
                         "mode: a Fourier mode that fits the boundaries; random: uniform noise"));
    s.add(io::integer_key("initial.kx", 1, 0, 1 << 20, "mode number along x"));
    s.add(io::integer_key("initial.ky", 1, 0, 1 << 20, "mode number along y"));
    s.add(io::integer_key("initial.kz", 0, 0, 1 << 20, "mode number along z"));
    s.add(io::real_key("initial.amplitude", 1.0, -max_field_value, max_field_value,
                       "amplitude of the mode or the noise; |amplitude| <= 1e30 keeps u finite in float"));
    s.add(io::real_key("initial.mean", 0.0, -max_field_value, max_field_value,
                       "constant added to u; |mean| <= 1e30 keeps u finite in float"));
    add_rank_grid_keys(s);
    add_overlap_key(s);
    return s;
}

Params Params::from(const io::Params& p) {
    Params h;
    h.grid = read_grid(p);
    for (int a = 0; a < 3; ++a)
        for (int side = 0; side < 2; ++side) {
            const std::string face = face_names[a][side];
            const std::string& type = p.string("boundaries." + face + ".type");
            stencils::Face f{type == "dirichlet" ? BoundaryType::Dirichlet
                             : type == "neumann" ? BoundaryType::Neumann
                                                 : BoundaryType::Periodic,
                             p.real("boundaries." + face + ".value")};
            (side == 0 ? h.faces.lo[a] : h.faces.hi[a]) = f;
        }
    for (int a = 0; a < 3; ++a) {
        const bool lo_periodic = h.faces.lo[a].type == BoundaryType::Periodic;
        const bool hi_periodic = h.faces.hi[a].type == BoundaryType::Periodic;
        if (lo_periodic != hi_periodic) {
            throw ConfigError(
                fmt::format("heat: boundaries.{}.type and boundaries.{}.type must both be "
                            "periodic or neither",
                            face_names[a][0], face_names[a][1]));
        }
    }
    h.diffusivity = p.real("physics.diffusivity");
    h.dt = p.real("physics.dt");
    if (h.dt == 0) h.dt = p.real("physics.cfl") / (h.diffusivity * h.inv_h2_sum());
    // A diffusivity far from the cells' scale makes the derived step overflow or vanish.
    if (!(std::isfinite(h.dt) && h.dt >= std::numeric_limits<double>::min())) {
        throw ConfigError(
            fmt::format("heat: the time step dt = {} (physics.dt, or physics.cfl / (diffusivity "
                        "sum(1/h^2))) is not a finite, normal number: the diffusivity {} does not "
                        "suit cells of {} x {} x {}",
                        h.dt, h.diffusivity, h.grid.dx(), h.grid.dy(), h.grid.dz()));
    }
    check_stable(h.diffusivity, h.dt, h.inv_h2_sum(), "physics.dt");
    h.initial = p.string("initial.type");
    h.k[0] = int(p.integer("initial.kx"));
    h.k[1] = int(p.integer("initial.ky"));
    h.k[2] = int(p.integer("initial.kz"));
    h.amplitude = p.real("initial.amplitude");
    h.mean = p.real("initial.mean");
    h.seed = std::uint64_t(p.integer("seed"));
    h.ranks = read_rank_grid(p);
    h.overlap = p.boolean("parallel.overlap");
    return h;
}

void Params::check_stable(double alpha, double dt, double inv_h2_sum, const char* key) {
    const double cfl = alpha * dt * inv_h2_sum;
    if (!(cfl <= 0.5)) {  // NaN too
        throw ConfigError(
            fmt::format("heat: {} gives alpha dt sum(1/h^2) = {:.4g} > 0.5: forward Euler "
                        "would blow up; lower dt or diffusivity",
                        key, cfl));
    }
}
}  // namespace simt::heat
