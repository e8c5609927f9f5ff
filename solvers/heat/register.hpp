// SPDX-License-Identifier: MIT
// Solver `heat`: explicit (forward Euler) diffusion of a scalar u on a 2-D or 3-D cell-centred
// grid, du/dt = alpha * laplacian(u), with periodic, Dirichlet or Neumann faces.
#pragma once

namespace simt {
class Registry;
/// Adds `heat` with its schema to the registry.
void register_heat_solver(Registry& r);
}  // namespace simt
