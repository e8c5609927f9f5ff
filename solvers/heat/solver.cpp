// SPDX-License-Identifier: MIT
// Solver `heat`: explicit (forward Euler) diffusion of a scalar u on a 2-D or 3-D cell-centred
// grid, du/dt = alpha * laplacian(u), with periodic, Dirichlet or Neumann faces.
// Compiled as CUDA in CUDA builds (simt_device_sources): it launches the stencil kernels.

#include <type_traits>
#include <fmt/format.h>
#include <simt/core/comm.hpp>
#include <simt/core/copy.hpp>
#include <simt/core/error.hpp>
#include <simt/solvers/registry.hpp>
#include <simt/stencils/decomposition.hpp>
#include <simt/stencils/halo_exchange.hpp>
#include <simt/stencils/interior_split.hpp>
#include "framework/checkpoint_rules.hpp"
#include "heat/kernels.hpp"
#include "heat/params.hpp"
#include "shared/grid_solver.hpp"

namespace simt::heat {
/// This rank's block (decompose): periodic axes wrap across ranks.
Block decompose(const Params& p, const Comm& ranks) {
    std::array<bool, 3> periodic{};
    for (int a = 0; a < 3; ++a) periodic[std::size_t(a)] = p.faces.lo[a].type == BoundaryType::Periodic;
    return simt::decompose("heat", p.grid, p.ranks, periodic, ranks);
}

template <class Real>
class HeatSolver final : public Solver {
   public:
    HeatSolver(const Params& p, const Context& ctx)
        : m_p(p),
          m_ctx(ctx),
          m_ranks(Comm::world()),
          m_block(decompose(p, m_ranks)),
          m_halo(m_ranks, m_block, ctx.backend()),
          m_split(stencils::split_interior(m_block.n, p.grid.dim())),
          m_u(ctx.backend(), m_block.cells()),
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
        return block_field("u", m_p.grid, m_block, m_u.data(), m_ctx.backend());
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
    Outputs outputs() const override { return {GridFields{xdmf_grid(m_p.grid), field_names()}, {}, {}}; }
    std::uint64_t rng_counter() const override { return m_p.initial == "random" ? std::uint64_t(m_p.grid.cells()) : 0; }

   private:
    View<Real, 3> view(const Buffer<Real>& b) const {
        return b.template view<3>({Index(m_block.n[0]), Index(m_block.n[1]), Index(m_block.n[2])});
    }
    void one_step(const Buffer<Real>& from, const Buffer<Real>& to) {
        const auto& g = m_p.grid;
        const stencils::LaplacianCoeffs<Real> c{
            {Real(1 / (g.dx() * g.dx())), Real(1 / (g.dy() * g.dy())), Real(1 / (g.dz() * g.dz()))},
            {Real(g.dx()), Real(g.dy()), Real(g.dz())}};
        const Real alpha_dt = Real(m_p.diffusivity * m_p.dt);
        const Faces faces = stencils::block_faces(m_p.faces, m_block);
        const bool three_d = g.dim() == 3;
        const stencils::CellBox whole{{0, 0, 0}, m_block.n};
        const auto update = [&](const Kernel& kernel, const stencils::CellBox& box, auto with_halos) {
            constexpr bool halos = decltype(with_halos)::value;
            if (three_d)
                return euler_step<3, Real, halos>(m_ctx, kernel, box, view(from), view(to), faces, c, alpha_dt,
                                                  m_halo.halos());
            euler_step<2, Real, halos>(m_ctx, kernel, box, view(from), view(to), faces, c, alpha_dt, m_halo.halos());
        };
        // One process: the kernels without a halo test in the loop.
        if (!m_ranks.parallel()) return update(three_d ? "heat.3d.step" : "heat.2d.step", whole, std::false_type{});
        if (!m_p.overlap) {
            m_halo.exchange(m_ctx, view(from));
            return update(three_d ? "heat.3d.step" : "heat.2d.step", whole, std::true_type{});
        }
        // The interior reads no halo: it is updated while the layers travel, the shell after. Its
        // cells take the stencil's interior path whatever the kernel, so the kernel without halos
        // (2-2.6x faster on the CPU than the one with) gives them the same bits.
        m_halo.start(m_ctx, view(from));
        if (m_split.interior.cells() > 0)
            update(three_d ? "heat.3d.step.interior" : "heat.2d.step.interior", m_split.interior, std::false_type{});
        m_halo.finish();
        for (const auto& box : m_split.shell)
            update(three_d ? "heat.3d.step.shell" : "heat.2d.step.shell", box, std::true_type{});
    }

    Params m_p;
    const Context& m_ctx;
    const Comm& m_ranks;
    Block m_block;  // this rank's cells: the whole grid on one rank
    stencils::HaloExchange<Real> m_halo;
    stencils::InteriorSplit m_split;  // for parallel.overlap
    Buffer<Real> m_u, m_next;
    std::int64_t m_steps = 0;
    double m_time = 0;
};
}  // namespace simt::heat

namespace simt {
void register_heat_solver(Registry& r) {
    r.add({"heat", "explicit diffusion of a scalar on a 2-D/3-D grid (periodic, Dirichlet, Neumann faces)",
           heat::schema(), [](const io::Params& p) { heat::Params::from(p); },
           [](const io::Params& p, Precision precision, const Context& ctx) {
               return make_in_precision<heat::HeatSolver>(precision, heat::Params::from(p), ctx);
           }});
}
}  // namespace simt
