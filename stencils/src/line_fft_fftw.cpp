// SPDX-License-Identifier: MIT
// Batched line FFTs on the CPU with FFTW (plan_many, contiguous lines).
#include <simt/core/error.hpp>
#include "fftw_api.hpp"
#include "line_fft.hpp"

namespace simt::stencils {
namespace {
template <class Real>
class LineFftw final : public LineFft<Real> {
    using F = fftw::Api<Real>;

   public:
    LineFftw(int n, Index lines, Real* samples, Real* spectrum) {
        SIMT_REQUIRE(lines < (Index(1) << 31), "poisson.fft: too many lines for one FFTW plan");
        auto* complex = reinterpret_cast<typename F::Complex*>(spectrum);
        std::lock_guard<std::mutex> lock(fftw::planner_mutex());
        fftw::plan_with_all_threads<Real>();
        m_forward = F::r2c_lines(n, int(lines), samples, complex);
        m_backward = F::c2r_lines(n, int(lines), complex, samples);
        SIMT_REQUIRE(m_forward && m_backward, "poisson.fft: FFTW could not plan the line transforms");
    }
    ~LineFftw() override {
        std::lock_guard<std::mutex> lock(fftw::planner_mutex());
        F::destroy(m_forward);
        F::destroy(m_backward);
    }
    void forward() override { F::execute(m_forward); }
    void backward() override { F::execute(m_backward); }

   private:
    typename F::Plan m_forward = nullptr, m_backward = nullptr;
};
}  // namespace

template <class Real>
std::unique_ptr<LineFft<Real>> make_line_fft_fftw(int n, Index lines, Real* samples, Real* spectrum) {
    return std::make_unique<LineFftw<Real>>(n, lines, samples, spectrum);
}
template std::unique_ptr<LineFft<float>> make_line_fft_fftw(int, Index, float*, float*);
template std::unique_ptr<LineFft<double>> make_line_fft_fftw(int, Index, double*, double*);
}  // namespace simt::stencils
