// SPDX-License-Identifier: MIT
// The lbm solver for one velocity set L and one storage policy S. Included only by the
// generated translation units lbm_<lattice>_<storage>.cpp (one instantiation each, compiled in
// parallel), which define make_solver<L, S>.
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <type_traits>
#include <vector>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <simt/core/buffer.hpp>
#include <simt/core/comm.hpp>
#include <simt/core/context.hpp>
#include <simt/core/copy.hpp>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/reduce.hpp>
#include <simt/solvers/solver.hpp>
#include <simt/stencils/decomposition.hpp>
#include <simt/stencils/halo_exchange.hpp>
#include <simt/stencils/interior_split.hpp>
#include "lbm/kernels.hpp"
#include "lbm/params.hpp"
#include "shared/grid_solver.hpp"

namespace simt::lbm {
template <class L, class S>
std::unique_ptr<Solver> make_solver(const Params& p, const Context& ctx);

/// This rank's block (the whole grid on one rank).
inline stencils::Block decompose(const Params& p, const Comm& ranks) {
    return simt::decompose("lbm", {p.n[0], p.n[1], p.n[2]}, p.ranks,
                           {p.periodic(0, 0), p.periodic(1, 0), p.periodic(2, 0)}, ranks);
}

/// Across ranks each rank holds a lattice of its block grown by one halo layer across each face
/// it shares with another rank and steps the block's own cells; the populations that stream out
/// of the halos come from the neighbours at each step (overlapped with the cells that read no
/// halo, parallel.overlap), so the step kernels are those of one process (and a block's cells
/// get the same bits), and the boundaries learn from LbmBoundaries::origin where the block lies.
/// On one rank the lattice is the grid.
template <class L, class S>
class LbmSolver final : public Solver {
    using Real = typename S::Compute;
    using Stored = typename S::Stored;

   public:
    LbmSolver(const Params& p, const Context& ctx)
        : m_p(p),
          m_ctx(ctx),
          m_ranks(Comm::world()),
          m_block(decompose(p, m_ranks)),
          m_n(m_block.grown()),
          m_own{{int(m_block.shares_face(0, 0)), int(m_block.shares_face(1, 0)), int(m_block.shares_face(2, 0))},
                m_block.n},
          m_split(stencils::split_interior(m_own, {{{m_block.shares_face(0, 0), m_block.shares_face(0, 1)},
                                                    {m_block.shares_face(1, 0), m_block.shares_face(1, 1)},
                                                    {m_block.shares_face(2, 0), m_block.shares_face(2, 1)}}})),
          m_halo(m_ranks, m_block, ctx.backend(), L::Q),
          m_f(ctx.backend(), L::Q * lattice_cells()),
          m_next(ctx.backend(), L::Q * lattice_cells()),
          m_mask(ctx.backend(), lattice_cells()),
          m_fields(ctx.backend(), field_names().size() * lattice_cells()),
          m_block_fields(ctx.backend(), m_ranks.parallel() ? field_names().size() * m_block.cells() : 0) {
        for (int a = 0; a < 3; ++a) {
            m_place.origin[a] = m_block.lo[std::size_t(a)] - int(m_block.shares_face(a, 0));
            m_place.domain[a] = m_p.n[a];
            // The step pulls from a halo only the populations that stream out of it: those
            // moving down (up) cross to the rank below (above).
            m_streaming.toward[a][0] = m_streaming.toward[a][1] = 0;
            for (int q = 0; q < L::Q; ++q) {
                if (L::c(q, a) < 0) m_streaming.toward[a][0] |= 1u << q;
                if (L::c(q, a) > 0) m_streaming.toward[a][1] |= 1u << q;
            }
        }
        if (m_ranks.root())
            for (const std::string& w : m_p.warnings()) fmt::print(stderr, "lbm: warning: {}\n", w);
        build_mask();
        // Both lattices: the step never writes solid cells.
        for (Buffer<Stored>* f : {&m_f, &m_next}) {
            const double pi = 3.141592653589793;
            for_each(m_ctx, "lbm.init", range(),
                     InitialPopulations<L, S>{populations(*f), mask(), m_p.taylor_green, m_p.initial_velocity,
                                              2 * pi / m_p.n[0], 2 * pi / m_p.n[1], m_place});
        }
    }

    /// Steps go in pairs f -> next -> f (two-lattice pull), so the state always lives in m_f;
    /// an odd count ends with one copy back.
    void step(std::int64_t n) override {
        const stencils::LbmBoundaries<Real> b = boundaries();
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
    /// across step() shows the values of the last field() call. Across ranks: this rank's block.
    FieldRef field(std::string_view name) override {
        const auto names = field_names();
        const auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end()) {
            throw ConfigError(fmt::format("lbm: no field '{}'; fields: {}", name, fmt::join(names, ", ")));
        }
        update_fields();
        Real* data = block_fields().data() + (it - names.begin()) * m_block.cells();
        return block_field(std::string(name), stencils::Grid{m_p.n[0], m_p.n[1], m_p.n[2]}, m_block, data,
                           m_ctx.backend());
    }
    /// Mass, kinetic energy and top speed (in the scenario's units); with obstacles the force on
    /// them, and with an obstacle length its coefficients 2 F / (rho U^2 D) with rho = 1,
    /// U = physics.velocity, D = Params::obstacle_length. A flow without obstacles reports no
    /// force rather than a force of 0.
    /// Across ranks rank 0 reduces the gathered fields and boundary cells in the one-process
    /// order, so that the numbers do not depend on the rank count; every rank returns them.
    Observables observables() override {
        update_fields();
        std::array<double, 3> flow{0, 0, 0};  // mass, kinetic energy, max speed
        if (!m_ranks.parallel()) {
            flow = flow_sums(field_view());
        } else {
            const Buffer<Real> whole = gather_fields();
            if (m_ranks.root())
                flow = flow_sums(whole.template view<4>(
                    {Index(m_p.n[0]), Index(m_p.n[1]), Index(m_p.n[2]), Index(field_names().size())}));
            m_ranks.broadcast(flow.data(), sizeof flow);
        }
        Observables obs;
        obs.emplace_back("mass", flow[0]);
        obs.emplace_back("kinetic_energy", flow[1]);
        obs.emplace_back("max_speed", flow[2]);
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
    /// Each rank writes its block (collective across ranks).
    void save(io::CheckpointWriter& out) override {
        update_fields();
        m_ctx.synchronize();
        const std::vector<Stored> f = own_cells(m_f.to_host(), L::Q);
        std::vector<std::size_t> dims = c_order({m_p.n[0], m_p.n[1], m_p.n[2]}, 3), lo = c_order(m_block.lo, 3),
                                 n = c_order(m_block.n, 3);
        dims.insert(dims.begin(), L::Q), lo.insert(lo.begin(), 0), n.insert(n.begin(), L::Q);
        out.write_field_block("f", f.data(), dims, lo, n);
        const auto fields = block_fields().to_host();
        const auto names = field_names();
        for (std::size_t c = 0; c < names.size(); ++c)
            out.write_field_block(names[c], fields.data() + c * std::size_t(m_block.cells()),
                                  c_order({m_p.n[0], m_p.n[1], m_p.n[2]}, L::dim), c_order(m_block.lo, L::dim),
                                  c_order(m_block.n, L::dim));
    }
    /// Any rank count reads any other's checkpoint: each rank takes its lattice from the whole.
    void load(const io::CheckpointReader& in) override {
        std::vector<Stored> whole(std::size_t(L::Q * m_p.cells()));
        in.read_field("f", whole.data(), whole.size());
        std::vector<Stored> host(m_f.size());
        const std::size_t cells = std::size_t(lattice_cells());
        for (std::size_t c = 0; c < cells; ++c)
            for (std::size_t q = 0; q < std::size_t(L::Q); ++q)
                host[q * cells + c] = whole[q * std::size_t(m_p.cells()) + std::size_t(global_cell(Index(c)))];
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
                    in.reject(fmt::format("/fields/f[{}, {}] = {}", q, global_cell(Index(c)), fq),
                              "populations must be finite");
                rho += fq;
            }
            if (!(rho > 0))
                in.reject(fmt::format("/fields/f[:, {}] sums to density {}", global_cell(Index(c)), rho),
                          "the density of a fluid cell must be positive");
        }
    }

    Index lattice_cells() const { return Index(m_n[0]) * m_n[1] * m_n[2]; }
    Range<3> range() const { return {m_n[0], m_n[1], m_n[2]}; }
    View<Stored, 4> populations(const Buffer<Stored>& b) const {
        return b.template view<4>({Index(m_n[0]), Index(m_n[1]), Index(m_n[2]), Index(L::Q)});
    }
    View<std::uint8_t, 3> mask() const {
        return m_mask.template view<3>({Index(m_n[0]), Index(m_n[1]), Index(m_n[2])});
    }
    View<Real, 4> field_view() const {
        return m_fields.template view<4>({Index(m_n[0]), Index(m_n[1]), Index(m_n[2]), Index(field_names().size())});
    }
    /// The fields of this rank's own cells: the lattice's on one rank.
    const Buffer<Real>& block_fields() const { return m_ranks.parallel() ? m_block_fields : m_fields; }
    stencils::LbmBoundaries<Real> boundaries() const {
        stencils::LbmBoundaries<Real> b = m_p.boundaries<Real>();
        for (int a = 0; a < 3; ++a) b.origin[a] = m_place.origin[a];
        return b;
    }
    /// Where lattice cell `c` (flat, x fastest) lies in the domain, as a flat index.
    Index global_cell(Index c) const {
        const int i = int(c % m_n[0]), j = int(c / m_n[0] % m_n[1]), k = int(c / (Index(m_n[0]) * m_n[1]));
        return m_place.global(0, i) + Index(m_p.n[0]) * (m_place.global(1, j) + Index(m_p.n[1]) * m_place.global(2, k));
    }
    /// Whether lattice cell (i, j, k) is this rank's own rather than a halo.
    bool owned(int i, int j, int k) const {
        const int x[3] = {i, j, k};
        for (int a = 0; a < 3; ++a) {
            const int skip = int(m_block.shares_face(a, 0));
            if (x[a] < skip || x[a] >= skip + m_block.n[std::size_t(a)]) return false;
        }
        return true;
    }
    /// This rank's own cells of a host copy of a lattice array of `components` values per cell,
    /// [component][block cell]; the array itself on one rank.
    template <class T>
    std::vector<T> own_cells(std::vector<T> lattice, int components) const {
        if (!m_ranks.parallel()) return lattice;
        std::vector<T> block;
        block.reserve(std::size_t(components * m_block.cells()));
        for (int c = 0; c < components; ++c)
            for (int k = 0; k < m_n[2]; ++k)
                for (int j = 0; j < m_n[1]; ++j)
                    for (int i = 0; i < m_n[0]; ++i)
                        if (owned(i, j, k))
                            block.push_back(
                                lattice[std::size_t(i + m_n[0] * (j + Index(m_n[1]) * (k + Index(m_n[2]) * c)))]);
        return block;
    }
    /// Fills the halo layers of populations `b` (those `which` names) from the neighbouring ranks
    /// (nothing on one rank).
    void exchange(const Buffer<Stored>& b, const stencils::LayerComponents& which = {}) {
        if (m_ranks.parallel()) m_halo.exchange_layers(m_ctx, populations(b), which);
    }

    /// Solid cells from the shapes and the mask file, then the boundary cells around them and
    /// along the faces, and the list of the boundary cells.
    void build_mask() {
        Buffer<std::uint8_t> file(m_ctx.backend(), m_p.mask_file_cells.size());
        if (!m_p.mask_file_cells.empty()) file.copy_from_host(m_p.mask_file_cells.data());
        Buffer<std::uint8_t> solid(m_ctx.backend(), lattice_cells());
        const Index ext[3] = {Index(m_n[0]), Index(m_n[1]), Index(m_n[2])};
        const Index whole[3] = {Index(m_p.n[0]), Index(m_p.n[1]), Index(m_p.n[2])};
        View<const std::uint8_t, 3> file_view =
            file.size() ? View<const std::uint8_t, 3>(file.template view<3>(whole)) : View<const std::uint8_t, 3>{};
        for_each(m_ctx, "lbm.mask.solid", range(),
                 SolidCells{solid.template view<3>(ext), file_view, m_p.obstacles, m_place});
        for_each(m_ctx, "lbm.mask.boundary", range(),
                 BoundaryCells<L>{solid.template view<3>(ext),
                                  mask(),
                                  {m_p.periodic(0, 0), m_p.periodic(1, 0), m_p.periodic(2, 0)}});
        m_ctx.synchronize();  // the temporaries go out of scope
        const std::vector<std::uint8_t> cells = m_mask.to_host();
        std::vector<Index>& boundary = m_boundary_cells;
        for (Index c = 0; c < Index(cells.size()); ++c)
            if (cells[std::size_t(c)] == lbm_boundary) boundary.push_back(c);
        m_boundary = on_device(boundary);
        if (m_ranks.parallel()) {
            std::vector<Index> stepped[2];
            for (const Index c : boundary) {
                const int x[3] = {int(c % m_n[0]), int(c / m_n[0] % m_n[1]), int(c / (Index(m_n[0]) * m_n[1]))};
                if (owned(x[0], x[1], x[2])) stepped[in_box(m_split.interior, x) ? 0 : 1].push_back(c);
            }
            for (int part = 0; part < 2; ++part) m_stepped_boundary[part] = on_device(stepped[part]);
        }
        m_cell_forces = Buffer<double>(m_ctx.backend(), boundary.size() * L::dim);
    }

    Buffer<Index> on_device(const std::vector<Index>& host) const {
        Buffer<Index> b(m_ctx.backend(), host.size());
        if (!host.empty()) b.copy_from_host(host.data());
        return b;
    }
    static bool in_box(const stencils::CellBox& box, const int (&x)[3]) {
        for (std::size_t a = 0; a < 3; ++a)
            if (x[a] < box.lo[a] || x[a] >= box.lo[a] + box.n[a]) return false;
        return true;
    }

    /// Momentum exchange over the boundary cells: per-cell forces into m_cell_forces, then sums.
    /// Across ranks rank 0 gathers the own boundary cells' forces and sums them in the order of
    /// one process (global cell order).
    std::array<double, 3> solid_force() {
        const Index nb = Index(m_boundary.size());
        if (nb > 0) {
            const View<double, 4> out = m_cell_forces.template view<4>({nb, 1, 1, Index(L::dim)});
            for_each(m_ctx, Kernel("lbm.obs.force", double(nb) * (2 * L::Q * sizeof(Stored) + L::dim * 8)),
                     Range<1>{nb}, SolidForce<L, S>{populations(m_f), mask(), m_boundary.data(), boundaries(), out});
        }
        if (!m_ranks.parallel()) return sum_forces(m_cell_forces, nb);
        std::array<double, 3> force{0, 0, 0};
        const Buffer<double> all = gather_forces();
        if (m_ranks.root()) force = sum_forces(all, Index(all.size() / L::dim));
        m_ranks.broadcast(force.data(), sizeof force);
        return force;
    }
    /// The totals of per-cell forces [axis][cell] of nb cells.
    std::array<double, 3> sum_forces(const Buffer<double>& cell_forces, Index nb) const {
        std::array<double, 3> force{0, 0, 0};
        if (nb == 0) return force;
        const View<double, 4> forces = cell_forces.template view<4>({nb, 1, 1, Index(L::dim)});
        for (int a = 0; a < L::dim; ++a) {
            force[a] = reduce<double>(m_ctx, Kernel("lbm.obs.force_sum", 8.0 * double(nb)), Range<1>{nb}, Sum{},
                                      FieldValue<double>{forces, a, 1.0});
        }
        return force;
    }
    /// Every rank's own boundary cells' forces on rank 0, [axis][cell] in global cell order (an
    /// empty buffer elsewhere). Collective.
    Buffer<double> gather_forces() const {
        m_ctx.synchronize();
        const std::vector<double> forces = m_cell_forces.to_host();
        const std::size_t nb = m_boundary_cells.size();
        std::vector<double> records;  // global cell, force per axis
        for (std::size_t n = 0; n < nb; ++n) {
            const Index c = m_boundary_cells[n];
            if (!owned(int(c % m_n[0]), int(c / m_n[0] % m_n[1]), int(c / (Index(m_n[0]) * m_n[1])))) continue;
            records.push_back(double(global_cell(c)));
            for (int a = 0; a < L::dim; ++a) records.push_back(forces[n + nb * std::size_t(a)]);
        }
        const std::vector<unsigned char> bytes = m_ranks.gather(records.data(), records.size() * sizeof(double));
        if (!m_ranks.root()) return Buffer<double>(m_ctx.backend(), 0);
        constexpr std::size_t width = 1 + L::dim;
        const std::size_t count = bytes.size() / (width * sizeof(double));
        std::vector<std::array<double, width>> all(count);
        std::memcpy(all.data(), bytes.data(), bytes.size());
        std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return x[0] < y[0]; });
        std::vector<double> sorted(count * L::dim);
        for (std::size_t n = 0; n < count; ++n)
            for (int a = 0; a < L::dim; ++a) sorted[n + count * std::size_t(a)] = all[n][std::size_t(1 + a)];
        Buffer<double> out(m_ctx.backend(), sorted.size());
        out.copy_from_host(sorted.data());
        return out;
    }
    /// The whole fields [field][cell] on rank 0, each gathered from the ranks' blocks (an empty
    /// buffer elsewhere). Collective.
    Buffer<Real> gather_fields() const {
        m_ctx.synchronize();
        const std::vector<Real> mine = m_block_fields.to_host();
        const stencils::Grid g{m_p.n[0], m_p.n[1], m_p.n[2]};
        const std::size_t cells = std::size_t(m_block.cells()), names = field_names().size();
        std::vector<Real> whole;
        for (std::size_t c = 0; c < names; ++c) {
            const std::vector<Real> one(mine.begin() + std::ptrdiff_t(c * cells),
                                        mine.begin() + std::ptrdiff_t((c + 1) * cells));
            const std::vector<Real> all = stencils::gather_blocks(m_ranks, g, m_block, one);
            whole.insert(whole.end(), all.begin(), all.end());
        }
        Buffer<Real> out(m_ctx.backend(), whole.size());
        if (!whole.empty()) out.copy_from_host(whole.data());
        return out;
    }
    /// Mass, kinetic energy and top speed of the fields (rho, u..., |u|, ...) of a whole grid.
    std::array<double, 3> flow_sums(View<const Real, 4> fields) const {
        const Range<1> cells{fields.extent[0] * fields.extent[1] * fields.extent[2]};
        const double volume = m_p.units.dx * m_p.units.dx * (L::dim == 3 ? m_p.units.dx : 1.0);
        const double bytes = double(cells.n) * sizeof(Real);
        return {reduce<double>(m_ctx, Kernel("lbm.obs.mass", bytes), cells, Sum{}, FieldValue<Real>{fields, 0, volume}),
                reduce<double>(m_ctx, Kernel("lbm.obs.kinetic_energy", 2 * bytes), cells, Sum{},
                               KineticEnergy<L::dim, Real>{fields, volume}),
                reduce<double>(m_ctx, Kernel("lbm.obs.max_speed", bytes), cells, Max{},
                               FieldValue<Real>{fields, 1 + L::dim, 1.0})};
    }

    /// The step's part of the cells: all of them, those that read no halo (stepped while the
    /// halos travel), the rest after.
    enum class Part { all, interior, shell };
    static const char* step_label(Part part) {
        constexpr const char* labels[3][3] = {
            {"lbm.d2q9.step", "lbm.d2q9.step.interior", "lbm.d2q9.step.shell"},
            {"lbm.d3q19.step", "lbm.d3q19.step.interior", "lbm.d3q19.step.shell"},
            {"lbm.d3q19.step.fp16", "lbm.d3q19.step.fp16.interior", "lbm.d3q19.step.fp16.shell"}};
        return labels[L::dim == 2 ? 0 : std::is_same_v<Stored, std::uint16_t> ? 2 : 1][int(part)];
    }
    static const char* boundary_label() {
        if (L::dim == 2) return "lbm.d2q9.step.boundary";
        return std::is_same_v<Stored, std::uint16_t> ? "lbm.d3q19.step.fp16.boundary" : "lbm.d3q19.step.boundary";
    }

    /// One step from `from` to `to`. Across ranks only the block's own cells are stepped: a halo
    /// cell's populations are the neighbour's, and those that do not stream into the block are
    /// left as the last full exchange (or the start) made them.
    void stream_collide(const Buffer<Stored>& from, Buffer<Stored>& to, const stencils::LbmBoundaries<Real>& b,
                        const stencils::LbmCollision<Real>& c) {
        const stencils::LbmStep<L, S> step{populations(from), populations(to), mask(), c};
        if (!m_ranks.parallel()) return step_cells(step, Part::all, m_own, m_boundary, b);
        if (!m_p.overlap) {
            exchange(from, m_streaming);
            step_cells(step, Part::all, m_own, m_stepped_boundary[0], b);
            return step_boundary(step, m_stepped_boundary[1], b);
        }
        // The interior's cells pull nothing from a halo: they are stepped while the layers
        // travel, the shell's after they have arrived. A cell's bits do not depend on the part.
        m_halo.start_layers(m_ctx, populations(from), m_streaming);
        step_cells(step, Part::interior, m_split.interior, m_stepped_boundary[0], b);
        m_halo.finish_layers(m_ctx, populations(from));
        for (const stencils::CellBox& box : m_split.shell) step_cells(step, Part::shell, box, Buffer<Index>{}, b);
        step_boundary(step, m_stepped_boundary[1], b);
    }
    /// Steps the fluid cells of `box` and the boundary cells `boundary` (flat lattice offsets).
    void step_cells(const stencils::LbmStep<L, S>& step, Part part, const stencils::CellBox& box,
                    const Buffer<Index>& boundary, const stencils::LbmBoundaries<Real>& b) {
        if (box.cells() > 0) {
            // The bytes of the step go with the fluid cells' kernel: the boundary cells are a thin
            // shell, and a benchmark adds their time (label + ".boundary") to the step's.
            const Kernel kernel(step_label(part), 2.0 * L::Q * sizeof(Stored) * double(box.cells()));
            if (stencils::lbm_offsets_fit_int<L>(lattice_cells()))
                step_box(kernel, box, stencils::LbmStreamCollideInterior<L, S, int>{step});
            else
                step_box(kernel, box, stencils::LbmStreamCollideInterior<L, S, Index>{step});
        }
        step_boundary(step, boundary, b);
    }
    /// D2Q9 as a 2-D range, whose interior (where the CPU vectorises) needs no z neighbours.
    template <class Offset>
    void step_box(const Kernel& kernel, const stencils::CellBox& box,
                  const stencils::LbmStreamCollideInterior<L, S, Offset>& fluid) {
        const stencils::LbmStreamCollideBox<L, S, Offset> cells{fluid, box.lo[0], box.lo[1], box.lo[2]};
        if constexpr (L::dim == 2) {
            for_each(m_ctx, kernel, Range<2>{box.n[0], box.n[1]}, cells);
        } else {
            for_each(m_ctx, kernel, Range<3>{box.n[0], box.n[1], box.n[2]}, cells);
        }
    }
    void step_boundary(const stencils::LbmStep<L, S>& step, const Buffer<Index>& cells,
                       const stencils::LbmBoundaries<Real>& b) {
        const Index nb = Index(cells.size());
        if (nb == 0) return;
        for_each(m_ctx, Kernel(boundary_label(), 0), Range<1>{nb},
                 stencils::LbmStreamCollideBoundary<L, S>{step, cells.data(), b});
    }

    /// Collective across ranks: the halos' fields enter the vorticity, their populations the force.
    void update_fields() {
        if (m_fields_current) return;
        exchange(m_f);
        const stencils::LbmCollision<Real> c = m_p.collision<Real>();
        const Kernel kernel(L::dim == 3 ? "lbm.d3q19.macroscopic" : "lbm.d2q9.macroscopic",
                            double(L::Q * sizeof(Stored) + (2 + L::dim) * sizeof(Real) + 1) * double(lattice_cells()));
        for_each(m_ctx, kernel, range(),
                 MacroscopicFields<L, S>{populations(m_f),
                                         mask(),
                                         field_view(),
                                         {-c.force[0] / 2, -c.force[1] / 2, -c.force[2] / 2},
                                         Real(m_p.units.density),
                                         Real(m_p.units.velocity())});
        if (L::dim == 2) {
            for_each(m_ctx, Kernel("lbm.d2q9.vorticity", 5.0 * sizeof(Real) * double(lattice_cells())),
                     Range<2>{m_n[0], m_n[1]},
                     Vorticity2d<Real>{
                         field_view(), {m_p.periodic(0, 0), m_p.periodic(1, 0)}, Real(m_p.units.dx), 2 + L::dim});
        }
        if (m_ranks.parallel()) {
            const auto& n = m_block.n;
            const std::size_t names = field_names().size();
            for_each(
                m_ctx, "lbm.block_fields", Range<3>{n[0], n[1], n[2]},
                BlockOfLattice<Real>{
                    field_view(),
                    m_block_fields.template view<4>({Index(n[0]), Index(n[1]), Index(n[2]), Index(names)}),
                    {int(m_block.shares_face(0, 0)), int(m_block.shares_face(1, 0)), int(m_block.shares_face(2, 0))}});
        }
        m_fields_current = true;
    }

    Params m_p;
    const Context& m_ctx;
    const Comm& m_ranks;
    stencils::Block m_block;  // this rank's cells: the whole grid on one rank
    std::array<int, 3> m_n;   // the lattice: the block and its halo layers
    stencils::CellBox m_own;  // the block's cells in the lattice
    stencils::InteriorSplit m_split;  // of m_own: the cells that read no halo, and the rest
    LatticePlace m_place;     // where the lattice lies in the domain
    stencils::HaloExchange<Stored> m_halo;
    stencils::LayerComponents m_streaming;  // what the step reads from the halos
    Buffer<Stored> m_f, m_next;             // populations f[q][cell], cell = i + nx (j + ny k) over the lattice
    Buffer<std::uint8_t> m_mask;   // stencils::LbmCell per cell, built once
    Buffer<Index> m_boundary;      // flat offsets of the boundary cells
    // Across ranks, the own boundary cells that are stepped: those of m_split's interior, the rest.
    Buffer<Index> m_stepped_boundary[2];
    std::vector<Index> m_boundary_cells;  // the same on the host
    Buffer<double> m_cell_forces;  // scratch: each boundary cell's force on the solids, [axis][cell]
    Buffer<Real> m_fields;         // field_names() in order, [field][cell]
    Buffer<Real> m_block_fields;   // across ranks, the same of the block's own cells
    bool m_fields_current = false;
    std::int64_t m_steps = 0;
    double m_time = 0;
};

template <class L, class S>
std::unique_ptr<Solver> make_solver(const Params& p, const Context& ctx) {
    return std::make_unique<LbmSolver<L, S>>(p, ctx);
}
}  // namespace simt::lbm
