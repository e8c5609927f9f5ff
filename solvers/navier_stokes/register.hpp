// SPDX-License-Identifier: MIT
// Solver `navier_stokes`: incompressible flow on a uniform staggered (MAC) grid, 2-D or 3-D,
// SSP-RK3 in time with a pressure projection per stage (FFT or CG Poisson solver), central or
// bounded upwind advection, periodic faces, no-slip and moving walls, staircase obstacles.
#pragma once

namespace simt {
class Registry;
/// Adds `navier_stokes` with its schema to the registry.
void register_navier_stokes_solver(Registry& r);
}  // namespace simt
