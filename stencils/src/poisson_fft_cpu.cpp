// SPDX-License-Identifier: MIT
// The spectral Poisson solve on the CPU with FFTW: a real-to-complex transform, a division by
// the Laplacian's symbol, the transform back (every axis periodic).
#include "poisson_fft.hpp"

#include <simt/core/error.hpp>
#include <simt/stencils/poisson_kernels.hpp>
#include "fftw_api.hpp"

namespace simt::stencils {
namespace {
template <class Real>
class PoissonFftCpu final : public PoissonSolver<Real> {
    using F = fftw::Api<Real>;

   public:
    PoissonFftCpu(const Context& ctx, const PoissonGrid& g)
        : m_ctx(ctx), m_g(g), m_half(g.n[0] / 2 + 1), m_spectrum(Backend::Cpu, 2 * std::size_t(m_half) * g.n[1] * g.n[2]),
          m_scratch(Backend::Cpu, std::size_t(g.cells())) {
        // FFTW takes the slowest axis first.
        const int dims3[3] = {g.n[2], g.n[1], g.n[0]};
        const int rank = g.dim();
        const int* dims = rank == 3 ? dims3 : dims3 + 1;
        auto* spectrum = reinterpret_cast<typename F::Complex*>(m_spectrum.data());
        std::lock_guard<std::mutex> lock(fftw::planner_mutex());
        fftw::plan_with_all_threads<Real>();
        m_forward = F::r2c(rank, dims, m_scratch.data(), spectrum);
        m_backward = F::c2r(rank, dims, spectrum, m_scratch.data());
        SIMT_REQUIRE(m_forward && m_backward, "poisson.fft: FFTW could not plan the transforms");
    }
    ~PoissonFftCpu() override {
        std::lock_guard<std::mutex> lock(fftw::planner_mutex());
        F::destroy(m_forward);
        F::destroy(m_backward);
    }

    PoissonStats solve(Buffer<Real>& rhs, Buffer<Real>& phi, bool) override {
        auto launch = m_ctx.profiler().start(fft_solve_kernel<Real>(m_g), Backend::Cpu, nullptr);
        auto* spectrum = reinterpret_cast<typename F::Complex*>(m_spectrum.data());
        F::forward(m_forward, rhs.data(), spectrum);
        const int nx = m_half, ny = m_g.n[1], nz = m_g.n[2];
        const SpectralScale<Real> scale{m_spectrum.data(), nx, ny, 2, {m_g.n[0], m_g.n[1], m_g.n[2]},
                                        {m_g.h[0], m_g.h[1], m_g.h[2]},
                                        {AxisBoundary::Periodic, AxisBoundary::Periodic, AxisBoundary::Periodic}};
        // A plain loop, not a for_each: this file is host code (FFTW's header never meets nvcc).
#pragma omp parallel for collapse(2) schedule(static)
        for (int k = 0; k < nz; ++k)
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i) scale(i, j, k);
        F::backward(m_backward, spectrum, phi.data());
        launch.stop();
        return {};
    }

   private:
    const Context& m_ctx;
    PoissonGrid m_g;
    int m_half;
    Buffer<Real> m_spectrum;  // interleaved (re, im), (nx/2 + 1) x ny x nz
    Buffer<Real> m_scratch;   // only for planning: FFTW_ESTIMATE leaves it untouched
    typename F::Plan m_forward = nullptr, m_backward = nullptr;
};
}  // namespace

template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_fft_cpu(const Context& ctx, const PoissonGrid& g) {
    return std::make_unique<PoissonFftCpu<Real>>(ctx, g);
}
template std::unique_ptr<PoissonSolver<float>> make_poisson_fft_cpu(const Context&, const PoissonGrid&);
template std::unique_ptr<PoissonSolver<double>> make_poisson_fft_cpu(const Context&, const PoissonGrid&);
}  // namespace simt::stencils
