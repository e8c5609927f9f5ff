// SPDX-License-Identifier: MIT
// Solver `md`: molecular dynamics of particles with pair potentials (Lennard-Jones, WCA, Morse)
// in a periodic box, NVE (velocity Verlet) or NVT (Langevin BAOAB, Bussi), in reduced LJ units.
// Registers `md` with the pair potentials of its table.

#include <simt/solvers/registry.hpp>
#include "md/entry.hpp"
#include "md/potentials.hpp"

namespace simt {
void register_md_solver(Registry& r) { r.add(md::solver_entry<md::Potentials>()); }
}  // namespace simt
