// SPDX-License-Identifier: MIT
#include "lbm/params.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <simt/core/error.hpp>
#include <simt/io/hdf5_array.hpp>
#include "shared/grid_solver.hpp"
#include "shared/obstacle_keys.hpp"

namespace simt::lbm {
namespace {
using stencils::LbmShape;

constexpr double unbounded = std::numeric_limits<double>::infinity();
constexpr const char* no_z_force = "lbm: physics.force_z must be 0 on the 2-D lattice D2Q9";
/// A body force adds F / rho to the velocity every step: at 0.1 cells/step^2 a fluid at rest
/// passes the lattice's speed of sound (0.58) within a few steps; larger ones overflow at once.
constexpr double max_lattice_force = 0.1;

/// The force in lattice units, or a ConfigError saying it is too strong.
double checked_lattice_force(const std::string& key, double value, double lattice) {
    if (!(std::fabs(lattice) <= max_lattice_force)) {
        throw ConfigError(
            fmt::format("lbm: {} = {} is {:.4g} in lattice units; at most {}: it would push the fluid "
                        "past the lattice's speed of sound within a few steps",
                        key, value, lattice, max_lattice_force));
    }
    return lattice;
}
/// Above this a lattice speed gives compressibility errors ~ Ma^2 of several per cent.
constexpr double mach_limit = 0.3;

void check_tau(double nu, const char* key) {
    if (3 * nu + 0.5 <= 0.5) {
        throw ConfigError(
            fmt::format("lbm: {} gives viscosity {:.4g} cells^2/step, tau = 3 nu + 1/2 <= 1/2: "
                        "the collision would be unstable",
                        key, nu));
    }
}

/// Reads the units block: dx from the length of grid.ny cells, dt from the lattice speed that
/// the characteristic physical speed maps to.
Units read_units(const io::Params& p, int ny) {
    Units u;
    u.physical = p.string("units.system") == "physical";
    if (!u.physical) return u;
    const double length = p.real("units.length"), speed = p.real("units.velocity");
    if (length <= 0 || speed <= 0) {
        throw ConfigError("lbm: units.system = physical needs units.length > 0 [m] and units.velocity > 0 [m/s]");
    }
    u.dx = length / ny;
    u.dt = u.dx * p.real("physics.velocity") / speed;
    u.density = p.real("units.density");
    return u;
}
}  // namespace

io::Schema schema() {
    io::Schema s;
    s.add(io::string_key("lattice", "D2Q9", {"D2Q9", "D3Q19"}, "velocity set; D2Q9 needs grid.nz = 1"));
    s.add(io::string_key("storage", "native", {"native", "fp16"},
                         "populations in the working precision, or (D3Q19, float) as scaled fp16: half "
                         "the memory traffic"));
    s.add(io::integer_key("grid.nx", 64, 1, 1 << 20, "cells along x"));
    s.add(io::integer_key("grid.ny", 64, 1, 1 << 20, "cells along y; the length of physics.reynolds"));
    s.add(io::integer_key("grid.nz", 1, 1, 1 << 20, "cells along z"));
    add_rank_grid_keys(s);
    add_overlap_key(s);
    s.add(io::string_key("units.system", "lattice", {"lattice", "physical"},
                         "lattice: lengths in cells, times in steps; physical: metres, seconds, kg (the "
                         "keys marked [cells] or [cells/step] then take SI values)"));
    s.add(io::real_key("units.length", 0.0, 0, unbounded, "physical: metres spanned by grid.ny cells"));
    s.add(io::real_key("units.velocity", 0.0, 0, unbounded,
                       "physical: the characteristic speed [m/s]; it maps to physics.velocity"));
    s.add(io::real_key("units.density", 1000.0, 0, unbounded, "physical: fluid density [kg/m^3], for forces"));
    io::KeySpec nu = io::real_key("physics.viscosity", 0.1, 0, unbounded,
                                  "kinematic viscosity [cells^2/step or m^2/s], tau = 3 nu + 1/2; unused if "
                                  "Re > 0",
                                  true);
    nu.steerable = true;
    s.add(nu);
    io::KeySpec re = io::real_key("physics.reynolds", 0.0, 0, unbounded,
                                  "Re = velocity * (grid.ny cells) / viscosity; > 0 sets the viscosity from it");
    re.steerable = true;
    s.add(re);
    s.add(io::real_key("physics.velocity", 0.1, 0, 0.5,
                       "characteristic lattice speed U [cells/step] (lid, peak): Re, force coefficients "
                       "and the Mach number U sqrt(3); with physical units the lattice speed of "
                       "units.velocity",
                       true));
    s.add(io::string_key("physics.collision", "trt", {"bgk", "trt"}, "single (bgk) or two relaxation times (trt)"));
    s.add(io::real_key("physics.trt_magic", 0.25, 0, unbounded,
                       "TRT Lambda; 3/16 makes bounce-back walls exact for Poiseuille flow", true));
    for (const char* a : axis_names) {
        io::KeySpec force = io::real_key(fmt::format("physics.force_{}", a), 0.0, -unbounded, unbounded,
                                         "body force per unit volume along this axis [lattice units], or "
                                         "per unit mass [m/s^2]");
        force.steerable = true;
        s.add(force);
    }
    for (const auto& axis : face_names)
        for (const char* face : axis) {
            s.add(io::string_key(fmt::format("boundaries.{}.type", face), "periodic",
                                 {"periodic", "wall", "moving_wall", "velocity_inlet", "pressure_outlet"},
                                 "periodic, a half-way bounce-back wall half a cell outside, or (x faces) "
                                 "a velocity inlet or a pressure outlet at rho = 1"));
            for (const char* a : axis_names) {
                io::KeySpec u =
                    io::real_key(fmt::format("boundaries.{}.velocity_{}", face, a), 0.0, -unbounded, unbounded,
                                 "moving_wall, velocity_inlet: velocity along this axis "
                                 "[cells/step or m/s]; the peak of a parabolic inlet");
                u.steerable = true;
                s.add(u);
            }
            s.add(io::string_key(fmt::format("boundaries.{}.profile", face), "uniform", {"uniform", "parabolic"},
                                 "velocity_inlet: uniform, or a parabola across the walled transverse axes"));
        }
    s.add(io::string_key("obstacles.bounce_back", "halfway", {"halfway", "interpolated"},
                         "walls of the obstacles: half-way between cells, or where the shape cuts each "
                         "link (Bouzidi et al. 2001; drag converges with resolution)"));
    s.add(io::string_key("obstacles.mask_file", "", {},
                         "HDF5 file (path relative to the working directory) whose dataset marks solid "
                         "cells (nonzero), shaped (nz, ny, nx) or (ny, nx); added to the shapes"));
    s.add(io::string_key("obstacles.mask_dataset", "mask", {}, "the dataset in obstacles.mask_file"));
    add_obstacle_keys(s, "cells or m");
    s.add(io::string_key("initial.type", "rest", {"rest", "taylor_green"},
                         "rest: rho = 1, u = 0; taylor_green: one vortex cell per period in x and y"));
    s.add(io::real_key("initial.velocity", 0.01, -unbounded, unbounded,
                       "taylor_green: amplitude U0 [cells/step or m/s]"));
    return s;
}

Params Params::from(const io::Params& p, Precision precision) {
    Params l;
    l.three_d = p.string("lattice") == "D3Q19";
    for (int a = 0; a < 3; ++a) l.n[a] = int(p.integer(fmt::format("grid.n{}", axis_names[a])));
    if (!l.three_d && l.n[2] != 1) {
        throw ConfigError(fmt::format("lbm: lattice D2Q9 is 2-D and needs grid.nz = 1 (got {}); use D3Q19", l.n[2]));
    }
    if (l.cells() >= (Index(1) << 31)) {
        throw ConfigError(
            fmt::format("lbm: grid of {} cells; the kernels index cells with 32 bits (< 2^31)", l.cells()));
    }
    l.ranks = read_rank_grid(p);
    l.overlap = p.boolean("parallel.overlap");
    l.half_storage = p.string("storage") == "fp16";
    if (l.half_storage && (!l.three_d || precision != Precision::Float)) {
        throw ConfigError("lbm: storage = fp16 needs lattice D3Q19 and precision float (it computes in float)");
    }
    l.units = read_units(p, l.n[1]);
    l.read_faces(p);
    for (int a = 0; a < 3; ++a) {
        const std::string key = fmt::format("physics.force_{}", axis_names[a]);
        l.force[a] = checked_lattice_force(key, p.real(key), p.real(key) / l.units.acceleration());
    }
    if (!l.three_d && l.force[2] != 0) throw ConfigError(no_z_force);
    l.velocity = p.real("physics.velocity");
    l.reynolds = p.real("physics.reynolds");
    l.viscosity = l.reynolds > 0 ? l.velocity * l.n[1] / l.reynolds : p.real("physics.viscosity") / l.units.viscosity();
    check_tau(l.viscosity, l.reynolds > 0 ? "physics.reynolds" : "physics.viscosity");
    l.trt = p.string("physics.collision") == "trt";
    l.magic = p.real("physics.trt_magic");
    l.taylor_green = p.string("initial.type") == "taylor_green";
    l.initial_velocity = p.real("initial.velocity") / l.units.velocity();
    if (std::abs(l.initial_velocity) > 0.5) {
        throw ConfigError(
            fmt::format("lbm: initial.velocity is {:.4g} cells/step, above the lattice limit 0.5", l.initial_velocity));
    }
    for (int o = 0; o < stencils::lbm_max_obstacles; ++o) l.read_obstacle(p, o);
    l.interpolated = p.string("obstacles.bounce_back") == "interpolated";
    l.read_mask_file(p);
    return l;
}

void Params::read_faces(const io::Params& p) {
    for (int a = 0; a < 3; ++a) {
        for (int side = 0; side < 2; ++side) {
            const std::string face = face_names[a][side];
            const std::string& type = p.string("boundaries." + face + ".type");
            Face& f = faces[a][side];
            f.moving = type == "moving_wall";
            f.inlet = type == "velocity_inlet";
            f.outlet = type == "pressure_outlet";
            f.wall = f.moving || f.inlet || type == "wall";
            f.parabolic = p.string("boundaries." + face + ".profile") == "parabolic";
            if ((f.inlet || f.outlet) && a != 0) {
                throw ConfigError(
                    fmt::format("lbm: boundaries.{}.type = {}: inlets and outlets are on x faces", face, type));
            }
            if (f.parabolic && !f.inlet) {
                throw ConfigError(
                    fmt::format("lbm: boundaries.{}.profile = parabolic needs type velocity_inlet", face));
            }
            if ((f.wall || f.outlet) && a >= dim()) {
                throw ConfigError(fmt::format(
                    "lbm: boundaries.{}.type = {}: lattice D2Q9 is 2-D, its z faces are periodic", face, type));
            }
            for (int b = 0; b < 3; ++b) {
                const double u = p.real(fmt::format("boundaries.{}.velocity_{}", face, axis_names[b]));
                f.velocity[b] = u / units.velocity();
                check_wall_velocity(a, side, b, f.velocity[b]);
            }
        }
        if (periodic(a, 0) != periodic(a, 1)) {
            throw ConfigError(
                fmt::format("lbm: boundaries.{}.type and boundaries.{}.type must both be "
                            "periodic or neither",
                            face_names[a][0], face_names[a][1]));
        }
    }
}

void Params::read_obstacle(const io::Params& p, int o) {
    stencils::LbmObstacle& s = obstacles.slot[o];
    s = simt::read_obstacle(p, o, units.dx, three_d, "lbm", "lattice D3Q19");
    const bool round = s.shape == LbmShape::circle || s.shape == LbmShape::sphere;
    if (obstacle_length == 0 && s.shape != LbmShape::none) obstacle_length = round ? 2 * s.radius : s.size[1];
}

void Params::read_mask_file(const io::Params& p) {
    const std::string& path = p.string("obstacles.mask_file");
    if (path.empty()) return;
    const std::string& dataset = p.string("obstacles.mask_dataset");
    const io::Hdf5Array a = io::read_hdf5_array(path, dataset);
    std::vector<std::size_t> want{std::size_t(n[1]), std::size_t(n[0])};
    if (three_d || a.dims.size() == 3) want.insert(want.begin(), std::size_t(n[2]));
    if (a.dims != want) {
        throw ConfigError(
            fmt::format("lbm: obstacles.mask_file {} dataset {} has shape ({}), the grid needs ({}) "
                        "(nz, ny, nx)",
                        path, dataset, fmt::join(a.dims, ", "), fmt::join(want, ", ")));
    }
    mask_file_cells.resize(a.values.size());
    std::transform(a.values.begin(), a.values.end(), mask_file_cells.begin(),
                   [](double v) { return std::uint8_t(v != 0); });
}

bool Params::has_obstacles() const {
    if (!mask_file_cells.empty()) return true;
    for (const auto& o : obstacles.slot)
        if (o.shape != stencils::LbmShape::none) return true;
    return false;
}

double Params::mach() const {
    double u = std::max(velocity, std::abs(taylor_green ? initial_velocity : 0.0));
    for (const auto& axis : faces)
        for (const Face& f : axis) u = std::max(u, std::hypot(f.velocity[0], f.velocity[1], f.velocity[2]));
    return u * std::sqrt(3.0);
}

std::vector<std::string> Params::warnings() const {
    std::vector<std::string> w;
    if (mach() > mach_limit) {
        w.push_back(
            fmt::format("Mach number {:.3g} > {}: compressibility errors grow as Ma^2; lower "
                        "physics.velocity (the lattice speed)",
                        mach(), mach_limit));
    }
    // tau near 1/2 is under-resolved (TRT keeps it stable longer than BGK); large tau moves the
    // bounce-back walls with the viscosity and smears the flow.
    if (tau() < 0.51) {
        w.push_back(
            fmt::format("relaxation time tau = {:.4g} is below 0.51: the grid is too coarse for this "
                        "Reynolds number and the run may blow up; refine the grid or raise "
                        "physics.velocity",
                        tau()));
    } else if (tau() > 2) {
        w.push_back(
            fmt::format("relaxation time tau = {:.4g} is above 2: walls move with the viscosity and the "
                        "flow is smeared; coarsen the grid or lower physics.velocity",
                        tau()));
    }
    return w;
}

/// A velocity component [cells/step] is allowed only on a moving wall, tangential, within the
/// lattice, or normal on a velocity inlet.
void Params::check_wall_velocity(int a, int side, int b, double u) const {
    if (u == 0) return;
    const std::string key = fmt::format("boundaries.{}.velocity_{}", face_names[a][side], axis_names[b]);
    if (!faces[a][side].moving && !faces[a][side].inlet) {
        throw ConfigError(fmt::format("lbm: {} needs type moving_wall or velocity_inlet on that face", key));
    }
    if (faces[a][side].inlet && b != a) {
        throw ConfigError(fmt::format("lbm: {}: a velocity_inlet takes the normal component only", key));
    }
    if (faces[a][side].moving && b == a) {
        throw ConfigError(fmt::format("lbm: {} is normal to the wall; a wall must not move through the fluid", key));
    }
    if (b >= dim()) throw ConfigError(fmt::format("lbm: {} must be 0 on the 2-D lattice D2Q9", key));
    if (std::abs(u) > 0.5) {
        throw ConfigError(fmt::format("lbm: {} is {:.4g} cells/step, above the lattice limit 0.5{}", key, u,
                                      units.physical ? "; raise units.velocity or lower physics.velocity" : ""));
    }
}

void Params::steer(std::string_view key, double value) {
    if (key == "physics.viscosity" || key == "physics.reynolds") {
        const bool by_reynolds = key == "physics.reynolds";
        if (by_reynolds != (reynolds > 0)) {
            throw ConfigError(fmt::format("lbm: this run sets the viscosity through {}; steer that key",
                                          reynolds > 0 ? "physics.reynolds" : "physics.viscosity"));
        }
        if (by_reynolds && value == 0) throw ConfigError("lbm: physics.reynolds must stay > 0 during a run");
        const double nu = by_reynolds ? velocity * n[1] / value : value / units.viscosity();
        check_tau(nu, by_reynolds ? "physics.reynolds" : "physics.viscosity");
        if (by_reynolds) reynolds = value;
        viscosity = nu;
        return;
    }
    for (int b = 0; b < 3; ++b) {
        if (key == fmt::format("physics.force_{}", axis_names[b])) {
            if (b >= dim() && value != 0) throw ConfigError(no_z_force);
            force[b] = checked_lattice_force(std::string(key), value, value / units.acceleration());
            return;
        }
        for (int a = 0; a < 3; ++a)
            for (int side = 0; side < 2; ++side)
                if (key == fmt::format("boundaries.{}.velocity_{}", face_names[a][side], axis_names[b])) {
                    const double u = value / units.velocity();
                    check_wall_velocity(a, side, b, u);
                    faces[a][side].velocity[b] = u;
                    return;
                }
    }
    throw ConfigError(fmt::format("lbm: '{}' is not steerable", key));
}
}  // namespace simt::lbm
