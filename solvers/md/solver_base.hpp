// SPDX-License-Identifier: MIT
// What both md solvers (md/solver.hpp in one process, md/ranks_solver.hpp across ranks) hold and
// answer alike: the scenario, the step and time, the thermostat's state, the counters with their
// checkpoint attributes, the fields' names and the steerable target temperature.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/io/checkpoint.hpp>
#include <simt/particles/initial_state.hpp>
#include <simt/solvers/solver.hpp>
#include "framework/checkpoint_rules.hpp"
#include "md/params.hpp"
#include "md/solver_parts.hpp"
#include "md/thermostat_state.hpp"

namespace simt::md {
class MdSolverBase : public Solver {
   public:
    double time() const override { return m_time; }
    std::int64_t steps() const override { return m_steps; }
    std::vector<std::string> field_names() const override { return particle_field_names(); }
    Outputs outputs() const override { return {{}, m_shown, {}}; }
    /// (N, 3) arrays (the type: (N,)) of the whole system in particle-id order, gathered on
    /// request (across ranks on rank 0; the others see no particles): a view held across step()
    /// shows the values of the last call.
    FieldRef field(std::string_view name) override {
        if (name == "rdf") return radial_distribution();
        return field_in_id_order(name);
    }
    std::uint64_t rng_counter() const override { return std::uint64_t(particles::first_step_stream + m_steps); }
    void set(std::string_view key, const Value& v) override {
        if (key == "thermostat.temperature") {
            m_p.temperature = std::get<double>(v);
            return;
        }
        throw ConfigError(fmt::format("md: '{}' is not steerable", key));
    }

   protected:
    /// g(r) on observables.rdf_bins bins of [0, r_cut_max): (bins,) doubles.
    virtual FieldRef radial_distribution() = 0;
    /// A particle field (particle_field_names() but rdf) in id order.
    virtual FieldRef field_in_id_order(std::string_view name) = 0;

    explicit MdSolverBase(const Params& p)
        : m_p(p),
          m_shown{p.box, {"position", "velocity", "force", "image"}, p.particle_types(), p.particle_masses()},
          m_thermostat(p, p.particles) {}

    /// The counters, the (steered) target temperature and the thermostat's state.
    void save_run_state(io::CheckpointWriter& out) const {
        out.write_state("rebuilds", std::int64_t(m_rebuilds));
        out.write_state("builds", std::int64_t(m_builds));
        out.write_state("temperature", m_p.temperature);
        m_thermostat.save(out);
    }
    /// What save_run_state wrote, and the step and time of the checkpoint.
    void load_run_state(const io::CheckpointReader& in) {
        m_rebuilds = checkpoint_rules::non_negative_state(in, "rebuilds");
        m_builds = checkpoint_rules::non_negative_state(in, "builds");
        m_p.temperature = in.read_state_real("temperature");
        m_thermostat.load(in);
        m_steps = in.meta().step;
        m_time = in.meta().time;
        m_fields_current = false;
    }
    /// The bookkeeping at the end of step(): time from the step count, fields to be gathered anew.
    void steps_done() {
        m_time = double(m_steps) * m_p.dt;
        m_fields_current = false;
    }
    bool thermostat_closes() const {
        return m_p.integrator == Integrator::Bussi || m_p.integrator == Integrator::NoseHoover;
    }

    Params m_p;
    /// What outputs() shows: species and masses fixed for the run, drawn once (a Philox sort of
    /// the ids), not at every trajectory frame or picture.
    const ParticleFields m_shown;
    ThermostatState m_thermostat;
    std::int64_t m_steps = 0, m_rebuilds = 0, m_builds = 0;
    double m_time = 0;
    bool m_fields_current = false;  // the id-order copies of the fields match the state
};
}  // namespace simt::md
