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
#include <simt/particles/bussi.hpp>
#include <simt/particles/cell_list.hpp>
#include <simt/particles/integrator_kernels.hpp>
#include <simt/particles/nose_hoover.hpp>
#include <simt/particles/pair_forces.hpp>
#include <simt/particles/particle_arrays.hpp>
#include <simt/particles/potential_table.hpp>
#include <simt/particles/verlet_list.hpp>
#include <simt/solvers/solver.hpp>
#include "framework/checkpoint_rules.hpp"
#include "md/entry.hpp"
#include "md/params.hpp"

namespace simt::md {
using namespace simt::particles;

/// One column of a component-major scratch array.
struct ColumnValue {
    const double* data;
    Index offset;
    SIMT_INLINE double operator()(Index i) const { return data[offset + i]; }
};

template <class Real, class Potential>
class MdSolver final : public Solver {
   public:
    MdSolver(const Params& p, const Context& ctx)
        : m_p(p),
          m_shown{p.box, {"position", "velocity", "force", "image"}, p.particle_types(), p.particle_masses()},
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
          m_chain(p.chain, degrees_of_freedom(), p.tau),
          m_moved_flag(ctx.backend(), 1),
          m_moved(ctx.backend()) {
        const std::int32_t lowered = 0;
        m_moved_flag.copy_from_host(&lowered);
        build_table();
        initialise();
        build_lists(/*may_reorder=*/true);
        compute_forces(0);
        m_kinetic = kinetic_energy();
    }

    void step(std::int64_t n) override {
        for (std::int64_t s = 0; s < n; ++s) {
            const auto ptr = m_particles.pointers();  // a reorder moves the arrays
            if (m_p.integrator == Integrator::Langevin) {
                const double c1 = std::exp(-m_p.friction * m_p.dt);
                const double c2 = std::sqrt((1 - c1 * c1) * m_p.temperature);
                open_step("md.langevin.baoa", 4.0 * double(m_n),
                          LangevinBaoa<Real>{ptr, m_box, m_mass, Real(m_p.dt), Real(c1), Real(c2), m_p.seed,
                                             std::uint64_t(first_step_stream + m_steps)});
            } else {
                // Nosé-Hoover's opening half step of the chain scales the velocities in this pass.
                const double scale = m_p.integrator == Integrator::NoseHoover
                                         ? m_chain.half_step(m_kinetic, m_p.temperature, m_p.dt)
                                         : 1.0;
                open_step("md.verlet.kick_drift", 0, KickDrift<Real>{ptr, m_box, m_mass, Real(m_p.dt), Real(scale)});
            }
            compute_forces(Real(0.5 * m_p.dt));
            if (m_p.integrator == Integrator::Bussi || m_p.integrator == Integrator::NoseHoover) thermostat_close();
        }
        m_time = double(m_steps) * m_p.dt;
        m_fields_current = false;
    }
    double time() const override { return m_time; }
    std::int64_t steps() const override { return m_steps; }
    std::vector<std::string> field_names() const override {
        return {"position", "velocity", "force", "image", "type", "rdf"};
    }
    Outputs outputs() const override { return {{}, m_shown, {}}; }

    /// (N, 3) arrays (the type: (N,)) in particle-id order (the storage order follows the cell sort), gathered
    /// on request: a view held across step() shows the values of the last field() call.
    FieldRef field(std::string_view name) override {
        const auto names = field_names();
        int slot = -1;
        for (int k = 0; k < int(names.size()); ++k)
            if (names[std::size_t(k)] == name) slot = k;
        if (slot < 0)
            throw ConfigError(
                fmt::format("md: no field '{}'; fields: position, velocity, force, image, type, rdf", name));
        if (name == "rdf") return radial_distribution();
        update_fields();
        FieldRef f;
        f.name = std::string(name);
        f.location = m_ctx.backend();
        if (name == "image") {
            f.dtype = io::DType::I32;
            f.shape = {m_n, 3};
            f.strides = {1, m_n};
            f.data = m_image_by_id.data();
            return f;
        }
        if (name == "type") {
            f.dtype = io::DType::I32;
            f.shape = {m_n};
            f.strides = {1};
            f.data = m_type_by_id.data();
            return f;
        }
        f.dtype = std::is_same_v<Real, float> ? io::DType::F32 : io::DType::F64;
        f.shape = {m_n, 3};
        f.strides = {1, m_n};
        f.data = m_fields.data() + 3 * m_n * slot;
        return f;
    }

    /// Totals over the system: energies [epsilon], temperature with 3N - 3 degrees of freedom,
    /// pressure and its tensor from the virial [epsilon/sigma^3], mean-squared displacement
    /// since step 0 [sigma^2], the energy the thermostat took out (Bussi: the sum of its kinetic
    /// energy changes; Nosé-Hoover: the chain's energy; total + this is conserved; 0 for NVE
    /// and Langevin) and the neighbour-list rebuilds so far.
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
        const auto kinetic = [&](int a, int b) {
            return reduce<double>(m_ctx, Kernel("md.obs.kinetic", double(m_n) * 2 * sizeof(Real)), all, Sum{},
                                  KineticTensor<Real>{v, m_particles.type.data(), m_mass, m_n, a, b});
        };
        const double volume = m_box.volume();
        const int axes[6][2] = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}};
        double tensor[6];
        for (int c = 0; c < 6; ++c) tensor[c] = (kinetic(axes[c][0], axes[c][1]) + pair_sum(c + 1)) / volume;
        const double ke = 0.5 * (kinetic(0, 0) + kinetic(1, 1) + kinetic(2, 2));
        const double pe = pair_sum(0);
        const double msd = reduce<double>(m_ctx, Kernel("md.obs.msd", double(m_n) * 10 * sizeof(Real)), all, Sum{},
                                          SquaredDisplacementFromOrigin<Real>{m_particles.pointers(), m_box}) /
                           double(m_n);
        Observables obs{{"kinetic_energy", ke},
                        {"potential_energy", pe},
                        {"total_energy", ke + pe},
                        {"temperature", 2 * ke / degrees_of_freedom()},
                        {"pressure", (tensor[0] + tensor[1] + tensor[2]) / 3}};
        const char* names[6] = {"pressure_xx", "pressure_yy", "pressure_zz",
                                "pressure_xy", "pressure_xz", "pressure_yz"};
        for (int c = 0; c < 6; ++c) obs.emplace_back(names[c], tensor[c]);
        obs.emplace_back("msd", msd);
        // Only the deterministic thermostats keep an energy account; NVE and Langevin have none.
        if (m_p.integrator == Integrator::Bussi || m_p.integrator == Integrator::NoseHoover)
            obs.emplace_back("thermostat_energy", thermostat_energy());
        obs.emplace_back("neighbor_rebuilds", double(m_rebuilds));
        return obs;
    }

    void set(std::string_view key, const Value& v) override {
        if (key == "thermostat.temperature") {
            m_p.temperature = std::get<double>(v);
            return;
        }
        throw ConfigError(fmt::format("md: '{}' is not steerable", key));
    }

    /// The arrays in storage order with the particle ids beside them, and the counters; the
    /// lists are rebuilt on load from the stored reference positions, exactly as they were.
    void save(io::CheckpointWriter& out) override {
        update_fields();
        m_ctx.synchronize();
        const std::vector<std::size_t> vec{3, std::size_t(m_n)}, scalar{std::size_t(m_n)};
        const auto write = [&](const char* name, const auto& buffer, const std::vector<std::size_t>& dims) {
            const auto host = buffer.to_host();
            out.write_field(name, host.data(), dims);
        };
        write("state_position", m_particles.position, vec);
        write("state_velocity", m_particles.velocity, vec);
        write("state_force", m_particles.force, vec);
        write("state_reference", m_particles.reference, vec);
        write("state_origin", m_particles.origin, vec);
        write("state_image", m_particles.image, vec);
        write("state_type", m_particles.type, scalar);
        write("state_id", m_particles.id, scalar);
        out.write_state("rebuilds", std::int64_t(m_rebuilds));
        out.write_state("builds", std::int64_t(m_builds));
        out.write_state("temperature", m_p.temperature);
        out.write_state("kinetic", m_kinetic);
        out.write_state("bussi_work", m_bussi_work);
        for (std::size_t j = 0; j < m_chain.v.size(); ++j) {
            out.write_state(fmt::format("chain_xi_{}", j), m_chain.xi[j]);
            out.write_state(fmt::format("chain_v_{}", j), m_chain.v[j]);
        }
    }
    void load(const io::CheckpointReader& in) override {
        const auto read = [&](const char* name, const auto& buffer) {
            std::vector<std::remove_pointer_t<decltype(buffer.data())>> host(buffer.size());
            in.read_field(name, host.data(), host.size());
            return host;
        };
        const auto n = std::size_t(m_n);
        const auto id = read("state_id", m_particles.id);
        checkpoint_rules::require_permutation(in, "state_id", id.data(), n);
        const auto type = read("state_type", m_particles.type);
        const std::string types = fmt::format("types run from 0 to {} (system.types)", m_p.types - 1);
        checkpoint_rules::require_within(in, "state_type", type.data(), n, 0, 0, 0, m_p.types - 1, types.c_str());
        // Stored positions are wrapped into the box; a particle outside it is no state of this run.
        const auto position = read("state_position", m_particles.position);
        const auto reference = read("state_reference", m_particles.reference);
        const auto inside_box = [&](const char* name, const auto& x) {
            for (int a = 0; a < 3; ++a)
                checkpoint_rules::require_within(in, name, x.data() + a * n, n, n, a * n, 0.0, double(m_box.length[a]),
                                                 "positions lie in the box [0, L] along each axis");
        };
        inside_box("state_position", position);
        inside_box("state_reference", reference);
        // Beyond 2^24 box lengths an unwrapped coordinate keeps no digit of the wrapped one.
        const auto image = read("state_image", m_particles.image);
        const std::int64_t max_image = std::int64_t(1) << 24;
        checkpoint_rules::require_within(in, "state_image", image.data(), 3 * n, n, 0, -max_image, max_image,
                                         "|image| is at most 2^24 box lengths");
        m_particles.id.copy_from_host(id.data());
        m_particles.type.copy_from_host(type.data());
        m_particles.position.copy_from_host(position.data());
        m_particles.reference.copy_from_host(reference.data());
        m_particles.image.copy_from_host(image.data());
        const auto restore = [&](const char* name, auto& buffer) { buffer.copy_from_host(read(name, buffer).data()); };
        // As at the start of a run (md/params.cpp): no particle may cross half the box in one step,
        // by its velocity or by one kick of its force; beyond, the minimum image is meaningless
        // and the float-to-int image count overflows.
        const double half_box = 0.5 * double(std::min({m_box.length[0], m_box.length[1], m_box.length[2]}));
        const double lightest = *std::min_element(m_p.mass, m_p.mass + m_p.types);
        const double max_speed = half_box / m_p.dt, max_force = lightest * half_box / (m_p.dt * m_p.dt);
        const auto velocity = read("state_velocity", m_particles.velocity);
        checkpoint_rules::require_within(in, "state_velocity", velocity.data(), 3 * n, n, 0, -max_speed, max_speed,
                                         "a particle moves less than half the box a step (|v| dt <= L/2)");
        const auto force = read("state_force", m_particles.force);
        checkpoint_rules::require_within(in, "state_force", force.data(), 3 * n, n, 0, -max_force, max_force,
                                         "one kick moves a particle less than half the box (|f| dt^2 / m <= L/2)");
        m_particles.velocity.copy_from_host(velocity.data());
        m_particles.force.copy_from_host(force.data());
        restore("state_origin", m_particles.origin);
        m_rebuilds = checkpoint_rules::non_negative_state(in, "rebuilds");
        m_builds = checkpoint_rules::non_negative_state(in, "builds");
        m_p.temperature = in.read_state_real("temperature");
        m_kinetic = in.read_state_real("kinetic");
        m_bussi_work = in.read_state_real("bussi_work");
        for (std::size_t j = 0; j < m_chain.v.size(); ++j) {
            m_chain.xi[j] = in.read_state_real(fmt::format("chain_xi_{}", j));
            m_chain.v[j] = in.read_state_real(fmt::format("chain_v_{}", j));
        }
        m_cells.build(m_ctx, m_particles.reference.data());
        m_list.build(m_ctx, m_cells, m_particles.reference.data());
        m_steps = in.meta().step;
        m_time = in.meta().time;
        m_fields_current = false;
    }
    std::uint64_t rng_counter() const override { return std::uint64_t(first_step_stream + m_steps); }

   private:
    double degrees_of_freedom() const { return 3.0 * double(m_n) - 3.0; }

    void build_table() {
        m_single_type = m_p.types == 1;
        for (int a = 0; a < 3; ++a)
            for (int b = 0; b < 3; ++b) {
                const PairParams& pp = m_p.pair[a][b];
                m_table.pair[a * PairTable<Real>::max_types + b] =
                    pair_coefficients<Potential, Real>(pp.value, pp.r_cut, m_p.cutoff);
            }
    }

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
    /// list. The threshold is lowered by 1e-9 relative (and rounded down to Real) so that the
    /// wrapped position's rounding cannot hide a crossing.
    template <class Opening>
    void open_step(const char* label, double extra_bytes, const Opening& opening) {
        const Range<1> all{m_n};
        const double bytes = double(m_n) * (3 * 4 * sizeof(Real) + 3 * 4) + extra_bytes;
        const bool check = (m_steps + 1) % m_p.check_every == 0;
        ++m_steps;
        if (!check) return for_each(m_ctx, Kernel(label, bytes), all, opening);
        const double skin2 = m_p.skin * m_p.skin / 4 * (1 - 1e-9);
        Real limit2 = Real(skin2);
        if (double(limit2) > skin2) limit2 = std::nextafter(limit2, Real(0));
        for_each(m_ctx, Kernel(label, bytes + double(m_n) * 3 * sizeof(Real)), all,
                 OpeningWithCheck<Real, Opening>{opening, limit2, m_moved_flag.data()});
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
                                                    m_single_type, parity});
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
    FieldRef radial_distribution() {
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
                                             Real(bins / r_max), bins, block, blocks, m_rdf_counts.data()});
        for_each(m_ctx, Kernel("md.obs.rdf", double(bins) * double(blocks) * 4), Range<1>{bins},
                 RadialDistribution{m_rdf_counts.data(), blocks, m_list.half() ? 1.0 : 2.0, r_max / bins,
                                    m_box.volume(), double(m_n), m_rdf.data()});
        FieldRef f;
        f.name = "rdf";
        f.location = m_ctx.backend();
        f.dtype = io::DType::F64;
        f.shape = {Index(bins)};
        f.strides = {1};
        f.data = m_rdf.data();
        return f;
    }

    double kinetic_energy() {
        return 0.5 * reduce<double>(
                         m_ctx, Kernel("md.thermostat.kinetic", double(m_n) * 3 * sizeof(Real)), Range<1>{m_n}, Sum{},
                         MassSpeedSquared<Real>{m_particles.velocity.data(), m_particles.type.data(), m_mass, m_n});
    }

    /// The thermostat's closing move: Bussi's rescaling, or Nosé-Hoover's second half step of
    /// the chain; one kinetic-energy reduction and one scaling pass.
    void thermostat_close() {
        const double k = kinetic_energy();
        double scale = 1;
        if (m_p.integrator == Integrator::NoseHoover) {
            scale = m_chain.half_step(k, m_p.temperature, m_p.dt);
        } else if (k > 0) {
            const auto dof = std::int64_t(3 * m_n - 3);
            PhiloxStream rng(m_p.seed, std::uint64_t(first_step_stream + m_steps), 0);
            const double target = 0.5 * double(dof) * m_p.temperature;
            const double k_new = bussi_kinetic_energy(k, target, dof, std::exp(-m_p.dt / m_p.tau), rng);
            scale = std::sqrt(k_new / k);
            m_bussi_work += k - k_new;
        }
        m_kinetic = k * scale * scale;
        for_each(m_ctx, Kernel("md.thermostat.scale", double(m_n) * 6 * sizeof(Real)), Range<1>{3 * m_n},
                 ScaleVelocities<Real>{m_particles.velocity.data(), Real(scale)});
    }

    double thermostat_energy() const {
        if (m_p.integrator == Integrator::NoseHoover) return m_chain.energy(m_p.temperature);
        return m_bussi_work;
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

    Params m_p;
    /// What outputs() shows: species and masses fixed for the run, drawn once (a Philox sort of
    /// the ids), not at every trajectory frame or picture.
    const ParticleFields m_shown;
    const Context& m_ctx;
    Index m_n;
    Box<Real> m_box;
    ParticleArrays<Real> m_particles;
    CellList<Real> m_cells;
    VerletList<Real> m_list;
    PairTable<Real> m_table;
    MassTable<Real> m_mass;  // 1/m by type: no per-particle mass array
    bool m_single_type = true;
    int m_force_lanes = force_lanes();
    Buffer<Real> m_fields;  // position, velocity, force in id order, each [axis][id]
    Buffer<std::int32_t> m_type_by_id, m_image_by_id;
    Buffer<Real> m_packed;              // CPU force pass: particle-major positions, then forces
    Buffer<double> m_rdf;               // g(r), computed on request
    Buffer<std::int32_t> m_rdf_counts;  // scratch: pair-distance histogram per block of particles
    Buffer<double> m_pair_sums;         // scratch: per-particle energy and virial, [component][particle]
    bool m_fields_current = false;
    NoseHooverChain m_chain;
    Buffer<std::int32_t> m_moved_flag;  // raised by a check step's update: some particle moved past skin/2
    Readback<std::int32_t> m_moved;     // the flag, on the host
    double m_kinetic = 0;               // kinetic energy at the end of the last step (Nosé-Hoover's opening)
    double m_bussi_work = 0;            // kinetic energy Bussi's rescaling removed so far
    std::int64_t m_steps = 0, m_rebuilds = 0, m_builds = 0;
    double m_time = 0;
};

template <class Real, class Table>
std::unique_ptr<Solver> make_solver(const Params& p, const Context& ctx) {
    return Table::visit(p.potential, [&](auto potential) -> std::unique_ptr<Solver> {
        return std::make_unique<MdSolver<Real, evaluator_t<decltype(potential)>>>(p, ctx);
    });
}
}  // namespace simt::md
