// SPDX-License-Identifier: MIT
// The md solver across ranks by spatial decomposition (md/decomposition.hpp), for one precision
// and one pair potential; also the one-process solver of `neighbor.deterministic: true`.
// Included only where make_solver is instantiated (md/solver.hpp's includers).
//
// Each rank holds its owned particles first and its ghosts after them in one set of arrays; the
// cell and Verlet lists (over the global box by the minimum image) cover both, the updates run
// over the owned ones. On the CPU in the default order the list is a half one: each pair is
// evaluated once on one rank (Newton's third law), and what the ghosts gathered is sent back to
// their owners; otherwise (the GPU, `deterministic`) a full list, forces of the owned ones only. At a list build
// (decided by all ranks together) the owned particles go to their new owners and the ghosts are collected anew; between
// builds only the ghosts' positions travel, at every step. Whole-system numbers (observables, the thermostats' kinetic
// energy, fields, checkpoints) are put in particle-id order first (md/id_order.hpp), so that they do not depend on the
// rank count; with `deterministic` each particle's neighbours are sorted by id, so that its force does not either.
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <numeric>
#include <string>
#include <type_traits>
#include <vector>
#include <fmt/format.h>
#include <simt/core/buffer.hpp>
#include <simt/core/comm.hpp>
#include <simt/core/context.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/readback.hpp>
#include <simt/particles/box.hpp>
#include <simt/particles/cell_list.hpp>
#include <simt/particles/integrator_kernels.hpp>
#include <simt/particles/pair_forces.hpp>
#include <simt/particles/particle_arrays.hpp>
#include <simt/particles/potential_table.hpp>
#include <simt/particles/verlet_list.hpp>
#include <simt/solvers/solver.hpp>
#include "framework/checkpoint_rules.hpp"
#include "md/decomposition.hpp"
#include "md/id_order.hpp"
#include "md/initial_particles.hpp"
#include "md/params.hpp"
#include "md/particle_state.hpp"
#include "md/solver_base.hpp"
#include "md/solver_parts.hpp"
#include "md/thermostat_state.hpp"

namespace simt::md {
/// The per-particle terms of Totals (md/solver_parts.hpp) for one particle, out[c stride + i]:
/// the kinetic tensor (6), the squared displacement (1), then m |v|^2 (1).
template <class Real>
struct ParticleTerms {
    particles::ParticlePointers<Real> p;
    particles::Box<Real> box;
    particles::MassTable<Real> mass;
    double* out;
    Index stride;
    SIMT_INLINE void operator()(Index i) const {
        for (int c = 0; c < 6; ++c)
            out[c * stride + i] = particles::KineticTensor<Real>{
                p.velocity, p.type, mass, p.n, tensor_axis(c, false), tensor_axis(c, true)}(i);
        out[6 * stride + i] = particles::SquaredDisplacementFromOrigin<Real>{p, box}(i);
        out[7 * stride + i] = particles::MassSpeedSquared<Real>{p.velocity, p.type, mass, p.n}(i);
    }
};

template <class Real, class Potential>
class MdRanksSolver final : public MdSolverBase {
   public:
    MdRanksSolver(const Params& p, const Context& ctx)
        : MdSolverBase(p),
          m_ctx(ctx),
          m_ranks(Comm::world()),
          m_n(p.particles),
          m_box(p.box[0], p.box[1], p.box[2]),
          m_r_list(p.r_cut_max() + p.skin),
          m_half(!ctx.on_gpu() && !p.deterministic &&
                 std::floor(double(m_box.length[2]) / m_r_list) >= 3),  // as CellList
          m_decomposition(m_ranks, p.box, m_r_list, m_ranks.parallel() ? p.ranks : std::array<int, 3>{0, 0, 0}),
          m_mass(p.mass, p.types),
          m_shown_n(m_ranks.root() ? m_n : 0),
          m_fields(ctx.backend(), 9 * m_shown_n),
          m_type_by_id(ctx.backend(), m_shown_n),
          m_image_by_id(ctx.backend(), 3 * m_shown_n),
          m_moved_flag(ctx.backend(), 1),
          m_moved(ctx.backend()) {
        lower_flag();
        distribute(initial_particles());
        // The most particles any rank holds: about N / ranks (its arrays' size, ghosts aside).
        const int most = m_ranks.max(int(m_owned)), most_ghosts = m_ranks.max(int(m_local - m_owned));
        const std::array<int, 3>& dims = m_decomposition.dims();
        if (m_ranks.parallel() && m_ranks.root())
            fmt::print(stderr,
                       "md: {} ranks as {} x {} x {} sub-boxes (at most {} particles and {} ghosts a rank), {}\n",
                       m_ranks.size(), dims[0], dims[1], dims[2], most, most_ghosts,
                       m_p.deterministic ? "forces in particle-id order"
                       : m_half          ? "half lists, ghost forces sent back"
                                         : "full lists");
        compute_forces(0);
        m_thermostat.kinetic = kinetic_energy();
    }

    void step(std::int64_t n) override {
        for (std::int64_t s = 0; s < n; ++s) {
            const double scale = m_thermostat.opening_scale(m_p);
            with_opening(m_p, m_particles->pointers(), m_box, m_mass, m_steps, scale,
                         [&](const char* label, double extra_bytes, const auto& opening) {
                             open_step(label, extra_bytes, opening);
                         });
            compute_forces(Real(0.5 * m_p.dt));
            if (thermostat_closes()) {
                const double factor = m_thermostat.closing_scale(m_p, kinetic_energy(),
                                                                 std::uint64_t(particles::first_step_stream + m_steps));
                for_each(m_ctx, Kernel("md.thermostat.scale", double(m_local) * 6 * sizeof(Real)),
                         Range<1>{3 * m_local},
                         particles::ScaleVelocities<Real>{m_particles->velocity.data(), Real(factor)});
            }
        }
        steps_done();
    }

    /// The totals summed in particle-id order, the same on every rank and for any rank count.
    Observables observables() override {
        const auto ptr = m_particles->pointers();
        // A half list's pairs are listed under ghosts too: their terms go back to the owners.
        const Index rows = m_half ? m_local : m_owned;
        for_each(m_ctx, Kernel("md.obs.pair_sums", double(rows) * (3 * sizeof(Real) + 56)), Range<1>{rows},
                 particles::PairEnergyVirial<Real, Potential>{ptr, m_list->view(), m_box, m_table, m_terms.data()});
        if (m_half) {
            m_ctx.synchronize();
            m_decomposition.return_ghost_sums(m_terms.data(), 7, 1, std::size_t(m_local));  // host memory: CPU only
        }
        for_each(m_ctx, Kernel("md.obs.particle_terms", double(m_owned) * 10 * sizeof(Real)), Range<1>{m_owned},
                 ParticleTerms<Real>{ptr, m_box, m_mass, m_terms.data() + 7 * m_local, m_local});
        const std::vector<double> sums = sums_of_terms(0, 14);
        const auto total = [&](int c) { return sums[std::size_t(c)]; };
        Totals t;
        t.energy = total(0);
        for (int c = 0; c < 6; ++c) t.virial[c] = total(1 + c), t.kinetic[c] = total(7 + c);
        t.squared_displacement = total(13);
        return observables_from(t, m_p, m_box.volume(), m_n, m_thermostat.energy(m_p), m_rebuilds);
    }

    /// The whole system in id order (ids 0 .. N-1), written by rank 0: the layout one process
    /// writes, so that any rank count, or one process, restarts from it.
    void save(io::CheckpointWriter& out) override {
        m_ctx.synchronize();
        const auto ids = m_particles->id.to_host();
        // The other ranks pass arrays of the same shape that the writer does not read.
        const auto gather = [&](const auto& buffer, int components) {
            auto whole = gather_by_id(m_ranks, ids.data(), buffer.to_host().data(), std::size_t(m_owned),
                                      std::size_t(m_local), components, std::size_t(m_n));
            whole.resize(std::size_t(components) * std::size_t(m_n));
            return whole;
        };
        ParticleState<Real> s{gather(m_particles->position, 3), gather(m_particles->velocity, 3),
                              gather(m_particles->force, 3),    gather(m_particles->reference, 3),
                              gather(m_particles->origin, 3),   gather(m_particles->image, 3),
                              gather(m_particles->type, 1),     std::vector<std::int32_t>(std::size_t(m_n))};
        std::iota(s.id.begin(), s.id.end(), 0);
        save_particles(out, s);
        save_run_state(out);
    }
    /// Every rank reads the state in slices of ids and keeps the particles whose reference
    /// positions lie in its sub-box (memory: a slice and its own particles); ghosts and lists
    /// follow from the reference positions, as at the last build.
    void load(const io::CheckpointReader& in) override {
        const auto n = std::size_t(m_n);
        constexpr std::size_t slice = std::size_t(1) << 12;
        checkpoint_rules::PermutationCheck ids(in, "state_id", n);
        std::vector<ParticleRecord> owned;
        for (std::size_t first = 0; first < n; first += slice) {
            const std::size_t count = std::min(slice, n - first);
            const ParticleState<Real> s = load_particle_slice(in, m_p, m_box, n, first, count, ids);
            for (std::size_t k = 0; k < count; ++k) {
                ParticleRecord r{};
                for (std::size_t a = 0; a < 3; ++a) {
                    r.position[a] = double(s.position[a * count + k]);
                    r.velocity[a] = double(s.velocity[a * count + k]);
                    r.force[a] = double(s.force[a * count + k]);
                    r.reference[a] = double(s.reference[a * count + k]);
                    r.origin[a] = double(s.origin[a * count + k]);
                    r.image[a] = s.image[a * count + k];
                }
                r.type = s.type[k];
                r.id = s.id[k];
                if (m_decomposition.owns(r.reference)) owned.push_back(r);
            }
        }
        distribute(std::move(owned));
        load_run_state(in);  // after distribute(), which counts a build
    }

   private:
    /// This rank's particles of the initial state (md/initial_particles.hpp) in this precision.
    std::vector<ParticleRecord> initial_particles() const {
        return md::initial_particles(m_p, m_decomposition, m_ranks, [](double v) { return double(Real(v)); });
    }

    /// The device arrays from this rank's owned particles and the ghosts they need, and the lists
    /// from the reference positions.
    void distribute(std::vector<ParticleRecord> owned) {
        in_cell_order(owned);
        const std::vector<ParticleRecord> ghosts = m_decomposition.collect_ghosts(owned);
        m_owned = Index(owned.size());
        const Index local = m_owned + Index(ghosts.size());
        if (!m_particles || local != m_local) {
            m_local = local;
            m_particles = std::make_unique<particles::ParticleArrays<Real>>(m_ctx.backend(), m_local);
            m_cells = std::make_unique<particles::CellList<Real>>(m_ctx.backend(), m_local, m_box, m_r_list);
            m_list = std::make_unique<particles::VerletList<Real>>(m_ctx.backend(), m_local, m_box, m_r_list, m_half);
            m_terms = Buffer<double>(m_ctx.backend(), 15 * std::size_t(m_local));
            m_packed = Buffer<Real>(m_ctx.backend(), m_half ? 6 * std::size_t(m_local) : 0);
        }
        const auto n = std::size_t(m_local);
        std::vector<Real> x(3 * n), v(3 * n), f(3 * n), ref(3 * n), origin(3 * n);
        std::vector<std::int32_t> image(3 * n), type(n), id(n);
        for (std::size_t k = 0; k < n; ++k) {
            const ParticleRecord& r = k < owned.size() ? owned[k] : ghosts[k - owned.size()];
            for (std::size_t a = 0; a < 3; ++a) {
                x[a * n + k] = Real(r.position[a]), v[a * n + k] = Real(r.velocity[a]), f[a * n + k] = Real(r.force[a]);
                ref[a * n + k] = Real(r.reference[a]), origin[a * n + k] = Real(r.origin[a]);
                image[a * n + k] = r.image[a];
            }
            type[k] = r.type;
            id[k] = r.id;
        }
        particles::ParticleArrays<Real>& p = *m_particles;
        p.position.copy_from_host(x.data()), p.velocity.copy_from_host(v.data()), p.force.copy_from_host(f.data());
        p.reference.copy_from_host(ref.data()), p.origin.copy_from_host(origin.data());
        p.image.copy_from_host(image.data()), p.type.copy_from_host(type.data()), p.id.copy_from_host(id.data());
        m_cells->build(m_ctx, p.reference.data());
        m_list->build(m_ctx, *m_cells, p.reference.data());
        if (m_p.deterministic) m_list->sort_neighbors(m_ctx, p.id.data(), m_owned);
        if (m_half) m_list->keep_pairs_of_owned(m_ctx, p.id.data(), m_owned);
        ++m_builds;
    }

    /// Neighbours in space made neighbours in memory (the force pass gathers its partners'
    /// positions): the particles sorted by the cell of their reference position, z slowest. The
    /// storage order changes no result of the id order, and only the rounding of the default one.
    void in_cell_order(std::vector<ParticleRecord>& records) const {
        const auto cell = [&](const ParticleRecord& r) {
            std::int64_t key = 0;
            for (int a = 2; a >= 0; --a) {
                const int dim = std::max(1, int(m_box.length[a] / m_r_list));
                key = key * dim + particles::CellListView::cell_of(Real(r.reference[a]), m_box.inv_length[a], dim);
            }
            return key;
        };
        std::sort(records.begin(), records.end(), [&](const ParticleRecord& a, const ParticleRecord& b) {
            const std::int64_t ka = cell(a), kb = cell(b);
            return ka != kb ? ka < kb : a.id < b.id;
        });
    }

    /// At a build: the owned particles from the device (reference := position), to their owners.
    void redistribute() {
        m_ctx.synchronize();
        const particles::ParticleArrays<Real>& p = *m_particles;
        const auto x = p.position.to_host(), v = p.velocity.to_host(), f = p.force.to_host(),
                   origin = p.origin.to_host();
        const auto image = p.image.to_host(), type = p.type.to_host(), id = p.id.to_host();
        const auto n = std::size_t(m_local);
        std::vector<ParticleRecord> owned(static_cast<std::size_t>(m_owned));
        for (std::size_t k = 0; k < owned.size(); ++k) {
            ParticleRecord& r = owned[k];
            for (std::size_t a = 0; a < 3; ++a) {
                r.position[a] = r.reference[a] = double(x[a * n + k]);
                r.velocity[a] = double(v[a * n + k]), r.force[a] = double(f[a * n + k]);
                r.origin[a] = double(origin[a * n + k]), r.image[a] = image[a * n + k];
            }
            r.type = type[k];
            r.id = id[k];
        }
        m_decomposition.migrate(owned);
        distribute(std::move(owned));
    }

    /// Between builds: the ghosts' positions from their owners.
    void refresh_ghosts() {
        if (!m_ranks.parallel()) return;  // one rank: no ghosts
        m_ctx.synchronize();
        const auto x = m_particles->position.to_host();
        std::vector<double> wide(x.begin(), x.end());
        m_decomposition.refresh_ghosts(wide.data(), std::size_t(m_local));
        const std::vector<Real> back(wide.begin(), wide.end());
        m_particles->position.copy_from_host(back.data());
    }

    void lower_flag() {
        const std::int32_t lowered = 0;
        m_moved_flag.copy_from_host(&lowered);
    }

    /// The opening update of the owned particles, then, where any rank saw a particle move past
    /// skin/2 on a check step, a build; otherwise fresh ghost positions.
    template <class Opening>
    void open_step(const char* label, double extra_bytes, const Opening& opening) {
        const Range<1> owned{m_owned};
        const double bytes = double(m_owned) * (3 * 4 * sizeof(Real) + 3 * 4) + extra_bytes;
        const bool check = (m_steps + 1) % m_p.check_every == 0;
        ++m_steps;
        if (!check) {
            for_each(m_ctx, Kernel(label, bytes), owned, opening);
            return refresh_ghosts();
        }
        for_each(
            m_ctx, Kernel(label, bytes + double(m_owned) * 3 * sizeof(Real)), owned,
            particles::OpeningWithCheck<Real, Opening>{opening, check_limit2<Real>(m_p.skin), m_moved_flag.data()});
        m_moved.copy(m_ctx, m_moved_flag.data());
        if (m_ranks.max(m_moved.get()) == 0) return refresh_ghosts();
        lower_flag();
        redistribute();
        ++m_rebuilds;
    }

    /// Forces on the owned particles and the closing half kick: over a half list each pair once
    /// (Newton's third law), the ghosts' shares then added to their owners; over a full list
    /// (ghosts included) the owned particles' pairs from both sides.
    void compute_forces(Real half_dt) {
        const double bytes =
            double(m_owned) * (3 * sizeof(Real) * (half_dt != 0 ? 4 : 2) + 4) + 4.0 * double(m_list->entries());
        if (m_half) return half_list_forces(half_dt, bytes);
        for_each(m_ctx, Kernel("md.pair.force_kick", bytes), Range<1>{m_owned},
                 particles::PairForceKick<Real, Potential, 1>{m_particles->pointers(), m_list->view(), m_box, m_table,
                                                              m_mass, m_p.types == 1, half_dt});
    }

    /// The one-process CPU solver's pass (md/solver.hpp) over owned particles and ghosts, the
    /// ghosts' forces sent to their owners before the closing half kick of the owned ones.
    void half_list_forces(Real half_dt, double bytes) {
        const auto ptr = m_particles->pointers();
        Real* const packed_x = m_packed.data();
        Real* const packed_f = packed_x + 3 * m_local;
        for_each(m_ctx, Kernel("md.pair.pack", double(m_local) * 9 * sizeof(Real)), Range<1>{m_local},
                 particles::PackPositions<Real>{ptr.position, packed_x, packed_f, m_local});
        const particles::LayerGroupsView groups = m_list->groups();
        Kernel pass("md.pair.force_half", bytes / 2);
        pass.cpu_parallel_from = 2;  // each index is a whole group of layers
        for (int parity = 0; parity < 2; ++parity)
            for_each(m_ctx, pass, Range<1>{groups.groups / 2},
                     particles::PairForceHalf<Real, Potential>{packed_x, packed_f, ptr.type, m_list->view(), groups,
                                                               m_box, m_table, m_p.types == 1, m_table.force_shifted(),
                                                               parity});
        m_ctx.synchronize();
        m_decomposition.return_ghost_sums(packed_f, 3, 3, 1);  // host memory: half lists are the CPU's
        for_each(
            m_ctx, Kernel("md.pair.unpack_kick", double(m_owned) * 9 * sizeof(Real)), Range<1>{m_owned},
            particles::UnpackForcesKick<Real>{packed_f, ptr.force, ptr.velocity, ptr.type, m_mass, half_dt, m_local});
    }

    /// Kinetic energy summed in id order (the thermostats' input).
    double kinetic_energy() {
        for_each(m_ctx, Kernel("md.thermostat.kinetic", double(m_owned) * 10 * sizeof(Real)), Range<1>{m_owned},
                 ParticleTerms<Real>{m_particles->pointers(), m_box, m_mass, m_terms.data() + 7 * m_local, m_local});
        return 0.5 * sums_of_terms(14, 1)[0];
    }

    /// The sums over all particles, in id order, of components first .. first + count - 1 of the
    /// owned particles' terms ([c][local slot]), on every rank.
    std::vector<double> sums_of_terms(int first, int count) {
        m_ctx.synchronize();
        const auto host = m_terms.to_host();
        const auto ids = m_particles->id.to_host();
        return sums_in_id_order(m_ranks, ids.data(), host.data() + std::size_t(first) * std::size_t(m_local),
                                std::size_t(m_owned), std::size_t(m_local), count, std::size_t(m_n));
    }

    /// g(r) of the whole system: each rank histograms its owned particles' list entries, the
    /// integer counts are summed over ranks (exact in any order).
    FieldRef radial_distribution() override {
        const int bins = m_p.rdf_bins;
        const Index rows = m_half ? m_local : m_owned;  // a half list's pairs are listed under ghosts too
        const Index block = 64, blocks = (rows + block - 1) / block;
        Buffer<std::int32_t> counts(m_ctx.backend(), std::size_t(bins) * std::size_t(std::max<Index>(blocks, 1)));
        const double r_max = m_p.r_cut_max();
        for_each(m_ctx, Kernel("md.obs.rdf_histogram", double(rows) * 3 * sizeof(Real)), Range<1>{blocks},
                 particles::PairDistanceHistogram<Real>{m_particles->pointers(), m_list->view(), m_box, m_table,
                                                        Real(r_max), Real(bins / r_max), bins, rows, block, blocks,
                                                        counts.data()});
        m_ctx.synchronize();
        const auto host = counts.to_host();
        std::vector<std::int32_t> total(static_cast<std::size_t>(bins));
        for (int b = 0; b < bins; ++b) {
            std::int64_t sum = 0;
            for (Index q = 0; q < blocks; ++q) sum += host[std::size_t(b * blocks + q)];
            total[std::size_t(b)] = std::int32_t(m_ranks.sum(sum));
        }
        std::vector<double> g(static_cast<std::size_t>(bins));
        for (int b = 0; b < bins; ++b)
            particles::RadialDistribution{total.data(), 1,       m_half ? 1.0 : 2.0, r_max / bins, m_box.volume(),
                                          double(m_n),  g.data()}(b);
        m_rdf = Buffer<double>(m_ctx.backend(), g.size());
        m_rdf.copy_from_host(g.data());
        return rdf_field(m_rdf.data(), m_ranks.root() ? bins : 0, m_ctx.backend());
    }

    FieldRef field_in_id_order(std::string_view name) override {
        update_fields();
        return particle_field(name, m_shown_n, m_ctx.backend(), m_fields.data(), m_image_by_id.data(),
                              m_type_by_id.data());
    }

    /// The owned particles' rows of the device arrays (no gather), and their ids.
    FieldRef own_field(std::string_view name) override {
        if (name == "rdf" || !m_ranks.parallel()) return field(name);  // one process: in id order, as MdSolver
        const particles::ParticleArrays<Real>& p = *m_particles;
        FieldRef f;
        f.name = std::string(name);
        f.location = m_ctx.backend();
        f.dtype = io::DType::I32;
        f.shape = {m_owned};
        f.strides = {1};
        if (name == "id" || name == "type") {
            f.data = name == "id" ? p.id.data() : p.type.data();
            return f;
        }
        f.shape = {m_owned, 3};
        f.strides = {1, m_local};
        if (name == "image") {
            f.data = p.image.data();
            return f;
        }
        f.dtype = std::is_same_v<Real, float> ? io::DType::F32 : io::DType::F64;
        f.data = name == "position"   ? p.position.data()
                 : name == "velocity" ? p.velocity.data()
                 : name == "force"    ? p.force.data()
                                      : nullptr;
        if (!f.data)
            throw ConfigError(
                fmt::format("md: no field '{}'; fields: position, velocity, force, image, type, id, rdf", name));
        return f;
    }

    /// Rank 0's copies of the whole system's fields, gathered in id order.
    void update_fields() {
        if (m_fields_current) return;
        m_ctx.synchronize();
        const auto ids = m_particles->id.to_host();
        const auto gather = [&](const auto& buffer, int components) {
            return gather_by_id(m_ranks, ids.data(), buffer.to_host().data(), std::size_t(m_owned),
                                std::size_t(m_local), components, std::size_t(m_n));
        };
        const particles::ParticleArrays<Real>& p = *m_particles;
        std::vector<Real> vectors;
        for (const Buffer<Real>* b : {&p.position, &p.velocity, &p.force}) {
            const std::vector<Real> whole = gather(*b, 3);
            vectors.insert(vectors.end(), whole.begin(), whole.end());
        }
        const std::vector<std::int32_t> type = gather(p.type, 1), image = gather(p.image, 3);
        if (m_ranks.root()) {
            m_fields.copy_from_host(vectors.data());
            m_type_by_id.copy_from_host(type.data());
            m_image_by_id.copy_from_host(image.data());
        }
        m_fields_current = true;
    }

    const Context& m_ctx;
    const Comm& m_ranks;
    Index m_n;  // particles in the whole system
    particles::Box<Real> m_box;
    double m_r_list;
    bool m_half;  // a half list (Newton's third law across ranks), else a full one
    Decomposition m_decomposition;
    particles::PairTable<Real> m_table = pair_table<Potential, Real>(m_p);
    particles::MassTable<Real> m_mass;
    Index m_owned = 0, m_local = 0;                                // this rank's particles, and with its ghosts
    std::unique_ptr<particles::ParticleArrays<Real>> m_particles;  // owned, then ghosts
    std::unique_ptr<particles::CellList<Real>> m_cells;
    std::unique_ptr<particles::VerletList<Real>> m_list;
    Buffer<Real> m_packed;   // a half list's pass: positions, then forces, x y z per particle
    Buffer<double> m_terms;  // scratch: energy and virial (7), ParticleTerms (8), [component][local slot]
    Index m_shown_n;         // particles in the fields: all on rank 0, none elsewhere
    Buffer<Real> m_fields;   // position, velocity, force of the whole system in id order, each [axis][id]
    Buffer<std::int32_t> m_type_by_id, m_image_by_id;
    Buffer<double> m_rdf;
    Buffer<std::int32_t> m_moved_flag;  // raised by a check step's update: some owned particle moved past skin/2
    Readback<std::int32_t> m_moved;
};
}  // namespace simt::md
