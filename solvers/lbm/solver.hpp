// SPDX-License-Identifier: MIT
// The lbm solver for one velocity set L and one storage policy S. Included only by the
// generated translation units lbm_<lattice>_<storage>.cpp (one instantiation each, compiled in
// parallel), which define make_solver<L, S>.
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <type_traits>
#include <vector>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <simt/core/buffer.hpp>
#include <simt/core/context.hpp>
#include <simt/core/copy.hpp>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/reduce.hpp>
#include <simt/solvers/solver.hpp>
#include "lbm/kernels.hpp"
#include "lbm/params.hpp"

namespace simt::lbm {
template <class L, class S>
std::unique_ptr<Solver> make_solver(const Params& p, const Context& ctx);

template <class L, class S>
class LbmSolver final : public Solver {
    using Real = typename S::Compute;
    using Stored = typename S::Stored;

   public:
    LbmSolver(const Params& p, const Context& ctx)
        : m_p(p),
          m_ctx(ctx),
          m_f(ctx.backend(), L::Q * p.cells()),
          m_next(ctx.backend(), L::Q * p.cells()),
          m_mask(ctx.backend(), p.cells()),
          m_fields(ctx.backend(), field_names().size() * p.cells()) {
        for (const std::string& w : m_p.warnings()) fmt::print(stderr, "lbm: warning: {}\n", w);
        build_mask();
        // Both lattices: the step never writes solid cells.
        for (Buffer<Stored>* f : {&m_f, &m_next}) {
            const double pi = 3.141592653589793;
            for_each(m_ctx, "lbm.init", range(),
                     InitialPopulations<L, S>{populations(*f), mask(), m_p.taylor_green, m_p.initial_velocity,
                                              2 * pi / m_p.n[0], 2 * pi / m_p.n[1]});
        }
    }

    /// Steps go in pairs f -> next -> f (two-lattice pull), so the state always lives in m_f;
    /// an odd count ends with one copy back.
    void step(std::int64_t n) override {
        const stencils::LbmBoundaries<Real> b = m_p.boundaries<Real>();
        const stencils::LbmCollision<Real> c = m_p.collision<Real>();
        for (std::int64_t s = 0; s + 1 < n; s += 2) {
            stream_collide(m_f, m_next, b, c);
            stream_collide(m_next, m_f, b, c);
        }
        if (n % 2 == 1) {
            stream_collide(m_f, m_next, b, c);
            copy(m_ctx, "lbm.copy", m_next, m_f);
        }
        m_steps += n;
        m_time = double(m_steps) * m_p.units.dt;  // from the count, so restarts agree exactly
        m_fields_current = false;
    }
    double time() const override { return m_time; }
    std::int64_t steps() const override { return m_steps; }
    /// density, velocity components, speed |u|, and in 2-D the vorticity.
    std::vector<std::string> field_names() const override {
        std::vector<std::string> names{"density"};
        for (int a = 0; a < L::dim; ++a) names.push_back(fmt::format("velocity_{}", axis_names[a]));
        names.push_back("speed");
        if (L::dim == 2) names.push_back("vorticity");
        return names;
    }
    /// The macroscopic fields are computed from the populations on request (small kernels, once
    /// per step count), which keeps the step kernel at its 2 Q values per cell. A view held
    /// across step() shows the values of the last field() call.
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
        f.data = m_fields.data() + (it - names.begin()) * m_p.cells();
        f.location = m_ctx.backend();
        return f;
    }
    /// Mass, kinetic energy and top speed (in the scenario's units); with obstacles the force on
    /// them, and with an obstacle length its coefficients 2 F / (rho U^2 D) with rho = 1,
    /// U = physics.velocity, D = Params::obstacle_length. A flow without obstacles reports no
    /// force rather than a force of 0.
    Observables observables() override {
        update_fields();
        const Range<1> cells{m_p.cells()};
        const double volume = m_p.units.dx * m_p.units.dx * (L::dim == 3 ? m_p.units.dx : 1.0);
        const double bytes = double(m_p.cells()) * sizeof(Real);
        const View<const Real, 4> fields = field_view();
        Observables obs;
        obs.emplace_back("mass", reduce<double>(m_ctx, Kernel("lbm.obs.mass", bytes), cells, Sum{},
                                                FieldValue<Real>{fields, 0, volume}));
        obs.emplace_back("kinetic_energy", reduce<double>(m_ctx, Kernel("lbm.obs.kinetic_energy", 2 * bytes), cells,
                                                          Sum{}, KineticEnergy<L::dim, Real>{fields, volume}));
        obs.emplace_back("max_speed", reduce<double>(m_ctx, Kernel("lbm.obs.max_speed", bytes), cells, Max{},
                                                     FieldValue<Real>{fields, 1 + L::dim, 1.0}));
        if (!m_p.has_obstacles()) return obs;
        const std::array<double, 3> force = solid_force();
        for (int a = 0; a < L::dim; ++a) {
            obs.emplace_back(fmt::format("force_{}", axis_names[a]), force[a] * m_p.units.force(L::dim));
        }
        if (m_p.obstacle_length > 0) {
            const double scale = 2 / (m_p.velocity * m_p.velocity * m_p.obstacle_length);
            obs.emplace_back("drag_coefficient", scale * force[0]);
            obs.emplace_back("lift_coefficient", scale * force[1]);
        }
        return obs;
    }

    void set(std::string_view key, const Value& v) override {
        m_p.steer(key, std::get<double>(v));
        m_fields_current = false;  // the force enters the velocity
    }

    /// The populations are the state; the macroscopic fields go beside them for the XDMF sidecar.
    void save(io::CheckpointWriter& out) override {
        update_fields();
        m_ctx.synchronize();
        const auto f = m_f.to_host();
        const std::size_t q = L::Q, nz = m_p.n[2], ny = m_p.n[1], nx = m_p.n[0];
        out.write_field("f", f.data(), {q, nz, ny, nx});
        const auto fields = m_fields.to_host();
        const auto dims = field("density").c_order_dims();
        const auto names = field_names();
        for (std::size_t c = 0; c < names.size(); ++c) out.write_field(names[c], fields.data() + c * m_p.cells(), dims);
    }
    void load(const io::CheckpointReader& in) override {
        std::vector<Stored> host(m_f.size());
        in.read_field("f", host.data(), host.size());
        require_admissible(in, host);
        m_f.copy_from_host(host.data());
        m_steps = in.meta().step;
        m_time = in.meta().time;
        m_fields_current = false;
    }
    Outputs outputs() const override {
        io::XdmfGrid mesh;
        mesh.nx = m_p.n[0], mesh.ny = m_p.n[1], mesh.nz = m_p.n[2];
        mesh.dx = mesh.dy = mesh.dz = m_p.units.dx;
        return {GridFields{mesh, field_names()}, {}, {}};
    }

   private:
    /// The step divides by the density: every cell that is not solid needs finite populations
    /// (half-precision bits may hold Inf or NaN) summing to a positive density.
    void require_admissible(const io::CheckpointReader& in, const std::vector<Stored>& f) const {
        const std::vector<std::uint8_t> cells = m_mask.to_host();
        const std::size_t n = cells.size();
        for (std::size_t c = 0; c < n; ++c) {
            if (cells[c] == lbm_solid) continue;
            double rho = 0;
            for (int q = 0; q < L::Q; ++q) {
                const double fq = S::load(q, f[std::size_t(q) * n + c]);
                if (!std::isfinite(fq))
                    in.reject(fmt::format("/fields/f[{}, {}] = {}", q, c, fq), "populations must be finite");
                rho += fq;
            }
            if (!(rho > 0))
                in.reject(fmt::format("/fields/f[:, {}] sums to density {}", c, rho),
                          "the density of a fluid cell must be positive");
        }
    }

    Range<3> range() const { return {m_p.n[0], m_p.n[1], m_p.n[2]}; }
    /// The streaming's range: D2Q9 as a 2-D one, whose interior (where the CPU vectorises) needs
    /// no z neighbours.
    auto step_range() const {
        if constexpr (L::dim == 2) {
            return Range<2>{m_p.n[0], m_p.n[1]};
        } else {
            return range();
        }
    }
    View<Stored, 4> populations(const Buffer<Stored>& b) const {
        return b.template view<4>({Index(m_p.n[0]), Index(m_p.n[1]), Index(m_p.n[2]), Index(L::Q)});
    }
    View<std::uint8_t, 3> mask() const {
        return m_mask.template view<3>({Index(m_p.n[0]), Index(m_p.n[1]), Index(m_p.n[2])});
    }
    View<Real, 4> field_view() const {
        return m_fields.template view<4>(
            {Index(m_p.n[0]), Index(m_p.n[1]), Index(m_p.n[2]), Index(field_names().size())});
    }

    /// Solid cells from the shapes and the mask file, then the boundary cells around them and
    /// along the faces, and the list of the boundary cells.
    void build_mask() {
        Buffer<std::uint8_t> file(m_ctx.backend(), m_p.mask_file_cells.size());
        if (!m_p.mask_file_cells.empty()) file.copy_from_host(m_p.mask_file_cells.data());
        Buffer<std::uint8_t> solid(m_ctx.backend(), m_p.cells());
        const Index ext[3] = {Index(m_p.n[0]), Index(m_p.n[1]), Index(m_p.n[2])};
        View<const std::uint8_t, 3> file_view =
            file.size() ? View<const std::uint8_t, 3>(file.template view<3>(ext)) : View<const std::uint8_t, 3>{};
        for_each(m_ctx, "lbm.mask.solid", range(), SolidCells{solid.template view<3>(ext), file_view, m_p.obstacles});
        for_each(m_ctx, "lbm.mask.boundary", range(),
                 BoundaryCells<L>{solid.template view<3>(ext),
                                  mask(),
                                  {m_p.periodic(0, 0), m_p.periodic(1, 0), m_p.periodic(2, 0)}});
        m_ctx.synchronize();  // the temporaries go out of scope
        const std::vector<std::uint8_t> cells = m_mask.to_host();
        std::vector<Index> boundary;
        for (Index c = 0; c < Index(cells.size()); ++c)
            if (cells[std::size_t(c)] == lbm_boundary) boundary.push_back(c);
        m_boundary = Buffer<Index>(m_ctx.backend(), boundary.size());
        m_boundary.copy_from_host(boundary.data());
        m_cell_forces = Buffer<double>(m_ctx.backend(), boundary.size() * L::dim);
    }

    /// Momentum exchange over the boundary cells: per-cell forces into m_cell_forces, then sums.
    std::array<double, 3> solid_force() {
        std::array<double, 3> force{0, 0, 0};
        const Index nb = Index(m_boundary.size());
        if (nb == 0) return force;
        const View<double, 4> out = m_cell_forces.template view<4>({nb, 1, 1, Index(L::dim)});
        for_each(m_ctx, Kernel("lbm.obs.force", double(nb) * (2 * L::Q * sizeof(Stored) + L::dim * 8)), Range<1>{nb},
                 SolidForce<L, S>{populations(m_f), mask(), m_boundary.data(), m_p.boundaries<Real>(), out});
        for (int a = 0; a < L::dim; ++a) {
            force[a] = reduce<double>(m_ctx, Kernel("lbm.obs.force_sum", 8.0 * double(nb)), Range<1>{nb}, Sum{},
                                      FieldValue<double>{out, a, 1.0});
        }
        return force;
    }

    static const char* step_label() {
        if (L::dim == 2) return "lbm.d2q9.step";
        return std::is_same_v<Stored, std::uint16_t> ? "lbm.d3q19.step.fp16" : "lbm.d3q19.step";
    }
    static const char* boundary_label() {
        if (L::dim == 2) return "lbm.d2q9.step.boundary";
        return std::is_same_v<Stored, std::uint16_t> ? "lbm.d3q19.step.fp16.boundary" : "lbm.d3q19.step.boundary";
    }

    void stream_collide(const Buffer<Stored>& from, Buffer<Stored>& to, const stencils::LbmBoundaries<Real>& b,
                        const stencils::LbmCollision<Real>& c) {
        // The bytes of the whole step go with the interior kernel: the boundary kernel's cells
        // are a thin shell, and a benchmark adds its time (label + ".boundary") to the step's.
        const Kernel kernel(step_label(), 2.0 * L::Q * sizeof(Stored) * double(m_p.cells()));
        const stencils::LbmStep<L, S> step{populations(from), populations(to), mask(), c};
        if (stencils::lbm_offsets_fit_int<L>(m_p.cells()))
            for_each(m_ctx, kernel, step_range(), stencils::LbmStreamCollideInterior<L, S, int>{step});
        else
            for_each(m_ctx, kernel, step_range(), stencils::LbmStreamCollideInterior<L, S, Index>{step});
        const Index nb = Index(m_boundary.size());
        if (nb == 0) return;
        for_each(m_ctx, Kernel(boundary_label(), 0), Range<1>{nb},
                 stencils::LbmStreamCollideBoundary<L, S>{step, m_boundary.data(), b});
    }

    void update_fields() {
        if (m_fields_current) return;
        const stencils::LbmCollision<Real> c = m_p.collision<Real>();
        const Kernel kernel(L::dim == 3 ? "lbm.d3q19.macroscopic" : "lbm.d2q9.macroscopic",
                            double(L::Q * sizeof(Stored) + (2 + L::dim) * sizeof(Real) + 1) * double(m_p.cells()));
        for_each(m_ctx, kernel, range(),
                 MacroscopicFields<L, S>{populations(m_f),
                                         mask(),
                                         field_view(),
                                         {-c.force[0] / 2, -c.force[1] / 2, -c.force[2] / 2},
                                         Real(m_p.units.density),
                                         Real(m_p.units.velocity())});
        if (L::dim == 2) {
            for_each(m_ctx, Kernel("lbm.d2q9.vorticity", 5.0 * sizeof(Real) * double(m_p.cells())),
                     Range<2>{m_p.n[0], m_p.n[1]},
                     Vorticity2d<Real>{
                         field_view(), {m_p.periodic(0, 0), m_p.periodic(1, 0)}, Real(m_p.units.dx), 2 + L::dim});
        }
        m_fields_current = true;
    }

    Params m_p;
    const Context& m_ctx;
    Buffer<Stored> m_f, m_next;    // populations f[q][cell], cell = i + nx (j + ny k)
    Buffer<std::uint8_t> m_mask;   // stencils::LbmCell per cell, built once
    Buffer<Index> m_boundary;      // flat offsets of the boundary cells
    Buffer<double> m_cell_forces;  // scratch: each boundary cell's force on the solids, [axis][cell]
    Buffer<Real> m_fields;         // field_names() in order, [field][cell]
    bool m_fields_current = false;
    std::int64_t m_steps = 0;
    double m_time = 0;
};

template <class L, class S>
std::unique_ptr<Solver> make_solver(const Params& p, const Context& ctx) {
    return std::make_unique<LbmSolver<L, S>>(p, ctx);
}
}  // namespace simt::lbm
