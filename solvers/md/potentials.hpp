// SPDX-License-Identifier: MIT
// The pair potentials md offers, one line each: potential.type's choices, the keys of each type
// pair and the kernels compiled all come from this table (docs/extending.md).
#pragma once
#include <simt/particles/potential_table.hpp>
#include <simt/particles/potentials/lennard_jones.hpp>
#include <simt/particles/potentials/morse.hpp>

namespace simt::md {
using Potentials = particles::PotentialTable<particles::LennardJones,  // lj
                                             particles::Wca,           // wca
                                             particles::Morse>;        // morse
}  // namespace simt::md
