// SPDX-License-Identifier: MIT
// Solver `lbm`: lattice Boltzmann flow (D2Q9, D3Q19) with BGK or TRT collision, Guo body force,
// periodic faces and half-way bounce-back walls (resting or moving), in lattice units.
// Registers `lbm` and picks the instantiation for the scenario's lattice, precision and storage.

#include <memory>
#include <simt/solvers/registry.hpp>
#include "lbm/params.hpp"

namespace simt::lbm {
using stencils::D2Q9;
using stencils::D3Q19;
using stencils::LbmHalfStorage;
using stencils::LbmNativeStorage;

// Instantiated in the generated lbm_<lattice>_<storage>.cpp files (solvers/CMakeLists.txt).
template <class L, class S>
std::unique_ptr<Solver> make_solver(const Params& p, const Context& ctx);

namespace {
/// fp16 storage computes in float; the other storages hold the scenario's precision.
std::unique_ptr<Solver> make(const io::Params& p, Precision precision, const Context& ctx) {
    const Params lp = Params::from(p, precision);
    if (lp.half_storage) return make_solver<D3Q19, LbmHalfStorage<D3Q19>>(lp, ctx);
    return with_real(precision, [&](auto real) {
        using Storage = LbmNativeStorage<typename decltype(real)::type>;
        return lp.three_d ? make_solver<D3Q19, Storage>(lp, ctx) : make_solver<D2Q9, Storage>(lp, ctx);
    });
}
}  // namespace
}  // namespace simt::lbm

namespace simt {
void register_lbm_solver(Registry& r) {
    r.add({"lbm",
           "lattice Boltzmann flow, D2Q9/D3Q19, BGK/TRT, fp16 storage, body force, walls, inlets, outlets, "
           "obstacles, lattice or physical units",
           lbm::schema(), [](const io::Params& p) { lbm::Params::from(p, scenario_precision(p)); }, lbm::make});
}
}  // namespace simt
