// SPDX-License-Identifier: MIT
// The spectral Poisson solve on the CPU with FFTW: a real-to-complex transform, a division by
// the Laplacian's symbol, the transform back. FFTW_ESTIMATE plans are the same every run, so a
// solve gives the same bits every time (exact restart).
#include "poisson_fft.hpp"

#include <fftw3.h>
#include <mutex>
#include <omp.h>
#include <simt/core/error.hpp>
#include <simt/stencils/poisson_kernels.hpp>

namespace simt::stencils {
namespace {
/// FFTW's double and single precision APIs under one name.
template <class Real>
struct Fftw;
template <>
struct Fftw<double> {
    using Plan = fftw_plan;
    using Complex = fftw_complex;
    static void threads(int n) { fftw_plan_with_nthreads(n); }
    static Plan r2c(int rank, const int* n, double* in, Complex* out) {
        return fftw_plan_dft_r2c(rank, n, in, out, FFTW_ESTIMATE);
    }
    static Plan c2r(int rank, const int* n, Complex* in, double* out) {
        return fftw_plan_dft_c2r(rank, n, in, out, FFTW_ESTIMATE);
    }
    static void forward(Plan p, double* in, Complex* out) { fftw_execute_dft_r2c(p, in, out); }
    static void backward(Plan p, Complex* in, double* out) { fftw_execute_dft_c2r(p, in, out); }
    static void destroy(Plan p) { fftw_destroy_plan(p); }
};
template <>
struct Fftw<float> {
    using Plan = fftwf_plan;
    using Complex = fftwf_complex;
    static void threads(int n) { fftwf_plan_with_nthreads(n); }
    static Plan r2c(int rank, const int* n, float* in, Complex* out) {
        return fftwf_plan_dft_r2c(rank, n, in, out, FFTW_ESTIMATE);
    }
    static Plan c2r(int rank, const int* n, Complex* in, float* out) {
        return fftwf_plan_dft_c2r(rank, n, in, out, FFTW_ESTIMATE);
    }
    static void forward(Plan p, float* in, Complex* out) { fftwf_execute_dft_r2c(p, in, out); }
    static void backward(Plan p, Complex* in, float* out) { fftwf_execute_dft_c2r(p, in, out); }
    static void destroy(Plan p) { fftwf_destroy_plan(p); }
};

/// FFTW's planner is not thread-safe, and its thread support is set up once per process.
std::mutex& planner_mutex() {
    static std::mutex m;
    return m;
}
void init_threads_once() {
    static const bool done = [] {
        fftw_init_threads();
        fftwf_init_threads();
        return true;
    }();
    (void)done;
}

template <class Real>
class PoissonFftCpu final : public PoissonSolver<Real> {
    using F = Fftw<Real>;

   public:
    PoissonFftCpu(const Context& ctx, const PoissonGrid& g)
        : m_ctx(ctx), m_g(g), m_half(g.n[0] / 2 + 1), m_spectrum(Backend::Cpu, 2 * std::size_t(m_half) * g.n[1] * g.n[2]),
          m_scratch(Backend::Cpu, std::size_t(g.cells())) {
        // FFTW takes the slowest axis first.
        const int dims3[3] = {g.n[2], g.n[1], g.n[0]};
        const int rank = g.dim();
        const int* dims = rank == 3 ? dims3 : dims3 + 1;
        auto* spectrum = reinterpret_cast<typename F::Complex*>(m_spectrum.data());
        std::lock_guard<std::mutex> lock(planner_mutex());
        init_threads_once();
        F::threads(omp_get_max_threads());
        m_forward = F::r2c(rank, dims, m_scratch.data(), spectrum);
        m_backward = F::c2r(rank, dims, spectrum, m_scratch.data());
        SIMT_REQUIRE(m_forward && m_backward, "poisson.fft: FFTW could not plan the transforms");
    }
    ~PoissonFftCpu() override {
        std::lock_guard<std::mutex> lock(planner_mutex());
        F::destroy(m_forward);
        F::destroy(m_backward);
    }

    PoissonStats solve(Buffer<Real>& rhs, Buffer<Real>& phi, bool) override {
        auto launch = m_ctx.profiler().start(fft_solve_kernel<Real>(m_g), Backend::Cpu, nullptr);
        auto* spectrum = reinterpret_cast<typename F::Complex*>(m_spectrum.data());
        F::forward(m_forward, rhs.data(), spectrum);
        const int nx = m_half, ny = m_g.n[1], nz = m_g.n[2];
        const SpectralScale<Real> scale{m_spectrum.data(), nx, ny, {m_g.n[0], m_g.n[1], m_g.n[2]},
                                        {m_g.h[0], m_g.h[1], m_g.h[2]}};
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
