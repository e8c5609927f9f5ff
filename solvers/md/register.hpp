// SPDX-License-Identifier: MIT
// Solver `md`: molecular dynamics of particles with pair potentials (Lennard-Jones, WCA, Morse)
// in a periodic box, NVE (velocity Verlet) or NVT (Langevin BAOAB, Bussi), in reduced LJ units.
#pragma once

namespace simt {
class Registry;
/// Adds `md` with its schema to the registry.
void register_md_solver(Registry& r);
}  // namespace simt
