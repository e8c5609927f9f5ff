// SPDX-License-Identifier: MIT
// Batched line FFTs on the GPU with cuFFT (compiled in CUDA builds only): one plan a direction,
// contiguous lines, on the context's stream.
#include <cufft.h>
#include <type_traits>
#include <simt/core/error.hpp>
#include "cuda_library_check.hpp"
#include "line_fft.hpp"

namespace simt::stencils {
namespace {
template <class Real>
class LineCufft final : public LineFft<Real> {
    static constexpr bool single = std::is_same_v<Real, float>;
    using Complex = std::conditional_t<single, cufftComplex, cufftDoubleComplex>;

   public:
    LineCufft(const Context& ctx, int n, Index lines, Real* samples, Real* spectrum)
        : m_samples(samples), m_spectrum(reinterpret_cast<Complex*>(spectrum)) {
        SIMT_REQUIRE(lines < (Index(1) << 31), "poisson.fft: too many lines for one cuFFT plan");
        // No embedding: the basic layout, lines n reals (n / 2 + 1 complex values) apart.
        int size = n;
        SIMT_CUFFT_CHECK(cufftPlanMany(&m_forward, 1, &size, nullptr, 1, 0, nullptr, 1, 0, single ? CUFFT_R2C : CUFFT_D2Z,
                                       int(lines)));
        SIMT_CUFFT_CHECK(cufftPlanMany(&m_backward, 1, &size, nullptr, 1, 0, nullptr, 1, 0, single ? CUFFT_C2R : CUFFT_Z2D,
                                       int(lines)));
        auto stream = static_cast<cudaStream_t>(ctx.stream());
        SIMT_CUFFT_CHECK(cufftSetStream(m_forward, stream));
        SIMT_CUFFT_CHECK(cufftSetStream(m_backward, stream));
    }
    ~LineCufft() override {
        cufftDestroy(m_forward);
        cufftDestroy(m_backward);
    }
    void forward() override {
        if constexpr (single) {
            SIMT_CUFFT_CHECK(cufftExecR2C(m_forward, m_samples, m_spectrum));
        } else {
            SIMT_CUFFT_CHECK(cufftExecD2Z(m_forward, m_samples, m_spectrum));
        }
    }
    void backward() override {
        if constexpr (single) {
            SIMT_CUFFT_CHECK(cufftExecC2R(m_backward, m_spectrum, m_samples));
        } else {
            SIMT_CUFFT_CHECK(cufftExecZ2D(m_backward, m_spectrum, m_samples));
        }
    }

   private:
    Real* m_samples;
    Complex* m_spectrum;
    cufftHandle m_forward = 0, m_backward = 0;
};
}  // namespace

template <class Real>
std::unique_ptr<LineFft<Real>> make_line_fft_cufft(const Context& ctx, int n, Index lines, Real* samples, Real* spectrum) {
    return std::make_unique<LineCufft<Real>>(ctx, n, lines, samples, spectrum);
}
template std::unique_ptr<LineFft<float>> make_line_fft_cufft(const Context&, int, Index, float*, float*);
template std::unique_ptr<LineFft<double>> make_line_fft_cufft(const Context&, int, Index, double*, double*);
}  // namespace simt::stencils
