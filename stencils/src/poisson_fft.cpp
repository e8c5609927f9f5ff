// SPDX-License-Identifier: MIT
// make_poisson_fft: checks that the problem is one the spectral solver covers and picks the
// solver: the multi-dimensional FFT of the backend's library when every axis is periodic, the
// axis-by-axis real transforms when some axis has walls.
#include "poisson_fft.hpp"

#include <simt/core/error.hpp>

namespace simt::stencils {
namespace {
void check_no_solid(const PoissonGrid& g) {
    for (std::uint8_t s : g.solid) {
        if (s) throw Unsupported("poisson.fft: solid cells need the cg solver");
    }
}
}  // namespace

template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_fft(const Context& ctx, const PoissonGrid& g, const Comm& ranks,
                                                      const Block& block) {
    check_no_solid(g);
    return make_poisson_fft_slabs<Real>(ctx, g, ranks, block);
}
template std::unique_ptr<PoissonSolver<float>> make_poisson_fft(const Context&, const PoissonGrid&, const Comm&,
                                                                const Block&);
template std::unique_ptr<PoissonSolver<double>> make_poisson_fft(const Context&, const PoissonGrid&, const Comm&,
                                                                 const Block&);

template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_fft(const Context& ctx, const PoissonGrid& g) {
    check_no_solid(g);
    bool walls = false;
    for (int a = 0; a < g.dim(); ++a) walls = walls || !g.periodic[a];
    if (walls) return make_poisson_fft_walls<Real>(ctx, g);
#if SIMT_ENABLE_CUDA
    if (ctx.on_gpu()) return make_poisson_fft_cuda<Real>(ctx, g);
#endif
    return make_poisson_fft_cpu<Real>(ctx, g);
}
template std::unique_ptr<PoissonSolver<float>> make_poisson_fft(const Context&, const PoissonGrid&);
template std::unique_ptr<PoissonSolver<double>> make_poisson_fft(const Context&, const PoissonGrid&);
}  // namespace simt::stencils
