// SPDX-License-Identifier: MIT
// The spectral solver's backends, chosen by make_poisson_fft (poisson.cpp).
#pragma once
#include <simt/stencils/poisson.hpp>

namespace simt::stencils {
template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_fft_cpu(const PoissonGrid& g);
#if SIMT_ENABLE_CUDA
template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_fft_cuda(const Context& ctx, const PoissonGrid& g);
#endif
}  // namespace simt::stencils
