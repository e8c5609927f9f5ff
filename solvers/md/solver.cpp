// SPDX-License-Identifier: MIT
// Solver `md`: molecular dynamics of particles with pair potentials (Lennard-Jones, WCA, Morse)
// in a periodic box, NVE (velocity Verlet) or NVT (Langevin BAOAB, Bussi), in reduced LJ units.
// Registers `md` and picks the instantiation for the scenario's precision.

#include <memory>
#include <simt/solvers/registry.hpp>
#include "md/params.hpp"

namespace simt::md {
// Instantiated in the generated md_<precision>.cpp files (solvers/CMakeLists.txt).
template <class Real>
std::unique_ptr<Solver> make_solver(const Params& p, const Context& ctx);
}  // namespace simt::md

namespace simt {
void register_md_solver(Registry& r) {
    r.add({"md", "molecular dynamics: Lennard-Jones/WCA/Morse pairs, cell + Verlet lists, NVE or Langevin/Bussi NVT",
           md::schema(), [](const io::Params& p) { md::Params::from(p, /*read_files=*/false); },
           [](const io::Params& p, Precision precision, const Context& ctx) {
               const md::Params mp = md::Params::from(p);
               return with_real(precision, [&](auto real) { return md::make_solver<typename decltype(real)::type>(mp, ctx); });
           }});
}
}  // namespace simt
