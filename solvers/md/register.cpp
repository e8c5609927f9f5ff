// SPDX-License-Identifier: MIT
// Registers `md` and picks the instantiation for the scenario's precision.
#include "md/register.hpp"

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
           [](const io::Params& p, const Context& ctx) -> std::unique_ptr<Solver> {
               const md::Params mp = md::Params::from(p);
               if (p.string("precision") == "float") return md::make_solver<float>(mp, ctx);
               return md::make_solver<double>(mp, ctx);
           }});
}
}  // namespace simt
