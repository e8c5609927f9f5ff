// SPDX-License-Identifier: MIT
// The spectral Poisson solve on the GPU with cuFFT (compiled in CUDA builds only): R2C, a
// division by the Laplacian's symbol, C2R, all on the context's stream.
#include "poisson_fft.hpp"

#include <cufft.h>
#include <type_traits>
#include <simt/core/for_each.hpp>
#include <simt/stencils/poisson_kernels.hpp>
#include "cuda_library_check.hpp"

namespace simt::stencils {
// A named namespace: nvcc's extended lambdas want an enclosing class it can name.
namespace detail {
template <class Real>
class PoissonFftCuda final : public PoissonSolver<Real> {
    static constexpr bool single = std::is_same_v<Real, float>;
    using Complex = std::conditional_t<single, cufftComplex, cufftDoubleComplex>;

   public:
    PoissonFftCuda(const Context& ctx, const PoissonGrid& g)
        : m_ctx(ctx), m_g(g), m_half(g.n[0] / 2 + 1),
          m_spectrum(Backend::Cuda, 2 * std::size_t(m_half) * g.n[1] * g.n[2]) {
        const cufftType r2c = single ? CUFFT_R2C : CUFFT_D2Z, c2r = single ? CUFFT_C2R : CUFFT_Z2D;
        if (g.dim() == 3) {
            SIMT_CUFFT_CHECK(cufftPlan3d(&m_forward, g.n[2], g.n[1], g.n[0], r2c));
            SIMT_CUFFT_CHECK(cufftPlan3d(&m_backward, g.n[2], g.n[1], g.n[0], c2r));
        } else {
            SIMT_CUFFT_CHECK(cufftPlan2d(&m_forward, g.n[1], g.n[0], r2c));
            SIMT_CUFFT_CHECK(cufftPlan2d(&m_backward, g.n[1], g.n[0], c2r));
        }
        auto stream = static_cast<cudaStream_t>(ctx.stream());
        SIMT_CUFFT_CHECK(cufftSetStream(m_forward, stream));
        SIMT_CUFFT_CHECK(cufftSetStream(m_backward, stream));
    }
    ~PoissonFftCuda() override {
        cufftDestroy(m_forward);
        cufftDestroy(m_backward);
    }

    PoissonStats solve(Buffer<Real>& rhs, Buffer<Real>& phi, bool) override {
        auto launch = m_ctx.profiler().start(fft_solve_kernel<Real>(m_g), Backend::Cuda, m_ctx.stream());
        auto* spectrum = reinterpret_cast<Complex*>(m_spectrum.data());
        if constexpr (single) {
            SIMT_CUFFT_CHECK(cufftExecR2C(m_forward, rhs.data(), spectrum));
        } else {
            SIMT_CUFFT_CHECK(cufftExecD2Z(m_forward, rhs.data(), spectrum));
        }
        const Range<3> r{m_half, m_g.n[1], m_g.n[2]};
        for_each(m_ctx, Kernel("poisson.fft.scale", 4.0 * sizeof(Real) * double(r.size())), r,
                 SpectralScale<Real>{m_spectrum.data(), m_half, m_g.n[1], 2, {m_g.n[0], m_g.n[1], m_g.n[2]},
                                     {m_g.h[0], m_g.h[1], m_g.h[2]},
                                     {AxisBoundary::Periodic, AxisBoundary::Periodic, AxisBoundary::Periodic}});
        if constexpr (single) {
            SIMT_CUFFT_CHECK(cufftExecC2R(m_backward, spectrum, phi.data()));
        } else {
            SIMT_CUFFT_CHECK(cufftExecZ2D(m_backward, spectrum, phi.data()));
        }
        launch.stop();
        return {};
    }

   private:
    const Context& m_ctx;
    PoissonGrid m_g;
    int m_half;
    Buffer<Real> m_spectrum;  // interleaved (re, im), (nx/2 + 1) x ny x nz
    cufftHandle m_forward = 0, m_backward = 0;
};
}  // namespace detail

template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_fft_cuda(const Context& ctx, const PoissonGrid& g) {
    return std::make_unique<detail::PoissonFftCuda<Real>>(ctx, g);
}
template std::unique_ptr<PoissonSolver<float>> make_poisson_fft_cuda(const Context&, const PoissonGrid&);
template std::unique_ptr<PoissonSolver<double>> make_poisson_fft_cuda(const Context&, const PoissonGrid&);
}  // namespace simt::stencils
