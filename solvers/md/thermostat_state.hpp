// SPDX-License-Identifier: MIT
// What Bussi's rescaling and the Nosé-Hoover chain carry from step to step: a few scalars, the
// same on every rank (they follow from the system's kinetic energy), with their checkpoint
// attributes. Host code; the solvers scale the velocities by the factors it returns.
#pragma once
#include <cmath>
#include <cstdint>
#include <fmt/format.h>
#include <simt/core/philox.hpp>
#include <simt/io/checkpoint.hpp>
#include <simt/particles/bussi.hpp>
#include <simt/particles/nose_hoover.hpp>
#include "md/params.hpp"

namespace simt::md {
class ThermostatState {
   public:
    /// For `particles` particles with 3 N - 3 degrees of freedom.
    ThermostatState(const Params& p, std::int64_t particles)
        : m_dof(3 * particles - 3), m_chain(p.chain, 3.0 * double(particles) - 3.0, p.tau) {}

    /// The factor of the velocities at the opening of a step: Nosé-Hoover's first half step of
    /// the chain (from the kinetic energy the last step ended with), 1 otherwise.
    double opening_scale(const Params& p) {
        return p.integrator == Integrator::NoseHoover ? m_chain.half_step(kinetic, p.temperature, p.dt) : 1.0;
    }
    /// The factor of the velocities at the close of a step whose kinetic energy is `k`: Bussi's
    /// rescaling (its random number drawn from `stream`) or Nosé-Hoover's second half step.
    double closing_scale(const Params& p, double k, std::uint64_t stream) {
        double scale = 1;
        if (p.integrator == Integrator::NoseHoover) {
            scale = m_chain.half_step(k, p.temperature, p.dt);
        } else if (k > 0) {
            PhiloxStream rng(p.seed, stream, 0);
            const double target = 0.5 * double(m_dof) * p.temperature;
            const double k_new = particles::bussi_kinetic_energy(k, target, m_dof, std::exp(-p.dt / p.tau), rng);
            scale = std::sqrt(k_new / k);
            m_bussi_work += k - k_new;
        }
        kinetic = k * scale * scale;
        return scale;
    }
    /// Bussi: the kinetic energy its rescaling removed; Nosé-Hoover: the chain's energy.
    double energy(const Params& p) const {
        if (p.integrator == Integrator::NoseHoover) return m_chain.energy(p.temperature);
        return m_bussi_work;
    }

    void save(io::CheckpointWriter& out) const {
        out.write_state("kinetic", kinetic);
        out.write_state("bussi_work", m_bussi_work);
        for (std::size_t j = 0; j < m_chain.v.size(); ++j) {
            out.write_state(fmt::format("chain_xi_{}", j), m_chain.xi[j]);
            out.write_state(fmt::format("chain_v_{}", j), m_chain.v[j]);
        }
    }
    void load(const io::CheckpointReader& in) {
        kinetic = in.read_state_real("kinetic");
        m_bussi_work = in.read_state_real("bussi_work");
        for (std::size_t j = 0; j < m_chain.v.size(); ++j) {
            m_chain.xi[j] = in.read_state_real(fmt::format("chain_xi_{}", j));
            m_chain.v[j] = in.read_state_real(fmt::format("chain_v_{}", j));
        }
    }

    double kinetic = 0;  ///< kinetic energy at the end of the last step (Nosé-Hoover's opening)

   private:
    std::int64_t m_dof;
    particles::NoseHooverChain m_chain;
    double m_bussi_work = 0;  // kinetic energy Bussi's rescaling removed so far
};
}  // namespace simt::md
