// SPDX-License-Identifier: MIT
// Solver `navier_stokes`: incompressible flow on a uniform staggered (MAC) grid, 2-D or 3-D,
// SSP-RK3 in time with a pressure projection per stage (FFT or CG Poisson solver), central or
// bounded upwind advection, periodic faces, no-slip and moving walls, staircase obstacles.
// Time stepping is the three-stage strong-stability-preserving Runge-Kutta scheme of Shu &
// Osher (third order, stable for central advection up to a Courant number sqrt(3)); every
// stage ends with a projection, so each stage's velocity is discretely divergence-free and the
// velocity keeps the scheme's order:
//   u1 = P(u + dt F(u)),  u2 = P(3/4 u + 1/4 (u1 + dt F(u1))),  u' = P(1/3 u + 2/3 (u2 + dt F(u2)))
// with F = -div(u u) + nu lap(u) and P(v) = v - grad(phi), lap(phi) = div(v).
// Across ranks every rank stores its block padded by a halo of two cells (the advection's
// reach) along the axes split between ranks, filled from the neighbours (PaddedHaloExchange);
// the kernels index by global cell. The pressure solvers work on the ranks' blocks together
// (distributed CG; transforms on slabs reached by transposes; docs/parallel.md).
// Compiled as CUDA in CUDA builds (simt_device_sources): it launches the grid kernels.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <type_traits>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <simt/core/comm.hpp>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/memory.hpp>
#include <simt/core/reduce.hpp>
#include <simt/solvers/registry.hpp>
#include <simt/stencils/mac_kernels.hpp>
#include "framework/checkpoint_rules.hpp"
#include "navier_stokes/kernels.hpp"
#include "navier_stokes/params.hpp"
#include "shared/grid_solver.hpp"

namespace simt::ns {
/// How far the MAC stencils reach across a block's face: the upwind advection's two cells.
constexpr int halo_width = 2;

/// This rank's block (decompose): axes without walls wrap across ranks.
stencils::Block decompose(const Params& p, const Comm& ranks) {
    std::array<bool, 3> periodic{};
    for (int a = 0; a < 3; ++a) periodic[std::size_t(a)] = !p.boundary.wall[a];
    return simt::decompose("navier_stokes", p.grid, p.ranks, periodic, ranks);
}

CellBox cells_of(const stencils::Block& b) {
    CellBox box;
    for (int a = 0; a < 3; ++a) box.lo[a] = b.lo[std::size_t(a)], box.n[a] = b.n[std::size_t(a)];
    return box;
}

/// The plane of outflow axis a as a block of its own (one cell along a): its part of the
/// plane, stored and exchanged as the block's cells are.
stencils::Block plane_block(stencils::Block b, int a) {
    const std::size_t s = std::size_t(a);
    b.dims[s] = 1, b.coord[s] = 0, b.lo[s] = 0, b.n[s] = 1, b.neighbor[s] = {-1, -1};
    return b;
}
stencils::Grid plane_grid(stencils::Grid g, int a) {
    (a == 0 ? g.nx : a == 1 ? g.ny : g.nz) = 1;
    return g;
}

/// The cells of `box` of a whole field `whole` (n cells per axis), x fastest: indices beyond a
/// periodic face wrap, beyond a wall they give T{} (never read).
template <class T>
std::vector<T> box_of_whole(const T* whole, const int (&n)[3], const CellBox& box, const bool (&periodic)[3]) {
    std::vector<T> out(std::size_t(box.cells()), T{});
    std::size_t at = 0;
    for (int k = 0; k < box.n[2]; ++k)
        for (int j = 0; j < box.n[1]; ++j)
            for (int i = 0; i < box.n[0]; ++i, ++at) {
                int g[3] = {box.lo[0] + i, box.lo[1] + j, box.lo[2] + k};
                bool inside = true;
                for (int a = 0; a < 3; ++a) {
                    if (periodic[a]) g[a] = (g[a] + n[a]) % n[a];
                    inside = inside && g[a] >= 0 && g[a] < n[a];
                }
                if (inside) out[at] = whole[g[0] + std::size_t(n[0]) * (g[1] + std::size_t(n[1]) * g[2])];
            }
    return out;
}

template <class Real>
class NavierStokesSolver final : public Solver {
   public:
    using Arr = std::array<Buffer<Real>, 3>;

    NavierStokesSolver(const Params& p, const Context& ctx)
        : m_p(p),
          m_ctx(ctx),
          m_spacing(p.grid),
          m_cells(p.grid.cells()),
          m_ranks(Comm::world()),
          m_block(decompose(p, m_ranks)),
          m_region(cells_of(m_block)),
          m_storage(stencils::padded_box(m_block, halo_width)),
          m_rhs(ctx.backend(), cells()),
          m_phi(ctx.backend(), cells()),
          m_pressure(ctx.backend(), cells()),
          m_scratch(ctx.backend(), cells()) {
        for (int c = 0; c < p.dim(); ++c)
            for (auto* set : {&m_u, &m_a, &m_b}) (*set)[c] = Buffer<Real>(ctx.backend(), cells() + outflow_plane(c));
        const stencils::PoissonGrid pg = p.poisson_grid();
        if (!pg.solid.empty()) {
            m_solid = Buffer<std::uint8_t>(ctx.backend(), cells());
            m_solid.copy_from_host(box_of_whole(pg.solid.data(), m_grid_cells, m_storage, periodic()).data());
        }
        if (m_ranks.parallel()) {
            m_exchange = std::make_unique<stencils::PaddedHaloExchange<Real>>(m_ranks, m_block, p.grid, halo_width,
                                                                              ctx.backend());
            for (int a = 0; a < p.dim(); ++a)
                if (p.boundary.outflow[a])
                    m_plane_exchange[a] = std::make_unique<stencils::PaddedHaloExchange<Real>>(
                        m_ranks, plane_block(m_block, a), plane_grid(p.grid, a), halo_width, ctx.backend());
        }
        const bool cg = p.poisson == stencils::PoissonMethod::Cg;
        if (!m_ranks.parallel()) {
            m_poisson = cg ? stencils::make_poisson_cg<Real>(ctx, pg, p.tolerance, p.max_iterations, p.preconditioner)
                           : stencils::make_poisson_fft<Real>(ctx, pg);
        } else {
            m_poisson = cg ? stencils::make_poisson_cg<Real>(ctx, pg, p.tolerance, p.max_iterations, p.preconditioner,
                                                             m_ranks, m_block)
                           : stencils::make_poisson_fft<Real>(ctx, pg, m_ranks, m_block);
            for (auto* v : {&m_block_rhs, &m_block_phi}) *v = Buffer<Real>(ctx.backend(), m_region.cells());
        }
        fill_taylor_green(m_ctx, mac(m_u), components(m_u), m_p, m_region);
        exchange_halos(m_u);
        extrapolate_outflows(m_u);
        project(m_u, 0);
        std::vector<Real> zero(cells(), Real(0));
        m_pressure.copy_from_host(zero.data());
        m_stats = {};
    }

    void step(std::int64_t n) override {
        for (std::int64_t s = 0; s < n; ++s) one_step();
    }
    double time() const override { return m_time; }
    std::int64_t steps() const override { return m_steps; }
    std::vector<std::string> field_names() const override {
        if (m_p.dim() == 3) return {"velocity_x", "velocity_y", "velocity_z", "pressure", "vorticity"};
        return {"velocity_x", "velocity_y", "pressure", "vorticity"};
    }
    FieldRef field(std::string_view name) override {
        const std::vector<std::string> names = field_names();
        const int index = int(std::find(names.begin(), names.end(), name) - names.begin());
        if (index == int(names.size())) {
            throw ConfigError(fmt::format("navier_stokes: no field '{}'; fields: {}", name, fmt::join(names, ", ")));
        }
        Buffer<Real>* data = &m_pressure;
        if (name != "pressure") {
            const CellValue what = name == "vorticity" ? CellValue::Vorticity : CellValue(index);
            Buffer<Real>& out = m_derived[std::string(name)];
            if (out.size() != cells()) out = Buffer<Real>(m_ctx.backend(), cells());
            compute(what, out);
            data = &out;
        }
        if (!m_ranks.parallel()) return cell_field(std::string(name), m_p.grid, data->data(), m_ctx.backend());
        // Across ranks a field is this rank's block, an array of its own.
        Buffer<Real>& block = m_blocks[std::string(name)];
        if (block.size() != std::size_t(m_region.cells())) block = Buffer<Real>(m_ctx.backend(), m_region.cells());
        copy_region(m_ctx, m_region, m_storage, data->data(), block.data(), RegionCopy::OutOfStorage);
        return cell_field(std::string(name), block_grid(), block.data(), m_ctx.backend());
    }

    /// Across ranks rank 0 reduces the gathered cell values in the one-process order, so that
    /// the observables do not depend on the rank count.
    Observables observables() override {
        const double energy = total(CellValue::Energy, "ns.obs.energy");
        const double enstrophy = total(CellValue::Enstrophy, "ns.obs.enstrophy");
        divergence_of(m_u, m_scratch);
        const Buffer<Real>& div = whole_on_root(m_scratch);
        const double max_div =
            from_root(m_ranks.root() ? max_abs(m_ctx, "ns.obs.divergence", m_cells, div.data()) : 0.0);
        Observables obs{{"kinetic_energy", energy}, {"enstrophy", enstrophy}, {"max_divergence", max_div}};
        if (m_p.poisson == stencils::PoissonMethod::Cg) {  // the spectral solve is direct: no iterations
            obs.emplace_back("poisson_iterations", double(m_stats.iterations));
            obs.emplace_back("poisson_residual", m_stats.residual);
        }
        obs.emplace_back("dt", m_dt);
        return obs;
    }

    void set(std::string_view key, const Value& v) override { m_p.steer(key, std::get<double>(v)); }

    /// The face velocities and the pressure are the state; the cell-centred velocity and the
    /// vorticity go beside them for the XDMF sidecar (a restart does not read them).
    /// Across ranks each rank writes its block (collective); the outflow planes, gathered whole
    /// on every rank, go in as whole arrays.
    void save(io::CheckpointWriter& out) override {
        for (const auto& name : field_names()) field(name);
        m_ctx.synchronize();
        for (int c = 0; c < m_p.dim(); ++c) {
            const auto host = m_u[c].to_host();
            write_block(out, fmt::format("face_velocity_{}", axis_names[c]), host.data());
            if (outflow_plane(c) > 0) {
                const std::vector<Real> plane = whole_outflow_plane(host.data() + cells(), c);
                out.write_field(fmt::format("outflow_velocity_{}", axis_names[c]), plane.data(), {plane.size()});
            }
        }
        write_block(out, "pressure", m_pressure.to_host().data());
        for (const auto& [name, derived] : m_derived) write_block(out, name, derived.to_host().data());
        out.write_state("dt", m_dt);
        out.write_state("poisson_iterations", std::int64_t(m_stats.iterations));
        out.write_state("poisson_residual", m_stats.residual);
    }
    /// Every rank reads the whole fields and keeps its stored box (halos included): any rank
    /// count reads any other's.
    void load(const io::CheckpointReader& in) override {
        std::vector<Real> whole(static_cast<std::size_t>(m_cells));
        const auto read_box = [&](const std::string& name, Buffer<Real>& to) {
            in.read_field(name, whole.data(), whole.size());
            // The block's cells only: a face velocity's buffer also holds its outflow plane, read below.
            const std::vector<Real> mine = box_of_whole(whole.data(), m_grid_cells, m_storage, periodic());
            detail::copy_bytes(to.data(), m_ctx.backend(), mine.data(), Backend::Cpu, mine.size() * sizeof(Real));
        };
        for (int c = 0; c < m_p.dim(); ++c) {
            read_box(fmt::format("face_velocity_{}", axis_names[c]), m_u[c]);
            if (outflow_plane(c) == 0) continue;
            int n[3] = {m_p.grid.nx, m_p.grid.ny, m_p.grid.nz};
            n[c] = 1;
            std::vector<Real> plane(std::size_t(n[0]) * n[1] * n[2]);
            in.read_field(fmt::format("outflow_velocity_{}", axis_names[c]), plane.data(), plane.size());
            const std::vector<Real> mine = box_of_whole(plane.data(), n, plane_box(c), periodic());
            detail::copy_bytes(m_u[c].data() + cells(), m_ctx.backend(), mine.data(), Backend::Cpu,
                               mine.size() * sizeof(Real));
        }
        read_box("pressure", m_pressure);
        m_dt = checkpoint_rules::positive_state(in, "dt");
        m_stats.iterations = int(std::min<std::int64_t>(checkpoint_rules::non_negative_state(in, "poisson_iterations"),
                                                        std::numeric_limits<int>::max()));
        m_stats.residual = in.read_state_real("poisson_residual");
        m_steps = in.meta().step;
        m_time = in.meta().time;
    }
    Outputs outputs() const override { return {GridFields{xdmf_grid(m_p.grid), field_names()}, {}, {}}; }

   private:
    void one_step() {
        m_dt = next_dt();
        m_stats = {};
        const Real dt = Real(m_dt);
        // A stage's projection removes w dt grad(p), w its weight of dt F: phi = w dt p.
        advance(m_u, m_u, m_a, Real(0), Real(1), dt);
        project(m_a, m_dt);
        advance(m_a, m_u, m_b, Real(0.75), Real(0.25), dt);
        project(m_b, 0.25 * m_dt);
        advance(m_b, m_u, m_u, Real(1.0 / 3), Real(2.0 / 3), dt);
        project(m_u, 2.0 / 3 * m_dt);
        scale_into(m_ctx, Index(cells()), m_phi.data(), m_pressure.data(), Real(1.5 / m_dt));
        m_time += m_dt;
        ++m_steps;
    }

    /// The step: fixed, or from the Courant number of the fastest velocity (walls included)
    /// and the viscous limit.
    double next_dt() {
        if (m_p.dt > 0) return m_p.dt;
        double rate = 0;
        for (int c = 0; c < m_p.dim(); ++c) {
            const double peak =
                m_ranks.parallel()
                    ? max_over_ranks(max_abs_in(m_ctx, "ns.dt.max_speed", m_region, m_storage, m_u[c].data()))
                    : max_abs(m_ctx, "ns.dt.max_speed", m_cells, m_u[c].data());
            rate += std::max(peak, m_p.wall_speed()) * double(m_spacing.inv_h[c]);
        }
        const double advective = rate > 0 ? m_p.cfl / rate : std::numeric_limits<double>::infinity();
        const double viscous = m_p.viscosity > 0 ? viscous_limit / (m_p.viscosity * m_p.inv_h2_sum())
                                                 : std::numeric_limits<double>::infinity();
        const double dt = std::min(advective, viscous);
        if (!std::isfinite(dt))
            throw Error("navier_stokes: no flow and no viscosity: the adaptive step is unbounded; set physics.dt");
        return dt;
    }

    void advance(Arr& in, Arr& base, Arr& out, Real w_base, Real w_in, Real dt) {
        const Real nu = Real(m_p.viscosity);
        in_shape([&](auto dim, auto in_block) {
            stage<decltype(dim)::value, decltype(in_block)::value, Real>(m_ctx, mac(in), components(base),
                                                                         components(out), w_base, w_in, dt, nu,
                                                                         m_spacing, m_p.upwind, m_region);
        });
        exchange_halos(out);  // the divergence reads one face beyond the block
        extrapolate_outflows(out);
    }

    /// The outflow faces of this rank's cells, then the planes' halos.
    void extrapolate_outflows(Arr& u) {
        for (int a = 0; a < m_p.dim(); ++a)
            if (m_p.boundary.outflow[a] && m_block.on_domain_face(a, 1))
                extrapolate_outflow(m_ctx, mac(u), u[a].data(), a, m_region);
        exchange_planes(u);
    }

    /// Across ranks: the halo (two cells around the block) of each component of u, from the
    /// neighbours.
    void exchange_halos(Arr& u) {
        if (!m_exchange) return;
        for (int c = 0; c < m_p.dim(); ++c) m_exchange->exchange(m_ctx, u[c].data());
    }
    /// Across ranks: the halos of the outflow planes, from the neighbours on the same face (the
    /// ranks off the face swap planes they never read).
    void exchange_planes(Arr& u) {
        for (int a = 0; a < m_p.dim(); ++a)
            if (m_plane_exchange[a]) m_plane_exchange[a]->exchange(m_ctx, u[a].data() + cells());
    }

    /// Outflow plane a whole on every rank, from `stored` (this rank's stored part of it, on the
    /// host): each part from the rank whose block touches it, gathered on rank 0 and broadcast.
    /// A plane is small beside the blocks.
    std::vector<Real> whole_outflow_plane(const Real* stored, int a) const {
        int n[3] = {m_p.grid.nx, m_p.grid.ny, m_p.grid.nz};
        n[a] = 1;
        const stencils::Grid plane{n[0], n[1], n[2]};
        const CellBox box = plane_box(a);
        if (!m_ranks.parallel()) return {stored, stored + box.cells()};
        const stencils::Block mine = plane_block(m_block, a);
        std::vector<Real> part;
        if (m_block.on_domain_face(a, 1)) {  // the block's cells out of the stored box
            part.reserve(std::size_t(mine.cells()));
            for (int k = 0; k < mine.n[2]; ++k)
                for (int j = 0; j < mine.n[1]; ++j)
                    for (int i = 0; i < mine.n[0]; ++i) {
                        const int at[3] = {mine.lo[0] + i - box.lo[0], mine.lo[1] + j - box.lo[1],
                                           mine.lo[2] + k - box.lo[2]};
                        part.push_back(stored[at[0] + std::size_t(box.n[0]) * (at[1] + std::size_t(box.n[1]) * at[2])]);
                    }
        }
        const std::vector<unsigned char> parts = m_ranks.gather(part.data(), part.size() * sizeof(Real));
        std::vector<Real> whole(std::size_t(plane.cells()));
        if (m_ranks.root()) {
            const Real* from = reinterpret_cast<const Real*>(parts.data());
            for (int r = 0; r < m_ranks.size(); ++r) {
                const stencils::Block b = stencils::block_of(m_p.grid, m_block.dims, r, {false, false, false});
                if (!b.on_domain_face(a, 1)) continue;
                const stencils::Block pb = plane_block(b, a);
                stencils::paste_block(plane, pb, from, whole.data());
                from += pb.cells();
            }
        }
        m_ranks.broadcast(whole.data(), whole.size() * sizeof(Real));
        return whole;
    }
    /// The stored part of outflow plane a: the stored box, one cell along a.
    CellBox plane_box(int a) const {
        CellBox box = m_storage;
        box.lo[a] = 0, box.n[a] = 1;
        return box;
    }
    /// Faces appended to component c's array: the outflow face's plane, if any.
    std::size_t outflow_plane(int c) const {
        return m_p.boundary.outflow[c] ? std::size_t(stencils::mac_outflow_plane(m_storage.n, c)) : 0;
    }

    void divergence_of(Arr& u, Buffer<Real>& out) {
        in_shape([&](auto dim, auto in_block) {
            divergence<decltype(dim)::value, decltype(in_block)::value, Real>(m_ctx, mac(u), out.data(), m_spacing,
                                                                              m_region);
        });
    }

    /// u = P(u), leaving phi in m_phi. The last step's pressure, times phi_per_pressure, is the
    /// iterative solver's first guess: the pressure changes little from step to step.
    void project(Arr& u, double phi_per_pressure) {
        divergence_of(u, m_rhs);
        const bool guess = phi_per_pressure > 0 && m_p.poisson == stencils::PoissonMethod::Cg;
        if (guess) scale_into(m_ctx, Index(cells()), m_pressure.data(), m_phi.data(), Real(phi_per_pressure));
        const stencils::PoissonStats s = solve_pressure(guess);
        m_stats.iterations += s.iterations;
        m_stats.residual = std::max(m_stats.residual, s.residual);
        in_shape([&](auto dim, auto in_block) {
            correct<decltype(dim)::value, decltype(in_block)::value, Real>(m_ctx, mac(u), components(u), m_phi.data(),
                                                                           m_spacing, m_region);
        });
        exchange_planes(u);
        exchange_halos(u);  // the next stage reads two faces beyond the block
    }

    /// phi from m_rhs (both stored boxes). Across ranks the solvers take the blocks' cells and
    /// solve together (CG and the transposed transforms: within 1e-12 of one process, not its
    /// bits, docs/parallel.md); then phi's halo, which the correction reads.
    stencils::PoissonStats solve_pressure(bool guess) {
        if (!m_ranks.parallel()) return m_poisson->solve(m_rhs, m_phi, guess);
        copy_region(m_ctx, m_region, m_storage, m_rhs.data(), m_block_rhs.data(), RegionCopy::OutOfStorage);
        if (guess) copy_region(m_ctx, m_region, m_storage, m_phi.data(), m_block_phi.data(), RegionCopy::OutOfStorage);
        const stencils::PoissonStats s = m_poisson->solve(m_block_rhs, m_block_phi, guess);
        copy_region(m_ctx, m_region, m_storage, m_phi.data(), m_block_phi.data(), RegionCopy::IntoStorage);
        m_exchange->exchange(m_ctx, m_phi.data());
        return s;
    }

    /// `f` (a stored box) on rank 0 as a whole-grid field, gathered from every rank's block
    /// (f itself in one process); not to be read on the other ranks.
    Buffer<Real>& whole_on_root(Buffer<Real>& f) {
        if (!m_ranks.parallel()) return f;
        m_ctx.synchronize();
        const std::vector<Real> whole =
            stencils::gather_blocks(m_ranks, m_p.grid, m_block, own_cells(f.to_host().data()));
        if (m_ranks.root()) {
            if (m_root_whole.size() != whole.size()) m_root_whole = Buffer<Real>(m_ctx.backend(), whole.size());
            m_root_whole.copy_from_host(whole.data());
        }
        return m_root_whole;
    }
    /// This rank's block's cells (x fastest) out of a host copy of a stored box.
    std::vector<Real> own_cells(const Real* stored) const {
        std::vector<Real> block;
        block.reserve(std::size_t(m_region.cells()));
        for (int k = 0; k < m_region.n[2]; ++k)
            for (int j = 0; j < m_region.n[1]; ++j) {
                const Real* row = stored + (m_region.lo[0] - m_storage.lo[0]) +
                                  std::size_t(m_storage.n[0]) *
                                      ((m_region.lo[1] + j - m_storage.lo[1]) +
                                       std::size_t(m_storage.n[1]) * (m_region.lo[2] + k - m_storage.lo[2]));
                block.insert(block.end(), row, row + m_region.n[0]);
            }
        return block;
    }
    /// Rank 0's value on every rank.
    double from_root(double v) const {
        m_ranks.broadcast(&v, sizeof v);
        return v;
    }
    /// The largest of the ranks' values (exact in any order).
    double max_over_ranks(double v) const {
        const std::vector<unsigned char> all = m_ranks.gather(&v, sizeof v);
        double top = v;
        for (std::size_t r = 0; r < all.size() / sizeof v; ++r) {
            double x;
            std::memcpy(&x, all.data() + r * sizeof v, sizeof v);
            top = std::max(top, x);
        }
        return from_root(top);
    }

    /// Field `name` from a host copy of a stored box: across ranks this rank's block.
    void write_block(io::CheckpointWriter& out, const std::string& name, const Real* stored) {
        const int dim = m_p.dim();
        const std::vector<std::size_t> dims = c_order({m_p.grid.nx, m_p.grid.ny, m_p.grid.nz}, dim);
        if (!m_ranks.parallel()) return out.write_field(name, stored, dims);
        const std::vector<Real> block = own_cells(stored);
        out.write_field_block(name, block.data(), dims, c_order(m_block.lo, dim), c_order(m_block.n, dim));
    }

    /// The sum over the cells of a per-cell value.
    double total(CellValue what, const char* label) {
        compute(what, m_scratch);
        const Buffer<Real>& whole = whole_on_root(m_scratch);
        return from_root(m_ranks.root() ? sum_of(m_ctx, label, m_cells, whole.data()) : 0.0);
    }

    void compute(CellValue what, Buffer<Real>& out) {
        const auto& g = m_p.grid;
        const Real volume = Real(g.dx() * g.dy() * (g.dim() == 3 ? g.dz() : 1.0));
        in_shape([&](auto dim, auto in_block) {
            cell_values<decltype(dim)::value, decltype(in_block)::value, Real>(m_ctx, mac(m_u), what, out.data(),
                                                                               m_spacing, volume, m_region);
        });
    }

    /// Calls f(dim, in_block) with compile-time constants: the grid's dimension, and whether
    /// this rank holds a block of several (the one-process kernels keep no offsets).
    template <class F>
    void in_shape(const F& f) const {
        using Two = std::integral_constant<int, 2>;
        using Three = std::integral_constant<int, 3>;
        if (m_ranks.parallel()) return m_p.dim() == 3 ? f(Three{}, std::true_type{}) : f(Two{}, std::true_type{});
        m_p.dim() == 3 ? f(Three{}, std::false_type{}) : f(Two{}, std::false_type{});
    }

    /// Cells of the stored box: the whole grid in one process.
    std::size_t cells() const { return std::size_t(m_storage.cells()); }
    /// Whether each axis wraps (has no walls).
    const bool (&periodic() const)[3] { return m_periodic; }
    /// The block's shape as a grid: what a FieldRef of this rank's cells needs.
    stencils::Grid block_grid() const { return {m_block.n[0], m_block.n[1], m_block.n[2]}; }
    MacVelocity<Real> mac(const Arr& u) const {
        MacVelocity<Real> v;
        for (int c = 0; c < 3; ++c) v.u[c] = u[c].data();
        v.n[0] = m_p.grid.nx, v.n[1] = m_p.grid.ny, v.n[2] = m_p.grid.nz;
        for (int a = 0; a < 3; ++a) {
            v.lo[a] = m_storage.lo[a], v.s[a] = m_storage.n[a];
            v.halo[a] = m_block.dims[std::size_t(a)] > 1;
        }
        v.b = m_p.boundary;
        v.solid = m_solid.size() ? m_solid.data() : nullptr;
        return v;
    }
    static Components<Real> components(Arr& u) {
        Components<Real> c;
        for (int a = 0; a < 3; ++a) c.c[a] = u[a].data();
        return c;
    }

    Params m_p;
    const Context& m_ctx;
    Spacing<Real> m_spacing;
    Index m_cells;
    int m_grid_cells[3] = {m_p.grid.nx, m_p.grid.ny, m_p.grid.nz};
    bool m_periodic[3] = {!m_p.boundary.wall[0], !m_p.boundary.wall[1], !m_p.boundary.wall[2]};
    const Comm& m_ranks;
    stencils::Block m_block;                                            // this rank's cells: the whole grid on one rank
    CellBox m_region;                                                   // the same, as the kernels take it
    CellBox m_storage;  // the cells stored: the block and its halo (the whole grid in one process)
    std::unique_ptr<stencils::PaddedHaloExchange<Real>> m_exchange;           // across ranks only
    std::unique_ptr<stencils::PaddedHaloExchange<Real>> m_plane_exchange[3];  // outflow planes, across ranks
    Arr m_u, m_a, m_b;  // the state and two stage velocities, each followed by its outflow plane
    Buffer<Real> m_rhs, m_phi, m_pressure, m_scratch;  // stored boxes
    // Across ranks: the block's cells of the solve's right-hand side and of phi, and rank 0's
    // gathered whole field (observables).
    Buffer<Real> m_block_rhs, m_block_phi, m_root_whole;
    Buffer<std::uint8_t> m_solid;
    std::map<std::string, Buffer<Real>> m_derived;
    std::map<std::string, Buffer<Real>> m_blocks;              // across ranks: fields' blocks, as field() returns them
    std::unique_ptr<stencils::PoissonSolver<Real>> m_poisson;
    stencils::PoissonStats m_stats;
    double m_dt = 0, m_time = 0;
    std::int64_t m_steps = 0;
};
}  // namespace simt::ns

namespace simt {
void register_navier_stokes_solver(Registry& r) {
    r.add({"navier_stokes",
           "incompressible flow on a staggered grid, 2-D/3-D, SSP-RK3 with projection (FFT or CG pressure), "
           "central or upwind advection, walls, moving walls, obstacles",
           ns::schema(), [](const io::Params& p) { ns::Params::from(p); },
           [](const io::Params& p, Precision precision, const Context& ctx) {
               return make_in_precision<ns::NavierStokesSolver>(precision, ns::Params::from(p), ctx);
           }});
}
}  // namespace simt
