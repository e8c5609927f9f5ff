// SPDX-License-Identifier: MIT
// make_poisson_fft: checks that the problem is one the spectral solver covers and picks the
// backend's transform library.
#include "poisson_fft.hpp"

#include <simt/core/error.hpp>

namespace simt::stencils {
template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_fft(const Context& ctx, const PoissonGrid& g) {
    for (int a = 0; a < g.dim(); ++a) {
        if (!g.periodic[a]) throw Unsupported("poisson.fft: every axis must be periodic; use the cg solver for walls");
    }
    for (std::uint8_t s : g.solid) {
        if (s) throw Unsupported("poisson.fft: solid cells need the cg solver");
    }
#if SIMT_ENABLE_CUDA
    if (ctx.on_gpu()) return make_poisson_fft_cuda<Real>(ctx, g);
#endif
    return make_poisson_fft_cpu<Real>(ctx, g);
}
template std::unique_ptr<PoissonSolver<float>> make_poisson_fft(const Context&, const PoissonGrid&);
template std::unique_ptr<PoissonSolver<double>> make_poisson_fft(const Context&, const PoissonGrid&);
}  // namespace simt::stencils
