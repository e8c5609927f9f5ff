// SPDX-License-Identifier: MIT
// Stochastic velocity rescaling (Bussi, Donadio and Parrinello, J. Chem. Phys. 126, 014101
// (2007)): the kinetic energy K follows dK = (K_t - K) dt/tau + 2 sqrt(K K_t / N_f) dW/sqrt(tau),
// integrated exactly over one step, which samples the canonical ensemble. Host code: one
// draw per step, from a Philox stream addressed by (seed, step).
#pragma once
#include <cstdint>
#include <simt/core/philox.hpp>

namespace simt::particles {
/// A chi-squared deviate with `dof` degrees of freedom (2 Gamma(dof/2), Marsaglia-Tsang).
double chi_squared(PhiloxStream& rng, double dof);

/// The new kinetic energy after one step of the Bussi thermostat: K now, K_target = N_f kT/2,
/// N_f degrees of freedom, decay = exp(-dt/tau). The velocities are then scaled by sqrt(K'/K).
double bussi_kinetic_energy(double kinetic, double target, std::int64_t dof, double decay, PhiloxStream& rng);
}  // namespace simt::particles
