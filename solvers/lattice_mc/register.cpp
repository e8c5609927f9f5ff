// SPDX-License-Identifier: MIT
// Solver `lattice_mc`: the Ising or q-state Potts model on a periodic square or cubic lattice
// by Monte Carlo (spins/). One step is one sweep: checkerboard Metropolis or heat bath, the
// multi-spin-coded Ising kernel, or Wolff / Swendsen-Wang cluster updates. Temperature and
// field are steerable; every measure.every sweeps after measure.thermalise the energy and
// magnetisation join a series whose binned means, specific heat, susceptibility, Binder
// cumulant and autocorrelation times are observables. Spins are checkpointed bit-packed.
// Spins are integers: the scenario's precision does not apply.
#include <simt/solvers/registry.hpp>
#include "lattice_mc/solvers.hpp"

namespace simt {
void register_lattice_mc_solver(Registry& r) {
    r.add({"lattice_mc",
           "Ising and q-state Potts models on a periodic 2-D/3-D lattice by Monte Carlo (local, multi-spin and "
           "cluster updates, parallel tempering)",
           lattice_mc::schema(), [](const io::Params& p) { lattice_mc::Params::from(p); },
           [](const io::Params& p, Precision, const Context& ctx) -> std::unique_ptr<Solver> {
               const lattice_mc::Params lp = lattice_mc::Params::from(p);
               return lp.replicas > 1 ? lattice_mc::make_tempering_solver(lp, ctx)
                                      : lattice_mc::make_chain_solver(lp, ctx);
           }});
}
}  // namespace simt
