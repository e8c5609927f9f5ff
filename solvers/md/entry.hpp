// SPDX-License-Identifier: MIT
// The md solver's registry entry for a table of pair potentials: its schema, its check and its
// factory all read the table. register.cpp adds it with md's own table (md/potentials.hpp).
#pragma once
#include <memory>
#include <string>
#include <simt/solvers/precision.hpp>
#include <simt/solvers/registry.hpp>
#include "md/params.hpp"

namespace simt::md {
/// The md solver in precision Real with the potential p.potential of Table. Instantiated in
/// md/solver.hpp's includers: the generated md_<precision>.cpp for md's table, a test for its own.
template <class Real, class Table>
std::unique_ptr<Solver> make_solver(const Params& p, const Context& ctx);

/// `md` offering the potentials of Table.
template <class Table>
SolverEntry solver_entry() {
    const std::vector<particles::PotentialInfo> potentials = Table::infos();
    std::string names;
    for (const particles::PotentialInfo& potential : potentials)
        names += (names.empty() ? "" : "/") + std::string(potential.name);
    return {"md", "molecular dynamics: " + names + " pairs, cell + Verlet lists, NVE or Langevin/Bussi/Nose-Hoover NVT",
            schema(potentials),
            [potentials](const io::Params& p) { Params::from(p, potentials, /*read_files=*/false); },
            [potentials](const io::Params& p, Precision precision, const Context& ctx) {
                const Params mp = Params::from(p, potentials);
                return with_real(precision,
                                 [&](auto real) { return make_solver<typename decltype(real)::type, Table>(mp, ctx); });
            }};
}
}  // namespace simt::md
