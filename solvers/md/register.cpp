// SPDX-License-Identifier: MIT
// Registers `md` with the pair potentials of its table.
#include "md/register.hpp"

#include <simt/solvers/registry.hpp>
#include "md/entry.hpp"
#include "md/potentials.hpp"

namespace simt {
void register_md_solver(Registry& r) { r.add(md::solver_entry<md::Potentials>()); }
}  // namespace simt
