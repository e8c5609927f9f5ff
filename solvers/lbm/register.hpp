// SPDX-License-Identifier: MIT
// Solver `lbm`: lattice Boltzmann flow (D2Q9, D3Q19) with BGK or TRT collision, Guo body force,
// periodic faces and half-way bounce-back walls (resting or moving), in lattice units.
#pragma once

namespace simt {
class Registry;
/// Adds `lbm` with its schema to the registry.
void register_lbm_solver(Registry& r);
}  // namespace simt
