// SPDX-License-Identifier: MIT
// Solver `heat`: explicit (forward Euler) diffusion of a scalar u on a 2-D or 3-D cell-centred
// grid, du/dt = alpha * laplacian(u), with periodic, Dirichlet or Neumann faces.
// Compiled as CUDA in CUDA builds (simt_device_sources): it launches the stencil kernels.

#include <fmt/format.h>
#include <simt/core/copy.hpp>
#include <simt/core/error.hpp>
#include <simt/solvers/registry.hpp>
#include "framework/checkpoint_rules.hpp"
#include "heat/kernels.hpp"
#include "heat/params.hpp"
#include "shared/grid_solver.hpp"

namespace simt::heat {
template <class Real>
class HeatSolver final : public Solver {
   public:
    HeatSolver(const Params& p, const Context& ctx)
        : m_p(p), m_ctx(ctx), m_u(ctx.backend(), p.grid.cells()), m_next(ctx.backend(), p.grid.cells()) {
        fill_initial(m_ctx, view(m_u), m_p);
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
        return cell_field("u", m_p.grid, m_u.data(), m_ctx.backend());
    }
    Observables observables() override { return field_observables<Real>(m_ctx, view(m_u)); }

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

    void save(io::CheckpointWriter& out) override {
        m_ctx.synchronize();
        const auto host = m_u.to_host();
        out.write_field("u", host.data(), field("u").c_order_dims());
        out.write_state("dt", m_p.dt);
    }
    void load(const io::CheckpointReader& in) override {
        std::vector<Real> host(m_u.size());
        in.read_field("u", host.data(), host.size());
        m_u.copy_from_host(host.data());
        m_p.dt = checkpoint_rules::positive_state(in, "dt");
        m_steps = in.meta().step;
        m_time = in.meta().time;
    }
    Outputs outputs() const override { return {GridFields{xdmf_grid(m_p.grid), field_names()}, {}}; }
    std::uint64_t rng_counter() const override { return m_p.initial == "random" ? std::uint64_t(m_p.grid.cells()) : 0; }

   private:
    View<Real, 3> view(const Buffer<Real>& b) const {
        return b.template view<3>({Index(m_p.grid.nx), Index(m_p.grid.ny), Index(m_p.grid.nz)});
    }
    void one_step(const Buffer<Real>& from, const Buffer<Real>& to) {
        const auto& g = m_p.grid;
        const stencils::LaplacianCoeffs<Real> c{
            {Real(1 / (g.dx() * g.dx())), Real(1 / (g.dy() * g.dy())), Real(1 / (g.dz() * g.dz()))},
            {Real(g.dx()), Real(g.dy()), Real(g.dz())}};
        const Real alpha_dt = Real(m_p.diffusivity * m_p.dt);
        if (g.dim() == 3) {
            euler_step<3, Real>(m_ctx, view(from), view(to), m_p.faces, c, alpha_dt);
        } else {
            euler_step<2, Real>(m_ctx, view(from), view(to), m_p.faces, c, alpha_dt);
        }
    }

    Params m_p;
    const Context& m_ctx;
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
