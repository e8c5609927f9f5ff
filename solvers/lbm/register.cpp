// SPDX-License-Identifier: MIT
// Registers `lbm` and picks the instantiation for the scenario's lattice, precision and storage.
#include "lbm/register.hpp"

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
template <class L>
std::unique_ptr<Solver> make_native(const Params& p, const Context& ctx, bool single) {
    if (single) return make_solver<L, LbmNativeStorage<float>>(p, ctx);
    return make_solver<L, LbmNativeStorage<double>>(p, ctx);
}

std::unique_ptr<Solver> make(const io::Params& p, const Context& ctx) {
    const Params lp = Params::from(p);
    const bool single = p.string("precision") == "float";
    if (lp.half_storage) return make_solver<D3Q19, LbmHalfStorage<D3Q19>>(lp, ctx);
    if (lp.three_d) return make_native<D3Q19>(lp, ctx, single);
    return make_native<D2Q9>(lp, ctx, single);
}
}  // namespace
}  // namespace simt::lbm

namespace simt {
void register_lbm_solver(Registry& r) {
    r.add({"lbm",
           "lattice Boltzmann flow, D2Q9/D3Q19, BGK/TRT, fp16 storage, body force, walls, inlets, outlets, "
           "obstacles, lattice or physical units",
           lbm::schema(), [](const io::Params& p) { lbm::Params::from(p); }, lbm::make});
}
}  // namespace simt
