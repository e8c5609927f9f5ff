// SPDX-License-Identifier: MIT
// The spectral solver's backends, chosen by make_poisson_fft (poisson.cpp).
#pragma once
#include <array>
#include <memory>
#include <vector>
#include <simt/core/profiler.hpp>
#include <simt/stencils/axis_transform_kernels.hpp>
#include <simt/stencils/poisson.hpp>
#include "line_fft.hpp"

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

/// The real transforms (axis_transform_kernels.hpp) along some axes of a box of n cells (x
/// fastest) that holds whole lines along each of them: Makhoul's kernels around a batched line
/// FFT. forward(a) and backward(a) transform along the a-th axis given; in and out may be the
/// same array; backward overwrites its input.
template <class Real>
class AxisTransforms {
   public:
    struct Axis {
        int axis;
        AxisBoundary boundary;
    };
    AxisTransforms(const Context& ctx, const std::array<int, 3>& n, const std::vector<Axis>& axes);
    void forward(std::size_t a, Real* in, Real* out);
    void backward(std::size_t a, Real* field, Real* out);
    std::size_t size() const { return m_axes.size(); }

   private:
    std::size_t cells() const { return std::size_t(m_n[0]) * std::size_t(m_n[1]) * std::size_t(m_n[2]); }

    const Context& m_ctx;
    std::array<int, 3> m_n;
    std::vector<AxisLines> m_axes;
    Buffer<Real> m_lines;     // one axis's lines, packed
    Buffer<Real> m_spectrum;  // their half spectra, interleaved (re, im)
    std::vector<std::unique_ptr<LineFft<Real>>> m_fft;
};
/// The transform's boundary along axis a of g: the Hartley transform's (periodic), the DCT-II's
/// (walls) or the DCT-IV's (a Dirichlet high face).
AxisBoundary axis_boundary(const PoissonGrid& g, int a);

/// Across ranks (any axis walled or not): the same transforms on slabs of whole lines, reached
/// from the ranks' blocks by MPI_Alltoallv transposes; rhs and phi are this rank's block.
template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_fft_slabs(const Context& ctx, const PoissonGrid& g, const Comm& ranks,
                                                            const Block& block);
}  // namespace simt::stencils
