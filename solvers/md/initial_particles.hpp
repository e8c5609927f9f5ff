// SPDX-License-Identifier: MIT
// This rank's particles of the initial state, each made from its global id as one process makes
// it (md/params.cpp, particles/initial_state.hpp), so that the start has the same bits on any rank
// count. Host code (docs/parallel.md, "Molecular dynamics").
//
// On an fcc or sc lattice a rank keeps only the sites that lie in its sub-box, and draws their
// types and velocities by id: memory in proportion to its own particles. The draws' whole-system
// parts take passes over all ids instead of storage: the centre-of-mass velocity and the kinetic
// energy of the Maxwell-Boltzmann draw (each velocity drawn again from Philox), and in a
// mixture the Philox keys that split the types (found by bisection on counts summed over ranks).
// Random and file lattices are made whole on every rank and filtered: random sequential
// addition places each particle against all before it.
#pragma once
#include <vector>
#include <simt/core/comm.hpp>
#include "md/decomposition.hpp"
#include "md/params.hpp"

namespace simt::md {
/// The initial particles whose positions lie in this rank's sub-box, in id order, with position,
/// reference and origin alike, velocity, type and id set; every coordinate and velocity rounded
/// by `to_precision` (to the solver's Real) before the sub-box is chosen. Collective.
std::vector<ParticleRecord> initial_particles(const Params& p, const Decomposition& decomposition, const Comm& ranks,
                                              double (*to_precision)(double));
}  // namespace simt::md
