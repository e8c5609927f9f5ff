// SPDX-License-Identifier: MIT
// Compiled as CUDA in CUDA builds (simt_device_sources): it launches the lattice Boltzmann kernels.
#include <simt/solvers/lbm_solver.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <simt/core/error.hpp>
#include <simt/core/copy.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/reduce.hpp>
#include <simt/solvers/registry.hpp>
#include <simt/stencils/lbm_kernels.hpp>

namespace simt::lbm {
using stencils::D2Q9;
using stencils::D3Q19;
using stencils::LbmCollision;
using stencils::LbmFaces;
using stencils::LbmObstacles;
using stencils::LbmShape;

constexpr double unbounded = std::numeric_limits<double>::infinity();
constexpr const char* face_names[3][2] = {{"x_min", "x_max"}, {"y_min", "y_max"}, {"z_min", "z_max"}};
constexpr const char* axis_names[3] = {"x", "y", "z"};
constexpr const char* no_z_force = "lbm: physics.force_z must be 0 on the 2-D lattice D2Q9";
constexpr const char* shape_names[] = {"none", "circle", "rectangle", "sphere", "box"};

io::Schema schema() {
    io::Schema s;
    s.add(io::string_key("lattice", "D2Q9", {"D2Q9", "D3Q19"}, "velocity set; D2Q9 needs grid.nz = 1"));
    s.add(io::integer_key("grid.nx", 64, 1, 1 << 20, "cells along x"));
    s.add(io::integer_key("grid.ny", 64, 1, 1 << 20, "cells along y; the length of physics.reynolds"));
    s.add(io::integer_key("grid.nz", 1, 1, 1 << 20, "cells along z"));
    io::KeySpec nu = io::real_key("physics.viscosity", 0.1, 0, unbounded,
                                  "kinematic viscosity [cells^2/step], tau = 3 nu + 1/2; unused if Re > 0", true);
    nu.steerable = true;
    s.add(nu);
    io::KeySpec re = io::real_key("physics.reynolds", 0.0, 0, unbounded,
                                  "Re = velocity * grid.ny / viscosity; > 0 sets the viscosity from it");
    re.steerable = true;
    s.add(re);
    s.add(io::real_key("physics.velocity", 0.1, 0, 0.5,
                       "characteristic speed U [cells/step] (lid, peak): Re and the Mach check", true));
    s.add(io::string_key("physics.collision", "trt", {"bgk", "trt"},
                         "single (bgk) or two relaxation times (trt)"));
    s.add(io::real_key("physics.trt_magic", 0.25, 0, unbounded,
                       "TRT Lambda; 3/16 makes bounce-back walls exact for Poiseuille flow", true));
    for (const char* a : axis_names) {
        io::KeySpec force = io::real_key(fmt::format("physics.force_{}", a), 0.0, -1, 1,
                                         "body force per unit volume along this axis [lattice units]");
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
                io::KeySpec u = io::real_key(fmt::format("boundaries.{}.velocity_{}", face, a), 0.0, -0.5, 0.5,
                                             "moving_wall, velocity_inlet: velocity along this axis "
                                             "[cells/step]; the peak of a parabolic inlet");
                u.steerable = true;
                s.add(u);
            }
            s.add(io::string_key(fmt::format("boundaries.{}.profile", face), "uniform", {"uniform", "parabolic"},
                                 "velocity_inlet: uniform, or a parabola across the walled transverse axes"));
        }
    for (int o = 1; o <= stencils::lbm_max_obstacles; ++o) {
        const std::string slot = fmt::format("obstacle_{}", o);
        s.add(io::string_key(slot + ".shape", "none",
                             std::vector<std::string>(std::begin(shape_names), std::end(shape_names)),
                             "solid obstacle; circle, rectangle extend along z in 3-D; sphere, box are 3-D"));
        for (const char* a : axis_names) {
            s.add(io::real_key(fmt::format("{}.center_{}", slot, a), 0.0, -unbounded, unbounded,
                               "centre [cells]; cell centres lie at i + 1/2"));
            s.add(io::real_key(fmt::format("{}.size_{}", slot, a), 0.0, 0, unbounded,
                               "rectangle, box: edge length [cells]"));
        }
        s.add(io::real_key(slot + ".radius", 0.0, 0, unbounded, "circle, sphere: radius [cells]"));
    }
    s.add(io::string_key("initial.type", "rest", {"rest", "taylor_green"},
                         "rest: rho = 1, u = 0; taylor_green: one vortex cell per period in x and y"));
    s.add(io::real_key("initial.velocity", 0.01, -0.5, 0.5, "taylor_green: amplitude U0 [cells/step]"));
    return s;
}

/// One face after validation; a velocity inlet is a bounce-back wall with a normal velocity.
struct Face {
    bool wall = false, moving = false, inlet = false, outlet = false, parabolic = false;
    double velocity[3] = {0, 0, 0};
};

/// Parameters after validation, in the form the kernels take them.
struct Params {
    bool three_d = false;
    int n[3] = {1, 1, 1};
    double viscosity = 0.1, reynolds = 0, velocity = 0.1;
    bool trt = true;
    double magic = 0.25;
    double force[3] = {0, 0, 0};
    Face faces[3][2];
    bool taylor_green = false;
    double initial_velocity = 0;
    LbmObstacles obstacles;
    /// Length of the drag and lift coefficients [cells]: the first obstacle's diameter or size_y.
    double obstacle_length = 0;

    static Params from(const io::Params& p) {
        Params l;
        l.three_d = p.string("lattice") == "D3Q19";
        for (int a = 0; a < 3; ++a) l.n[a] = int(p.integer(fmt::format("grid.n{}", axis_names[a])));
        if (!l.three_d && l.n[2] != 1) {
            throw ConfigError(fmt::format("lbm: lattice D2Q9 is 2-D and needs grid.nz = 1 (got {}); use D3Q19",
                                          l.n[2]));
        }
        for (int a = 0; a < 3; ++a) {
            for (int side = 0; side < 2; ++side) {
                const std::string face = face_names[a][side];
                const std::string& type = p.string("boundaries." + face + ".type");
                Face& f = l.faces[a][side];
                f.moving = type == "moving_wall";
                f.inlet = type == "velocity_inlet";
                f.outlet = type == "pressure_outlet";
                f.wall = f.moving || f.inlet || type == "wall";
                f.parabolic = p.string("boundaries." + face + ".profile") == "parabolic";
                if ((f.inlet || f.outlet) && a != 0) {
                    throw ConfigError(fmt::format("lbm: boundaries.{}.type = {}: inlets and outlets are on x faces",
                                                  face, type));
                }
                if (f.parabolic && !f.inlet) {
                    throw ConfigError(fmt::format("lbm: boundaries.{}.profile = parabolic needs type velocity_inlet",
                                                  face));
                }
                if ((f.wall || f.outlet) && a >= l.dim()) {
                    throw ConfigError(fmt::format("lbm: boundaries.{}.type = {}: lattice D2Q9 is 2-D, its z "
                                                  "faces are periodic",
                                                  face, type));
                }
                for (int b = 0; b < 3; ++b) {
                    f.velocity[b] = p.real(fmt::format("boundaries.{}.velocity_{}", face, axis_names[b]));
                    l.check_wall_velocity(a, side, b, f.velocity[b]);
                }
            }
            if (l.periodic(a, 0) != l.periodic(a, 1)) {
                throw ConfigError(fmt::format("lbm: boundaries.{}.type and boundaries.{}.type must both be "
                                              "periodic or neither",
                                              face_names[a][0], face_names[a][1]));
            }
        }
        for (int a = 0; a < 3; ++a) l.force[a] = p.real(fmt::format("physics.force_{}", axis_names[a]));
        if (!l.three_d && l.force[2] != 0) throw ConfigError(no_z_force);
        l.velocity = p.real("physics.velocity");
        l.reynolds = p.real("physics.reynolds");
        l.viscosity = l.reynolds > 0 ? l.velocity * l.n[1] / l.reynolds : p.real("physics.viscosity");
        check_tau(l.viscosity, l.reynolds > 0 ? "physics.reynolds" : "physics.viscosity");
        l.trt = p.string("physics.collision") == "trt";
        l.magic = p.real("physics.trt_magic");
        l.taylor_green = p.string("initial.type") == "taylor_green";
        l.initial_velocity = p.real("initial.velocity");
        for (int o = 0; o < stencils::lbm_max_obstacles; ++o) l.read_obstacle(p, o);
        return l;
    }
    int dim() const { return three_d ? 3 : 2; }
    bool periodic(int a, int side) const { return !faces[a][side].wall && !faces[a][side].outlet; }
    void read_obstacle(const io::Params& p, int o) {
        const std::string slot = fmt::format("obstacle_{}", o + 1);
        stencils::LbmObstacle& s = obstacles.slot[o];
        const std::string& shape = p.string(slot + ".shape");
        s.shape = LbmShape(std::find(std::begin(shape_names), std::end(shape_names), shape) - shape_names);
        for (int a = 0; a < 3; ++a) {
            s.center[a] = p.real(fmt::format("{}.center_{}", slot, axis_names[a]));
            s.size[a] = p.real(fmt::format("{}.size_{}", slot, axis_names[a]));
        }
        s.radius = p.real(slot + ".radius");
        const bool round = s.shape == LbmShape::circle || s.shape == LbmShape::sphere;
        const bool solid3 = s.shape == LbmShape::sphere || s.shape == LbmShape::box;
        if (solid3 && !three_d) {
            throw ConfigError(fmt::format("lbm: {}.shape = {} needs lattice D3Q19", slot, shape));
        }
        if (round && s.radius <= 0) {
            throw ConfigError(fmt::format("lbm: {}.shape = {} needs {}.radius > 0", slot, shape, slot));
        }
        if (!round && s.shape != LbmShape::none &&
            (s.size[0] <= 0 || s.size[1] <= 0 || (s.shape == LbmShape::box && s.size[2] <= 0))) {
            throw ConfigError(fmt::format("lbm: {}.shape = {} needs positive {}.size_*", slot, shape, slot));
        }
        if (obstacle_length == 0 && s.shape != LbmShape::none) obstacle_length = round ? 2 * s.radius : s.size[1];
    }
    Index cells() const { return Index(n[0]) * n[1] * n[2]; }
    double tau() const { return 3 * viscosity + 0.5; }
    /// The largest speed the scenario names (characteristic, walls, initial field) over c_s.
    double mach() const {
        double u = std::max(velocity, std::abs(taylor_green ? initial_velocity : 0.0));
        for (const auto& axis : faces)
            for (const Face& f : axis) u = std::max(u, std::hypot(f.velocity[0], f.velocity[1], f.velocity[2]));
        return u * std::sqrt(3.0);
    }

    static void check_tau(double nu, const char* key) {
        if (3 * nu + 0.5 <= 0.5) {
            throw ConfigError(fmt::format("lbm: {} gives viscosity {:.4g}, tau = 3 nu + 1/2 <= 1/2: the "
                                          "collision would be unstable",
                                          key, nu));
        }
    }
    /// A velocity component is allowed only on a moving wall, tangential, within the lattice,
    /// or normal on a velocity inlet.
    void check_wall_velocity(int a, int side, int b, double u) const {
        if (u == 0) return;
        const std::string key = fmt::format("boundaries.{}.velocity_{}", face_names[a][side], axis_names[b]);
        if (!faces[a][side].moving && !faces[a][side].inlet) {
            throw ConfigError(fmt::format("lbm: {} needs type moving_wall or velocity_inlet on that face", key));
        }
        if (faces[a][side].inlet && b != a) {
            throw ConfigError(fmt::format("lbm: {}: a velocity_inlet takes the normal component only", key));
        }
        if (faces[a][side].moving && b == a) {
            throw ConfigError(
                fmt::format("lbm: {} is normal to the wall; a wall must not move through the fluid", key));
        }
        if (b >= dim()) throw ConfigError(fmt::format("lbm: {} must be 0 on the 2-D lattice D2Q9", key));
    }
    /// Steering of physics.viscosity or physics.reynolds, whichever the scenario uses.
    void steer_viscosity(std::string_view key, double value) {
        const bool by_reynolds = key == "physics.reynolds";
        if (by_reynolds != (reynolds > 0)) {
            throw ConfigError(fmt::format("lbm: this run sets the viscosity through {}; steer that key",
                                          reynolds > 0 ? "physics.reynolds" : "physics.viscosity"));
        }
        if (by_reynolds && value == 0) throw ConfigError("lbm: physics.reynolds must stay > 0 during a run");
        const double nu = by_reynolds ? velocity * n[1] / value : value;
        check_tau(nu, by_reynolds ? "physics.reynolds" : "physics.viscosity");
        if (by_reynolds) reynolds = value;
        viscosity = nu;
    }

    template <class Real>
    LbmCollision<Real> collision() const {
        LbmCollision<Real> c =
            trt ? stencils::trt_collision<Real>(tau(), magic) : stencils::bgk_collision<Real>(tau());
        for (int a = 0; a < 3; ++a) c.force[a] = Real(force[a]);
        return c;
    }
    template <class Real>
    LbmFaces<Real> kernel_faces() const {
        LbmFaces<Real> f;
        for (int a = 0; a < 3; ++a)
            for (int side = 0; side < 2; ++side) {
                f.wall[a][side] = faces[a][side].wall;
                f.outlet[a][side] = faces[a][side].outlet;
                f.parabolic[a][side] = faces[a][side].parabolic;
                for (int b = 0; b < 3; ++b) f.velocity[a][side][b] = Real(faces[a][side].velocity[b]);
            }
        return f;
    }
};

/// Equilibrium populations at rest, or of a Taylor-Green vortex
///   u = U0 (sin(kx x) cos(ky y), -(kx/ky) cos(kx x) sin(ky y)),  k = 2 pi / n,
/// with its pressure p = -(U0^2/4)(cos(2 kx x) + (kx/ky)^2 cos(2 ky y)), rho = 1 + p / c_s^2,
/// so that no pressure wave is launched at t = 0. Solid cells stay at rest.
template <class L, class Real>
void fill_initial(const Context& ctx, View<Real, 4> f, View<const std::uint8_t, 3> mask, const Params& p) {
    const double pi = 3.141592653589793;
    const bool tg = p.taylor_green;
    const double u0 = p.initial_velocity, kx = 2 * pi / p.n[0], ky = 2 * pi / p.n[1];
    for_each(ctx, "lbm.init", Range<3>{p.n[0], p.n[1], p.n[2]}, SIMT_LAMBDA(int i, int j, int k) {
        Real rho = 1, u[3] = {0, 0, 0};
        if (tg && mask(i, j, k) != stencils::lbm_solid) {
            const double x = kx * (i + 0.5), y = ky * (j + 0.5);
            u[0] = Real(u0 * sin(x) * cos(y));
            u[1] = Real(-u0 * (kx / ky) * cos(x) * sin(y));
            rho = Real(1 - 0.75 * u0 * u0 * (cos(2 * x) + (kx * kx) / (ky * ky) * cos(2 * y)));
        }
        for (int q = 0; q < L::Q; ++q) f(i, j, k, q) = stencils::lbm_equilibrium<L>(q, rho, u);
    });
}

/// The cell mask from the obstacles: solid where a cell centre lies inside one, near_solid for
/// fluid cells that a link joins to a solid cell (through periodic faces too). Shapes are tested
/// directly rather than read back, so the kernel writes only its own cell.
template <class L>
void build_mask(const Context& ctx, View<std::uint8_t, 3> mask, const LbmObstacles& obstacles,
                const LbmFaces<double>& faces) {
    const int n[3] = {int(mask.extent[0]), int(mask.extent[1]), int(mask.extent[2])};
    for_each(ctx, "lbm.mask", Range<3>{n[0], n[1], n[2]}, SIMT_LAMBDA(int i, int j, int k) {
        std::uint8_t cell = stencils::lbm_fluid;
        if (stencils::lbm_solid_cell(obstacles, i, j, k)) {
            cell = stencils::lbm_solid;
        } else {
            for (int q = 1; q < L::Q; ++q) {
                int p[3];
                if (stencils::lbm_link<L>(n, faces, i, j, k, q, 1, p) < 0 &&
                    stencils::lbm_solid_cell(obstacles, p[0], p[1], p[2]))
                    cell = stencils::lbm_near_solid;
            }
        }
        mask(i, j, k) = cell;
    });
}

/// One fused step: pull f* from the upstream neighbours of `from`, collide, write the cell's
/// own populations of `to`. Reads and writes each population once: 2 Q sizeof(Real) per cell.
/// Solid cells are skipped: both lattices hold their rest equilibrium from the start.
template <class L, class Real>
void stream_collide(const Context& ctx, View<const Real, 4> from, View<Real, 4> to,
                    View<const std::uint8_t, 3> mask, const LbmFaces<Real>& faces, const LbmCollision<Real>& c) {
    const Range<3> r{int(from.extent[0]), int(from.extent[1]), int(from.extent[2])};
    const Kernel kernel(L::dim == 3 ? "lbm.d3q19.step" : "lbm.d2q9.step",
                        2.0 * L::Q * sizeof(Real) * double(r.size()));
    for_each(ctx, kernel, r, SIMT_LAMBDA(int i, int j, int k) {
        if (mask(i, j, k) == stencils::lbm_solid) return;
        Real f[L::Q];
        stencils::lbm_pull<L>(from, mask, i, j, k, faces, f);
        stencils::lbm_collide<L>(f, c);
        const Index at = to.offset(i, j, k, 0);
        for (int q = 0; q < L::Q; ++q) to.data[at + q * to.stride[3]] = f[q];
    });
}

/// Density and velocity from the post-collision populations (shift -F/2), into rho and u;
/// u = 0 in solid cells.
template <class L, class Real>
void macroscopic(const Context& ctx, View<const Real, 4> f, View<const std::uint8_t, 3> mask, View<Real, 3> rho,
                 View<Real, 4> u, const LbmCollision<Real>& c) {
    const Range<3> r{int(f.extent[0]), int(f.extent[1]), int(f.extent[2])};
    const Kernel kernel(L::dim == 3 ? "lbm.d3q19.macroscopic" : "lbm.d2q9.macroscopic",
                        double(L::Q + 1 + L::dim) * sizeof(Real) * double(r.size()));
    for_each(ctx, kernel, r, SIMT_LAMBDA(int i, int j, int k) {
        Real fc[L::Q], uc[3];
        for (int q = 0; q < L::Q; ++q) fc[q] = f(i, j, k, q);
        const Real shift[3] = {-c.force[0] / 2, -c.force[1] / 2, -c.force[2] / 2};
        rho(i, j, k) = stencils::lbm_moments<L>(fc, shift, uc);
        const bool solid = mask(i, j, k) == stencils::lbm_solid;
        for (int a = 0; a < L::dim; ++a) u(i, j, k, a) = solid ? Real(0) : uc[a];
    });
}

/// Force on all obstacles together [lattice units], by momentum exchange over the links from
/// fluid into solid cells, from the stored post-collision populations: the force of the next
/// streaming step (exact for the half-way bounce-back of resting solids, see lbm_solid_force).
template <class L, class Real>
std::array<double, 3> solid_force(const Context& ctx, View<const Real, 4> f, View<const std::uint8_t, 3> mask,
                                  const LbmFaces<Real>& faces) {
    const Range<3> r{int(f.extent[0]), int(f.extent[1]), int(f.extent[2])};
    std::array<double, 3> force{0, 0, 0};
    for (int a = 0; a < L::dim; ++a) {
        force[a] = reduce<double>(ctx, Kernel("lbm.obs.force", double(r.size())), r, Sum{},
                                  SIMT_LAMBDA(int i, int j, int k) {
                                      return stencils::lbm_solid_force<L>(f, mask, faces, i, j, k, a);
                                  });
    }
    return force;
}

/// |u|^2 of cell i, u stored as u[axis][cell].
template <class L, class Real>
SIMT_INLINE double speed2(const Real* u, Index cells, Index i) {
    double s = 0;
    for (int a = 0; a < L::dim; ++a) s += double(u[a * cells + i]) * double(u[a * cells + i]);
    return s;
}

template <class L, class Real>
Observables flow_observables(const Context& ctx, const Buffer<Real>& rho_field, const Buffer<Real>& u_field) {
    const Range<1> r{Index(rho_field.size())};
    const Real* rho = rho_field.data();
    const Real* u = u_field.data();
    const Index cells = r.n;
    const double bytes = double(cells) * sizeof(Real);
    const double mass = reduce<double>(ctx, Kernel("lbm.obs.mass", bytes), r, Sum{},
                                       SIMT_LAMBDA(Index i) { return double(rho[i]); });
    const double energy =
        reduce<double>(ctx, Kernel("lbm.obs.kinetic_energy", (1 + L::dim) * bytes), r, Sum{},
                       SIMT_LAMBDA(Index i) { return 0.5 * double(rho[i]) * speed2<L>(u, cells, i); });
    const double top = reduce<double>(ctx, Kernel("lbm.obs.max_speed", L::dim * bytes), r, Max{},
                                      SIMT_LAMBDA(Index i) { return speed2<L>(u, cells, i); });
    return {{"mass", mass}, {"kinetic_energy", energy}, {"max_speed", std::sqrt(top)}};
}

template <class L, class Real>
class LbmSolver final : public Solver {
   public:
    LbmSolver(const Params& p, const Context& ctx)
        : m_p(p), m_ctx(ctx), m_f(ctx.backend(), L::Q * p.cells()), m_next(ctx.backend(), L::Q * p.cells()),
          m_mask(ctx.backend(), p.cells()), m_rho(ctx.backend(), p.cells()),
          m_u(ctx.backend(), L::dim * p.cells()) {
        if (m_p.mach() > 0.3) {
            fmt::print(stderr, "lbm: warning: Mach number {:.3g} > 0.3: compressibility errors grow as Ma^2; "
                               "lower the velocities\n", m_p.mach());
        }
        build_mask<L>(m_ctx, mask(), m_p.obstacles, m_p.kernel_faces<double>());
        // Both lattices: the step never writes solid cells.
        fill_initial<L, Real>(m_ctx, populations(m_f), mask(), m_p);
        fill_initial<L, Real>(m_ctx, populations(m_next), mask(), m_p);
    }

    /// Steps go in pairs f -> next -> f (two-lattice pull), so the state always lives in m_f;
    /// an odd count ends with one copy back.
    void step(std::int64_t n) override {
        const LbmFaces<Real> faces = m_p.kernel_faces<Real>();
        const LbmCollision<Real> c = m_p.collision<Real>();
        for (std::int64_t s = 0; s + 1 < n; s += 2) {
            stream_collide<L, Real>(m_ctx, populations(m_f), populations(m_next), mask(), faces, c);
            stream_collide<L, Real>(m_ctx, populations(m_next), populations(m_f), mask(), faces, c);
        }
        if (n % 2 == 1) {
            stream_collide<L, Real>(m_ctx, populations(m_f), populations(m_next), mask(), faces, c);
            copy(m_ctx, "lbm.copy", m_next, m_f);
        }
        // Lattice units: dt = 1, so time is the step count, exactly.
        m_time += double(n);
        m_steps += n;
        m_fields_current = false;
    }
    double time() const override { return m_time; }
    std::int64_t steps() const override { return m_steps; }
    std::vector<std::string> field_names() const override {
        std::vector<std::string> names{"density", "velocity_x", "velocity_y"};
        if (L::dim == 3) names.push_back("velocity_z");
        return names;
    }
    /// The macroscopic fields are computed from the populations on request (one small kernel,
    /// once per step count), which keeps the step kernel at its 2 Q values per cell. A view
    /// held across step() shows the values of the last field() call.
    FieldRef field(std::string_view name) override {
        const auto names = field_names();
        const auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end()) {
            throw ConfigError(fmt::format("lbm: no field '{}'; fields: {}", name, fmt::join(names, ", ")));
        }
        update_fields();
        FieldRef f;
        f.name = std::string(name);
        f.dtype = std::is_same_v<Real, float> ? io::DType::F32 : io::DType::F64;
        f.shape = {m_p.n[0], m_p.n[1]};
        f.strides = {1, m_p.n[0]};
        if (L::dim == 3) {
            f.shape.push_back(m_p.n[2]);
            f.strides.push_back(Index(m_p.n[0]) * m_p.n[1]);
        }
        const auto component = it - names.begin() - 1;  // density is -1
        f.data = component < 0 ? m_rho.data() : m_u.data() + component * m_p.cells();
        f.location = m_ctx.backend();
        return f;
    }
    /// Flow observables, then the force on the obstacles and its coefficients 2 F / (rho U^2 D)
    /// with rho = 1, U = physics.velocity, D = Params::obstacle_length (0 without obstacles).
    Observables observables() override {
        update_fields();
        Observables obs = flow_observables<L, Real>(m_ctx, m_rho, m_u);
        const auto force = solid_force<L, Real>(m_ctx, populations(m_f), mask(), m_p.kernel_faces<Real>());
        for (int a = 0; a < L::dim; ++a) obs.emplace_back(fmt::format("force_{}", axis_names[a]), force[a]);
        const double u2d = m_p.velocity * m_p.velocity * m_p.obstacle_length;
        const double scale = m_p.obstacle_length > 0 ? 2 / u2d : 0;
        obs.emplace_back("drag_coefficient", scale * force[0]);
        obs.emplace_back("lift_coefficient", scale * force[1]);
        return obs;
    }

    void set(std::string_view key, const Value& v) override {
        const double x = std::get<double>(v);
        m_fields_current = false;  // the force enters the velocity
        if (key == "physics.viscosity" || key == "physics.reynolds") {
            m_p.steer_viscosity(key, x);
            return;
        }
        for (int b = 0; b < 3; ++b) {
            if (key == fmt::format("physics.force_{}", axis_names[b])) {
                if (b >= L::dim && x != 0) throw ConfigError(no_z_force);
                m_p.force[b] = x;
                return;
            }
            for (int a = 0; a < 3; ++a)
                for (int side = 0; side < 2; ++side)
                    if (key == fmt::format("boundaries.{}.velocity_{}", face_names[a][side], axis_names[b])) {
                        m_p.check_wall_velocity(a, side, b, x);
                        m_p.faces[a][side].velocity[b] = x;
                        return;
                    }
        }
        throw ConfigError(fmt::format("lbm: '{}' is not steerable", key));
    }

    /// The populations are the state; the macroscopic fields go beside them for the XDMF sidecar.
    void save(io::CheckpointWriter& out) override {
        update_fields();
        m_ctx.synchronize();
        const auto f = m_f.to_host();
        const std::size_t q = L::Q, nz = m_p.n[2], ny = m_p.n[1], nx = m_p.n[0];
        out.write_field("f", f.data(), {q, nz, ny, nx});
        const auto rho = m_rho.to_host(), u = m_u.to_host();
        const auto dims = field("density").c_order_dims();
        out.write_field("density", rho.data(), dims);
        for (int a = 0; a < L::dim; ++a)
            out.write_field(fmt::format("velocity_{}", axis_names[a]), u.data() + a * m_p.cells(), dims);
    }
    void load(const io::CheckpointReader& in) override {
        std::vector<Real> host(m_f.size());
        in.read_field("f", host.data(), host.size());
        m_f.copy_from_host(host.data());
        m_steps = in.meta().step;
        m_time = in.meta().time;
        m_fields_current = false;
    }
    std::optional<io::XdmfGrid> grid() const override {
        io::XdmfGrid x;
        x.nx = m_p.n[0], x.ny = m_p.n[1], x.nz = m_p.n[2];
        x.dx = x.dy = x.dz = 1;
        return x;
    }

   private:
    View<Real, 4> populations(const Buffer<Real>& b) const {
        return b.template view<4>({Index(m_p.n[0]), Index(m_p.n[1]), Index(m_p.n[2]), Index(L::Q)});
    }
    View<std::uint8_t, 3> mask() const {
        return m_mask.template view<3>({Index(m_p.n[0]), Index(m_p.n[1]), Index(m_p.n[2])});
    }
    void update_fields() {
        if (m_fields_current) return;
        const Index nx = m_p.n[0], ny = m_p.n[1], nz = m_p.n[2];
        macroscopic<L, Real>(m_ctx, populations(m_f), mask(), m_rho.template view<3>({nx, ny, nz}),
                             m_u.template view<4>({nx, ny, nz, Index(L::dim)}), m_p.collision<Real>());
        m_fields_current = true;
    }

    Params m_p;
    const Context& m_ctx;
    Buffer<Real> m_f, m_next;  // populations f[q][cell], cell = i + nx (j + ny k)
    Buffer<std::uint8_t> m_mask;  // stencils::LbmCell per cell, built once from the obstacles
    Buffer<Real> m_rho, m_u;   // macroscopic fields, u[axis][cell]
    bool m_fields_current = false;
    std::int64_t m_steps = 0;
    double m_time = 0;
};

template <class L>
std::unique_ptr<Solver> make_solver(const Params& p, const Context& ctx, bool single) {
    if (single) return std::make_unique<LbmSolver<L, float>>(p, ctx);
    return std::make_unique<LbmSolver<L, double>>(p, ctx);
}
}  // namespace simt::lbm

namespace simt {
void register_lbm_solver(Registry& r) {
    r.add({"lbm", "lattice Boltzmann flow, D2Q9/D3Q19, BGK/TRT, body force, periodic faces and (moving) walls",
           lbm::schema(), [](const io::Params& p) { lbm::Params::from(p); },
           [](const io::Params& p, const Context& ctx) -> std::unique_ptr<Solver> {
               const lbm::Params lp = lbm::Params::from(p);
               const bool single = p.string("precision") == "float";
               if (lp.three_d) return lbm::make_solver<stencils::D3Q19>(lp, ctx, single);
               return lbm::make_solver<stencils::D2Q9>(lp, ctx, single);
           }});
}
}  // namespace simt
