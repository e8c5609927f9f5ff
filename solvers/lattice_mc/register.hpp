// SPDX-License-Identifier: MIT
// Solver `lattice_mc`: the Ising or q-state Potts model on a periodic square or cubic lattice
// by Monte Carlo (spins/). One step is one sweep: checkerboard Metropolis or heat bath, the
// multi-spin-coded Ising kernel, or Wolff / Swendsen-Wang cluster updates. Temperature and
// field are steerable; every measure.every sweeps after measure.thermalise the energy and
// magnetisation join a series whose binned means, specific heat, susceptibility, Binder
// cumulant and autocorrelation times are observables. Spins are checkpointed bit-packed.
#pragma once

namespace simt {
class Registry;
/// Adds `lattice_mc` with its schema to the registry.
void register_lattice_mc_solver(Registry& r);
}  // namespace simt
