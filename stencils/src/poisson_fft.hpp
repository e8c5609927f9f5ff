// SPDX-License-Identifier: MIT
// The spectral solver's backends, chosen by make_poisson_fft (poisson.cpp).
#pragma once
#include <simt/core/profiler.hpp>
#include <simt/stencils/poisson.hpp>

namespace simt::stencils {
/// The profiler's view of one spectral solve: forward and backward transforms and the scaling,
/// each reading and writing the field once at least.
template <class Real>
Kernel fft_solve_kernel(const PoissonGrid& g) {
    return Kernel("poisson.fft.solve", 6.0 * sizeof(Real) * double(g.cells()));
}
}  // namespace simt::stencils

namespace simt::stencils {
/// Every axis periodic: one multi-dimensional real FFT each way.
template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_fft_cpu(const Context& ctx, const PoissonGrid& g);
#if SIMT_ENABLE_CUDA
template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_fft_cuda(const Context& ctx, const PoissonGrid& g);
#endif
/// Some axis walled: a cosine (walls, outflow) or Hartley (periodic) transform per axis;
/// either backend.
template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_fft_walls(const Context& ctx, const PoissonGrid& g);
}  // namespace simt::stencils
