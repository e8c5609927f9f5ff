// SPDX-License-Identifier: MIT
#include "lattice_mc/register.hpp"

#include <simt/solvers/registry.hpp>
#include "lattice_mc/solvers.hpp"

namespace simt {
void register_lattice_mc_solver(Registry& r) {
    r.add({"lattice_mc",
           "Ising and q-state Potts models on a periodic 2-D/3-D lattice by Monte Carlo (local, multi-spin and "
           "cluster updates, parallel tempering)",
           lattice_mc::schema(), [](const io::Params& p) { lattice_mc::Params::from(p); },
           [](const io::Params& p, const Context& ctx) -> std::unique_ptr<Solver> {
               const lattice_mc::Params lp = lattice_mc::Params::from(p);
               return lp.replicas > 1 ? lattice_mc::make_tempering_solver(lp, ctx) : lattice_mc::make_chain_solver(lp, ctx);
           }});
}
}  // namespace simt
