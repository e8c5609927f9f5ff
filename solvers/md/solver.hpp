// SPDX-License-Identifier: MIT
// The md solver for one precision and one pair potential. Included only where make_solver is
// instantiated: the generated md_<precision>.cpp (solvers/CMakeLists.txt) for md's own potential
// table, and a test for a table of its own (tests/solvers/test_md_soft_potential.cpp).
//
// A step: the opening update (KickDrift or Langevin BAOA, one kernel; every check_every steps it
// also raises a flag when a particle has moved more than skin/2 since the last list build), a
// rebuild of the cell and Verlet lists when the flag is up, then the forces with the closing half
// kick (on the GPU several threads per particle in small systems); Bussi and Nosé-Hoover add a
// kinetic-energy reduction and a scaling.
#pragma once
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>
#include <fmt/format.h>
#include <simt/core/buffer.hpp>
#include <simt/core/context.hpp>
#include <simt/core/copy.hpp>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/readback.hpp>
#include <simt/core/reduce.hpp>
#include <simt/particles/box.hpp>
#include <simt/particles/cell_list.hpp>
#include <simt/particles/integrator_kernels.hpp>
#include <simt/particles/pair_forces.hpp>
#include <simt/particles/particle_arrays.hpp>
#include <simt/particles/potential_table.hpp>
#include <simt/particles/verlet_list.hpp>
#include <simt/solvers/solver.hpp>
#include "framework/checkpoint_rules.hpp"
#include "md/entry.hpp"
#include "md/params.hpp"
#include "md/particle_state.hpp"
#include "md/ranks_solver.hpp"
#include "md/solver_base.hpp"
#include "md/solver_parts.hpp"
#include "md/thermostat_state.hpp"

namespace simt::md {
using namespace simt::particles;

/// One column of a component-major scratch array.
struct ColumnValue {
    const double* data;
    Index offset;
    SIMT_INLINE double operator()(Index i) const { return data[offset + i]; }
};

template <class Real, class Potential>
class MdSolver final : public MdSolverBase {
   public:
    MdSolver(const Params& p, const Context& ctx)
        : MdSolverBase(p),
          m_ctx(ctx),
          m_n(p.particles),
          m_box(p.box[0], p.box[1], p.box[2]),
          m_particles(ctx.backend(), m_n),
          m_cells(ctx.backend(), m_n, m_box, p.r_cut_max() + p.skin),
          m_list(ctx.backend(), m_n, m_box, p.r_cut_max() + p.skin, !ctx.on_gpu() && m_cells.dims()[2] >= 3),
          m_mass(p.mass, p.types),
          m_fields(ctx.backend(), 9 * m_n),
          m_type_by_id(ctx.backend(), m_n),
          m_image_by_id(ctx.backend(), 3 * m_n),
          m_packed(ctx.backend(), m_list.half() ? 6 * m_n : 0),
          m_pair_sums(ctx.backend(), 7 * m_n),
          m_moved_flag(ctx.backend(), 1),
          m_moved(ctx.backend()) {
        const std::int32_t lowered = 0;
        m_moved_flag.copy_from_host(&lowered);
        initialise();
        build_lists(/*may_reorder=*/true);
        compute_forces(0);
        m_thermostat.kinetic = kinetic_energy();
    }

    void step(std::int64_t n) override {
        for (std::int64_t s = 0; s < n; ++s) {
            // Nosé-Hoover's opening half step of the chain scales the velocities in this pass.
            const double scale = m_thermostat.opening_scale(m_p);
            with_opening(m_p, m_particles.pointers(), m_box, m_mass, m_steps, scale,
                         [&](const char* label, double extra_bytes, const auto& opening) {
                             open_step(label, extra_bytes, opening);
                         });
            compute_forces(Real(0.5 * m_p.dt));
            if (thermostat_closes()) thermostat_close();
        }
        steps_done();
    }

    /// Totals over the system (md/solver_parts.hpp), each a reduction in the backend's order.
    Observables observables() override {
        const Range<1> all{m_n};
        for_each(m_ctx, Kernel("md.obs.pair_sums", double(m_n) * (3 * sizeof(Real) + 56)), all,
                 PairEnergyVirial<Real, Potential>{m_particles.pointers(), m_list.view(), m_box, m_table,
                                                   m_pair_sums.data()});
        const auto pair_sum = [&](int c) {
            return reduce<double>(m_ctx, Kernel("md.obs.sum", double(m_n) * 8), all, Sum{},
                                  ColumnValue{m_pair_sums.data(), c * m_n});
        };
        const Real* v = m_particles.velocity.data();
        Totals t;
        t.energy = pair_sum(0);
        for (int c = 0; c < 6; ++c) {
            t.virial[c] = pair_sum(c + 1);
            t.kinetic[c] = reduce<double>(m_ctx, Kernel("md.obs.kinetic", double(m_n) * 2 * sizeof(Real)), all, Sum{},
                                          KineticTensor<Real>{v, m_particles.type.data(), m_mass, m_n,
                                                              tensor_axis(c, false), tensor_axis(c, true)});
        }
        t.squared_displacement =
            reduce<double>(m_ctx, Kernel("md.obs.msd", double(m_n) * 10 * sizeof(Real)), all, Sum{},
                           SquaredDisplacementFromOrigin<Real>{m_particles.pointers(), m_box});
        return observables_from(t, m_p, m_box.volume(), m_n, m_thermostat.energy(m_p), m_rebuilds);
    }

    /// The arrays in storage order with the particle ids beside them, and the counters; the
    /// lists are rebuilt on load from the stored reference positions, exactly as they were.
    void save(io::CheckpointWriter& out) override {
        update_fields();
        m_ctx.synchronize();
        save_particles(out, ParticleState<Real>{m_particles.position.to_host(), m_particles.velocity.to_host(),
                                                m_particles.force.to_host(), m_particles.reference.to_host(),
                                                m_particles.origin.to_host(), m_particles.image.to_host(),
                                                m_particles.type.to_host(), m_particles.id.to_host()});
        save_run_state(out);
    }
    void load(const io::CheckpointReader& in) override {
        const ParticleState<Real> s = load_particles(in, m_p, m_box, std::size_t(m_n));
        m_particles.id.copy_from_host(s.id.data());
        m_particles.type.copy_from_host(s.type.data());
        m_particles.position.copy_from_host(s.position.data());
        m_particles.reference.copy_from_host(s.reference.data());
        m_particles.image.copy_from_host(s.image.data());
        m_particles.velocity.copy_from_host(s.velocity.data());
        m_particles.force.copy_from_host(s.force.data());
        m_particles.origin.copy_from_host(s.origin.data());
        load_run_state(in);
        m_cells.build(m_ctx, m_particles.reference.data());
        m_list.build(m_ctx, m_cells, m_particles.reference.data());
    }

   private:
    void initialise() {
        const Positions x = m_p.positions();
        const Positions v = maxwell_boltzmann(m_p.particle_masses(), m_p.initial_temperature, m_p.seed);
        const std::vector<std::int32_t> type = m_p.particle_types();
        const auto n = std::size_t(m_n);
        std::vector<Real> hx(3 * n), hv(3 * n);
        std::vector<std::int32_t> id(n), zero(3 * n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            id[i] = std::int32_t(i);
            for (std::size_t a = 0; a < 3; ++a) hx[a * n + i] = Real(x[i][a]), hv[a * n + i] = Real(v[i][a]);
        }
        m_particles.position.copy_from_host(hx.data());
        m_particles.origin.copy_from_host(hx.data());
        m_particles.velocity.copy_from_host(hv.data());
        m_particles.image.copy_from_host(zero.data());
        m_particles.type.copy_from_host(type.data());
        m_particles.id.copy_from_host(id.data());
    }

    /// Reference positions := positions, cell list, (every sort_every builds) the particles put
    /// in cell order, Verlet list.
    void build_lists(bool may_reorder) {
        copy(m_ctx, "md.neighbor.reference", m_particles.position, m_particles.reference);
        m_cells.build(m_ctx, m_particles.reference.data());
        if (may_reorder && m_p.sort_every > 0 && m_builds % m_p.sort_every == 0) {
            m_particles.reorder(m_ctx, m_cells.order());
            m_cells.set_identity_order(m_ctx);
        }
        m_list.build(m_ctx, m_cells, m_particles.reference.data());
        ++m_builds;
    }

    /// The opening update of a step and the neighbour lists for its force evaluation. On a
    /// check step the update itself raises a flag when it takes some particle more than skin/2
    /// from where it was at the last build (OpeningWithCheck), the flag is copied to the host
    /// (Readback) and, where raised, the lists are rebuilt: no force is ever evaluated on a stale
    /// list (threshold: check_limit2).
    template <class Opening>
    void open_step(const char* label, double extra_bytes, const Opening& opening) {
        const Range<1> all{m_n};
        const double bytes = double(m_n) * (3 * 4 * sizeof(Real) + 3 * 4) + extra_bytes;
        const bool check = (m_steps + 1) % m_p.check_every == 0;
        ++m_steps;
        if (!check) return for_each(m_ctx, Kernel(label, bytes), all, opening);
        for_each(m_ctx, Kernel(label, bytes + double(m_n) * 3 * sizeof(Real)), all,
                 OpeningWithCheck<Real, Opening>{opening, check_limit2<Real>(m_p.skin), m_moved_flag.data()});
        m_moved.copy(m_ctx, m_moved_flag.data());
        if (m_moved.get() != 0) {
            const std::int32_t lowered = 0;
            m_moved_flag.copy_from_host(&lowered);
            build_lists(true);
            ++m_rebuilds;
        }
    }

    /// Forces and the closing half kick: on the CPU (half list) Newton's third law over groups
    /// of cell layers, on the GPU (full list) force_lanes() threads per particle with the kick
    /// fused in.
    void compute_forces(Real half_dt) {
        // Compulsory traffic: own position, count, force (and velocity in and out with the
        // kick) and the list's indices; the neighbours' positions come from cache (cell order).
        const double bytes =
            double(m_n) * (3 * sizeof(Real) * (half_dt != 0 ? 4 : 2) + 4) + 4.0 * double(m_list.entries());
        if (!m_list.half()) {
            switch (m_force_lanes) {
                case 1: return force_kick<1>(half_dt, bytes);
                case 2: return force_kick<2>(half_dt, bytes);
                case 4: return force_kick<4>(half_dt, bytes);
                default: return force_kick<8>(half_dt, bytes);
            }
        }
        const Range<1> all{m_n};
        const auto ptr = m_particles.pointers();
        Real* const packed_x = m_packed.data();
        Real* const packed_f = packed_x + 3 * m_n;
        for_each(m_ctx, Kernel("md.pair.pack", double(m_n) * 9 * sizeof(Real)), all,
                 PackPositions<Real>{ptr.position, packed_x, packed_f, m_n});
        const LayerGroupsView groups = m_list.groups();
        Kernel pass("md.pair.force_half", bytes / 2);
        pass.cpu_parallel_from = 2;  // each index is a whole group of layers
        for (int parity = 0; parity < 2; ++parity)
            for_each(m_ctx, pass, Range<1>{groups.groups / 2},
                     PairForceHalf<Real, Potential>{packed_x, packed_f, ptr.type, m_list.view(), groups, m_box, m_table,
                                                    m_single_type, m_shifted, parity});
        for_each(m_ctx, Kernel("md.pair.unpack_kick", double(m_n) * 9 * sizeof(Real)), all,
                 UnpackForcesKick<Real>{packed_f, ptr.force, ptr.velocity, ptr.type, m_mass, half_dt, m_n});
    }

    /// The full list's force pass with Lanes threads per particle.
    template <int Lanes>
    void force_kick(Real half_dt, double bytes) {
        for_each(m_ctx, Kernel("md.pair.force_kick", bytes), Range<1>{m_n * Lanes},
                 PairForceKick<Real, Potential, Lanes>{m_particles.pointers(), m_list.view(), m_box, m_table, m_mass,
                                                       m_single_type, half_dt});
    }

    /// Threads per particle of the GPU's force pass: as given, or enough for about 2^17 threads.
    /// On an H100 (2026-11-25): 64,000 particles ran the pass in 45 us with one, 29 with two, 32
    /// with four and 42 with sixteen; 10^6 particles fastest with one.
    int force_lanes() const {
        if (!m_ctx.on_gpu()) return 1;
        if (m_p.threads_per_particle > 0) return m_p.threads_per_particle;
        int lanes = 1;
        while (lanes < 8 && m_n * lanes < (Index(1) << 17)) lanes *= 2;
        return lanes;
    }

    /// g(r) on observables.rdf_bins bins of [0, r_cut_max) from the neighbour list (which holds
    /// every pair within the largest cut-off): (bins,) doubles, bin b centred at (b + 1/2) r_cut_max / bins.
    FieldRef radial_distribution() override {
        const int bins = m_p.rdf_bins;
        const Index block = 64, blocks = (m_n + block - 1) / block;
        if (m_rdf.size() != std::size_t(bins)) {
            m_rdf = Buffer<double>(m_ctx.backend(), std::size_t(bins));
            m_rdf_counts = Buffer<std::int32_t>(m_ctx.backend(), std::size_t(bins) * std::size_t(blocks));
        }
        const double r_max = m_p.r_cut_max();
        Kernel histogram("md.obs.rdf_histogram", double(m_n) * 3 * sizeof(Real) + 4.0 * double(m_list.entries()));
        histogram.cpu_parallel_from = 2;  // every index is a block of particles
        for_each(m_ctx, histogram, Range<1>{blocks},
                 PairDistanceHistogram<Real>{m_particles.pointers(), m_list.view(), m_box, m_table, Real(r_max),
                                             Real(bins / r_max), bins, m_n, block, blocks, m_rdf_counts.data()});
        for_each(m_ctx, Kernel("md.obs.rdf", double(bins) * double(blocks) * 4), Range<1>{bins},
                 RadialDistribution{m_rdf_counts.data(), blocks, m_list.half() ? 1.0 : 2.0, r_max / bins,
                                    m_box.volume(), double(m_n), m_rdf.data()});
        return rdf_field(m_rdf.data(), bins, m_ctx.backend());
    }

    double kinetic_energy() {
        return 0.5 * reduce<double>(
                         m_ctx, Kernel("md.thermostat.kinetic", double(m_n) * 3 * sizeof(Real)), Range<1>{m_n}, Sum{},
                         MassSpeedSquared<Real>{m_particles.velocity.data(), m_particles.type.data(), m_mass, m_n});
    }

    /// The thermostat's closing move: Bussi's rescaling, or Nosé-Hoover's second half step of
    /// the chain; one kinetic-energy reduction and one scaling pass.
    void thermostat_close() {
        const double scale =
            m_thermostat.closing_scale(m_p, kinetic_energy(), std::uint64_t(first_step_stream + m_steps));
        for_each(m_ctx, Kernel("md.thermostat.scale", double(m_n) * 6 * sizeof(Real)), Range<1>{3 * m_n},
                 ScaleVelocities<Real>{m_particles.velocity.data(), Real(scale)});
    }

    FieldRef field_in_id_order(std::string_view name) override {
        update_fields();
        return particle_field(name, m_n, m_ctx.backend(), m_fields.data(), m_image_by_id.data(), m_type_by_id.data());
    }

    void update_fields() {
        if (m_fields_current) return;
        const Buffer<Real>* from[3] = {&m_particles.position, &m_particles.velocity, &m_particles.force};
        for (int s = 0; s < 3; ++s) {
            for_each(
                m_ctx, Kernel("md.fields.by_id", double(m_n) * (6 * sizeof(Real) + 4)), Range<1>{m_n},
                Permute<Real>{from[s]->data(), m_fields.data() + 3 * m_n * s, nullptr, m_particles.id.data(), m_n, 3});
        }
        for_each(m_ctx, Kernel("md.fields.by_id", double(m_n) * 12), Range<1>{m_n},
                 Permute<std::int32_t>{m_particles.type.data(), m_type_by_id.data(), nullptr, m_particles.id.data(),
                                       m_n, 1});
        for_each(m_ctx, Kernel("md.fields.by_id", double(m_n) * 28), Range<1>{m_n},
                 Permute<std::int32_t>{m_particles.image.data(), m_image_by_id.data(), nullptr, m_particles.id.data(),
                                       m_n, 3});
        m_fields_current = true;
    }

    const Context& m_ctx;
    Index m_n;
    Box<Real> m_box;
    ParticleArrays<Real> m_particles;
    CellList<Real> m_cells;
    VerletList<Real> m_list;
    PairTable<Real> m_table = pair_table<Potential, Real>(m_p);
    MassTable<Real> m_mass;  // 1/m by type: no per-particle mass array
    bool m_single_type = m_p.types == 1;
    bool m_shifted = m_table.force_shifted();
    int m_force_lanes = force_lanes();
    Buffer<Real> m_fields;  // position, velocity, force in id order, each [axis][id]
    Buffer<std::int32_t> m_type_by_id, m_image_by_id;
    Buffer<Real> m_packed;              // CPU force pass: particle-major positions, then forces
    Buffer<double> m_rdf;               // g(r), computed on request
    Buffer<std::int32_t> m_rdf_counts;  // scratch: pair-distance histogram per block of particles
    Buffer<double> m_pair_sums;         // scratch: per-particle energy and virial, [component][particle]
    Buffer<std::int32_t> m_moved_flag;  // raised by a check step's update: some particle moved past skin/2
    Readback<std::int32_t> m_moved;     // the flag, on the host
};

template <class Real, class Table>
std::unique_ptr<Solver> make_solver(const Params& p, const Context& ctx) {
    return Table::visit(p.potential, [&](auto potential) -> std::unique_ptr<Solver> {
        using Potential = evaluator_t<decltype(potential)>;
        // Across ranks, or in the particle-id order that any rank count reproduces.
        if (Comm::world().parallel() || p.deterministic)
            return std::make_unique<MdRanksSolver<Real, Potential>>(p, ctx);
        return std::make_unique<MdSolver<Real, Potential>>(p, ctx);
    });
}
}  // namespace simt::md
