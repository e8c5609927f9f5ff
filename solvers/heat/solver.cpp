// SPDX-License-Identifier: MIT
// Compiled as CUDA in CUDA builds (simt_device_sources): it launches the stencil kernels.
#include "heat/register.hpp"

#include <cmath>
#include <limits>
#include <fmt/format.h>
#include <simt/core/comm.hpp>
#include <simt/core/copy.hpp>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/philox.hpp>
#include <simt/core/reduce.hpp>
#include <simt/solvers/registry.hpp>
#include <simt/stencils/decomposition.hpp>
#include <simt/stencils/grid.hpp>
#include <simt/stencils/halo_exchange.hpp>
#include <simt/stencils/laplacian_kernels.hpp>
#include "framework/checkpoint_rules.hpp"
#include "shared/grid_solver.hpp"

namespace simt::heat {
using stencils::Block;
using stencils::BoundaryType;
using stencils::Faces;

/// No limit: the schema still rejects NaN and Inf.
constexpr double unbounded = std::numeric_limits<double>::infinity();

constexpr const char* face_names[3][2] = {{"x_min", "x_max"}, {"y_min", "y_max"}, {"z_min", "z_max"}};

io::Schema schema() {
    io::Schema s;
    add_grid_keys(s);
    io::KeySpec alpha = io::real_key("physics.diffusivity", 1.0, 0, unbounded, "alpha [length^2/time]", true);
    alpha.steerable = true;
    s.add(alpha);
    s.add(io::real_key("physics.cfl", 0.25, 0, 0.5,
                       "alpha dt sum(1/h^2); forward Euler is stable up to 0.5", true));
    s.add(io::real_key("physics.dt", 0.0, 0, unbounded, "time step [time]; 0 derives it from physics.cfl"));
    for (const auto& axis : face_names)
        for (const char* face : axis) {
            s.add(io::string_key(fmt::format("boundaries.{}.type", face), "periodic",
                                 {"periodic", "dirichlet", "neumann"}, "boundary condition on this face"));
            io::KeySpec value = io::real_key(fmt::format("boundaries.{}.value", face), 0.0, -max_field_value,
                                             max_field_value, "u on the face (dirichlet) or du/dn outward (neumann); "
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
    return s;
}

/// Parameters after validation, in the form the kernels take them.
struct Params {
    stencils::Grid grid;
    Faces faces;
    double diffusivity = 1, dt = 0;
    std::string initial;
    int k[3] = {1, 1, 0};
    double amplitude = 1, mean = 0;
    std::uint64_t seed = 0;
    std::array<int, 3> ranks{0, 0, 0};  // requested rank grid, 0: chosen

    static Params from(const io::Params& p) {
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
                throw ConfigError(fmt::format("heat: boundaries.{}.type and boundaries.{}.type must both be "
                                              "periodic or neither",
                                              face_names[a][0], face_names[a][1]));
            }
        }
        h.diffusivity = p.real("physics.diffusivity");
        h.dt = p.real("physics.dt");
        if (h.dt == 0) h.dt = p.real("physics.cfl") / (h.diffusivity * h.inv_h2_sum());
        // A diffusivity far from the cells' scale makes the derived step overflow or vanish.
        if (!(std::isfinite(h.dt) && h.dt >= std::numeric_limits<double>::min())) {
            throw ConfigError(fmt::format("heat: the time step dt = {} (physics.dt, or physics.cfl / (diffusivity "
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
        return h;
    }
    double inv_h2_sum() const {
        const double dx = grid.dx(), dy = grid.dy(), dz = grid.dz();
        return 1 / (dx * dx) + 1 / (dy * dy) + (grid.dim() == 3 ? 1 / (dz * dz) : 0.0);
    }
    static void check_stable(double alpha, double dt, double inv_h2_sum, const char* key) {
        const double cfl = alpha * dt * inv_h2_sum;
        if (!(cfl <= 0.5)) {  // NaN too
            throw ConfigError(fmt::format("heat: {} gives alpha dt sum(1/h^2) = {:.4g} > 0.5: forward Euler "
                                          "would blow up; lower dt or diffusivity",
                                          key, cfl));
        }
    }
};

/// The shape of mode k along one axis, chosen so that it satisfies zero-valued boundaries:
/// periodic cos(2 pi k x/L), Dirichlet-Dirichlet sin(pi k x/L), Neumann-Neumann cos(pi k x/L),
/// Dirichlet-Neumann sin((k - 1/2) pi x/L), Neumann-Dirichlet cos((k - 1/2) pi x/L).
SIMT_INLINE double mode_shape(BoundaryType lo, BoundaryType hi, int k, double x, double length) {
    const double pi = 3.141592653589793;
    if (lo == BoundaryType::Periodic) return cos(2 * pi * k * x / length);
    if (lo == hi) return lo == BoundaryType::Dirichlet ? sin(pi * k * x / length) : cos(pi * k * x / length);
    const double q = (k - 0.5) * pi / length;
    return lo == BoundaryType::Dirichlet ? sin(q * x) : cos(q * x);
}

/// The initial u on block b: each cell's value follows from its global index, so any
/// decomposition holds the same numbers.
template <class Real>
void fill_initial(const Context& ctx, View<Real, 3> u, const Params& p, const Block& b) {
    const stencils::Grid g = p.grid;
    const Faces f = p.faces;
    const int kx = p.k[0], ky = p.k[1], kz = p.k[2];
    const double amp = p.amplitude, mean = p.mean;
    const std::uint64_t seed = p.seed;
    const bool is3d = g.dim() == 3;
    const int i0 = b.lo[0], j0 = b.lo[1], k0 = b.lo[2];
    const Range<3> r{b.n[0], b.n[1], b.n[2]};
    if (p.initial == "mode") {
        for_each(ctx, "heat.init.mode", r, SIMT_LAMBDA(int i, int j, int k) {
            double v = mode_shape(f.lo[0].type, f.hi[0].type, kx, g.x(i0 + i), g.lx) *
                       mode_shape(f.lo[1].type, f.hi[1].type, ky, g.y(j0 + j), g.ly);
            if (is3d) v *= mode_shape(f.lo[2].type, f.hi[2].type, kz, g.z(k0 + k), g.lz);
            u(i, j, k) = Real(mean + amp * v);
        });
    } else if (p.initial == "random") {
        for_each(ctx, "heat.init.random", r, SIMT_LAMBDA(int i, int j, int k) {
            const Index cell = (i0 + i) + Index(g.nx) * ((j0 + j) + Index(g.ny) * (k0 + k));
            const Philox4 bits = philox_bits(seed, 0, std::uint64_t(cell));
            u(i, j, k) = Real(mean + amp * (2.0 * u64_to_uniform(bits.v[0], bits.v[1]) - 1.0));
        });
    } else {
        for_each(ctx, "heat.init.constant", r, SIMT_LAMBDA(int i, int j, int k) { u(i, j, k) = Real(mean); });
    }
}

/// One forward-Euler step out = u + alpha dt laplacian(u) on a block whose neighbours' cells
/// are in `halos` (WithHalos: across ranks). Reads u once (neighbours come from cache) and writes
/// out once: 2 sizeof(Real) bytes per cell is the traffic floor.
template <int Dim, class Real, bool WithHalos>
void euler_step(const Context& ctx, View<const Real, 3> u, View<Real, 3> out, const Faces& faces,
                const stencils::LaplacianCoeffs<Real>& c, Real alpha_dt, const stencils::FaceHalos<Real>& halos) {
    const Range<3> r{int(u.extent[0]), int(u.extent[1]), int(u.extent[2])};
    const Kernel kernel(Dim == 3 ? "heat.3d.step" : "heat.2d.step", 2.0 * sizeof(Real) * double(r.size()));
    for_each(ctx, kernel, r, SIMT_LAMBDA(int i, int j, int k) {
        out(i, j, k) = u(i, j, k) + alpha_dt * stencils::laplacian<Dim, Real, WithHalos>(u, i, j, k, faces, c, halos);
    });
}

/// This rank's block: the rank grid from the scenario's parallel keys or chosen, printed once.
/// One process (no mpirun) holds the whole grid whatever the keys say, so that a scenario or
/// checkpoint made for ranks also runs in one process.
Block decompose(const Params& p, const Comm& ranks) {
    const std::array<int, 3> dims =
        stencils::choose_rank_grid(ranks.size(), p.grid, ranks.parallel() ? p.ranks : std::array<int, 3>{0, 0, 0});
    if (ranks.parallel() && ranks.root())
        fmt::print(stderr, "heat: {} ranks as {} x {} x {} blocks\n", ranks.size(), dims[0], dims[1], dims[2]);
    std::array<bool, 3> periodic{};
    for (int a = 0; a < 3; ++a) periodic[std::size_t(a)] = p.faces.lo[a].type == BoundaryType::Periodic;
    return stencils::block_of(p.grid, dims, ranks.rank(), periodic);
}

/// Dims in C order (z, y, x; y, x in 2-D), as checkpoints store grid fields.
std::vector<std::size_t> c_order(const std::array<int, 3>& v, int dim) {
    if (dim == 2) return {std::size_t(v[1]), std::size_t(v[0])};
    return {std::size_t(v[2]), std::size_t(v[1]), std::size_t(v[0])};
}

template <class Real>
Observables field_observables(const Context& ctx, View<const Real, 3> u) {
    const Range<1> r{u.size()};
    const Real* d = u.data;
    const double bytes = double(r.n) * sizeof(Real);
    const double sum = reduce<double>(ctx, Kernel("heat.obs.sum", bytes), r, Sum{}, SIMT_LAMBDA(Index i) { return double(d[i]); });
    const double sum2 = reduce<double>(ctx, Kernel("heat.obs.sum_sq", bytes), r, Sum{},
                                       SIMT_LAMBDA(Index i) { return double(d[i]) * double(d[i]); });
    const double lo = reduce<double>(ctx, Kernel("heat.obs.min", bytes), r, Min{}, SIMT_LAMBDA(Index i) { return double(d[i]); });
    const double hi = reduce<double>(ctx, Kernel("heat.obs.max", bytes), r, Max{}, SIMT_LAMBDA(Index i) { return double(d[i]); });
    return {{"u_mean", sum / double(r.n)}, {"u_rms", std::sqrt(sum2 / double(r.n))}, {"u_min", lo}, {"u_max", hi}};
}

template <class Real>
class HeatSolver final : public Solver {
   public:
    HeatSolver(const Params& p, const Context& ctx)
        : m_p(p), m_ctx(ctx), m_ranks(Comm::world()), m_block(decompose(p, m_ranks)),
          m_halo(m_ranks, m_block, ctx.backend()), m_u(ctx.backend(), m_block.cells()),
          m_next(ctx.backend(), m_block.cells()) {
        fill_initial(m_ctx, view(m_u), m_p, m_block);
    }

    /// Steps go in pairs u -> next -> u, so the state always lives in m_u and a NumPy view of
    /// it stays valid across steps; an odd count ends with one copy back.
    void step(std::int64_t n) override {
        for (std::int64_t s = 0; s + 1 < n; s += 2) {
            one_step(m_u, m_next);
            one_step(m_next, m_u);
        }
        if (n % 2 == 1) {
            one_step(m_u, m_next);
            copy(m_ctx, "heat.copy", m_next, m_u);
        }
        // Time is a sum of dt, as a user of any explicit code expects; restart restores it exactly.
        for (std::int64_t s = 0; s < n; ++s) m_time += m_p.dt;
        m_steps += n;
    }
    double time() const override { return m_time; }
    std::int64_t steps() const override { return m_steps; }
    std::vector<std::string> field_names() const override { return {"u"}; }
    FieldRef field(std::string_view name) override {
        if (name != "u") throw ConfigError(fmt::format("heat: no field '{}'; fields: u", name));
        return cell_field("u", block_grid(), m_u.data(), m_ctx.backend());
    }
    /// Across ranks rank 0 reduces the gathered field, in the one-process order, so that the
    /// observables do not depend on the rank count; every rank returns its numbers.
    Observables observables() override {
        if (!m_ranks.parallel()) return field_observables<Real>(m_ctx, view(m_u));
        m_ctx.synchronize();
        const std::vector<Real> whole = stencils::gather_blocks(m_ranks, m_p.grid, m_block, m_u.to_host());
        Buffer<Real> all(m_ctx.backend(), whole.size());
        if (m_ranks.root()) all.copy_from_host(whole.data());
        const auto& g = m_p.grid;
        // Elsewhere the names come from the rank's own block, the values from rank 0.
        Observables obs = field_observables<Real>(
            m_ctx, m_ranks.root() ? all.template view<3>({Index(g.nx), Index(g.ny), Index(g.nz)}) : view(m_u));
        for (auto& [name, value] : obs) m_ranks.broadcast(&value, sizeof value);
        return obs;
    }

    void set(std::string_view key, const Value& v) override {
        if (key == "physics.diffusivity") {
            const double alpha = std::get<double>(v);
            Params::check_stable(alpha, m_p.dt, m_p.inv_h2_sum(), "physics.diffusivity");
            m_p.diffusivity = alpha;
            return;
        }
        for (int a = 0; a < 3; ++a)
            for (int side = 0; side < 2; ++side)
                if (key == fmt::format("boundaries.{}.value", face_names[a][side])) {
                    (side == 0 ? m_p.faces.lo[a] : m_p.faces.hi[a]).value = std::get<double>(v);
                    return;
                }
        throw ConfigError(fmt::format("heat: '{}' is not steerable", key));
    }

    /// Each rank writes its block of the one field (collective across ranks).
    void save(io::CheckpointWriter& out) override {
        m_ctx.synchronize();
        const auto host = m_u.to_host();
        const int dim = m_p.grid.dim();
        out.write_field_block("u", host.data(), c_order({m_p.grid.nx, m_p.grid.ny, m_p.grid.nz}, dim),
                              c_order(m_block.lo, dim), c_order(m_block.n, dim));
        out.write_state("dt", m_p.dt);
    }
    /// Any rank count reads any other's checkpoint: each rank cuts its block from the whole field.
    void load(const io::CheckpointReader& in) override {
        std::vector<Real> whole(std::size_t(m_p.grid.cells()));
        in.read_field("u", whole.data(), whole.size());
        m_u.copy_from_host(stencils::cut_block(m_p.grid, m_block, whole.data()).data());
        m_p.dt = checkpoint_rules::positive_state(in, "dt");
        m_steps = in.meta().step;
        m_time = in.meta().time;
    }
    std::optional<io::XdmfGrid> grid() const override { return xdmf_grid(m_p.grid); }
    std::uint64_t rng_counter() const override { return m_p.initial == "random" ? std::uint64_t(m_p.grid.cells()) : 0; }

   private:
    View<Real, 3> view(const Buffer<Real>& b) const {
        return b.template view<3>({Index(m_block.n[0]), Index(m_block.n[1]), Index(m_block.n[2])});
    }
    /// The block's shape as a grid: what a FieldRef of this rank's cells needs.
    stencils::Grid block_grid() const { return {m_block.n[0], m_block.n[1], m_block.n[2]}; }
    void one_step(const Buffer<Real>& from, const Buffer<Real>& to) {
        const auto& g = m_p.grid;
        const stencils::LaplacianCoeffs<Real> c{
            {Real(1 / (g.dx() * g.dx())), Real(1 / (g.dy() * g.dy())), Real(1 / (g.dz() * g.dz()))},
            {Real(g.dx()), Real(g.dy()), Real(g.dz())}};
        const Real alpha_dt = Real(m_p.diffusivity * m_p.dt);
        const auto halos = m_halo.halos();
        const Faces faces = stencils::block_faces(m_p.faces, m_block);
        if (!m_ranks.parallel()) {  // the one-process kernels, without a halo test in the loop
            if (g.dim() == 3) return euler_step<3, Real, false>(m_ctx, view(from), view(to), faces, c, alpha_dt, halos);
            return euler_step<2, Real, false>(m_ctx, view(from), view(to), faces, c, alpha_dt, halos);
        }
        m_halo.exchange(m_ctx, view(from));
        if (g.dim() == 3) return euler_step<3, Real, true>(m_ctx, view(from), view(to), faces, c, alpha_dt, halos);
        euler_step<2, Real, true>(m_ctx, view(from), view(to), faces, c, alpha_dt, halos);
    }

    Params m_p;
    const Context& m_ctx;
    const Comm& m_ranks;
    Block m_block;  // this rank's cells: the whole grid on one rank
    stencils::HaloExchange<Real> m_halo;
    Buffer<Real> m_u, m_next;
    std::int64_t m_steps = 0;
    double m_time = 0;
};
}  // namespace simt::heat

namespace simt {
void register_heat_solver(Registry& r) {
    r.add({"heat", "explicit diffusion of a scalar on a 2-D/3-D grid (periodic, Dirichlet, Neumann faces)",
           heat::schema(), [](const io::Params& p) { heat::Params::from(p); },
           [](const io::Params& p, const Context& ctx) -> std::unique_ptr<Solver> {
               const heat::Params hp = heat::Params::from(p);
               if (p.string("precision") == "float") return std::make_unique<heat::HeatSolver<float>>(hp, ctx);
               return std::make_unique<heat::HeatSolver<double>>(hp, ctx);
           }});
}
}  // namespace simt
