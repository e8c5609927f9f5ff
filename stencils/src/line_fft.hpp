// SPDX-License-Identifier: MIT
// Batched one-dimensional real FFTs of contiguous lines: what the walled spectral solver needs
// of a transform library (FFTW on the CPU, cuFFT on the GPU), each backend in a file of its own.
#pragma once
#include <memory>
#include <simt/core/context.hpp>

namespace simt::stencils {
/// `lines` transforms of n points, planned on the two buffers it always runs on: forward, the
/// R2C of `samples` (n reals a line) into `spectrum` (n / 2 + 1 interleaved complex values a
/// line); backward, the unnormalised C2R back (the spectrum is overwritten).
template <class Real>
class LineFft {
   public:
    virtual ~LineFft() = default;
    virtual void forward() = 0;
    virtual void backward() = 0;
};

template <class Real>
std::unique_ptr<LineFft<Real>> make_line_fft_fftw(int n, Index lines, Real* samples, Real* spectrum);
#if SIMT_ENABLE_CUDA
/// On the context's stream.
template <class Real>
std::unique_ptr<LineFft<Real>> make_line_fft_cufft(const Context& ctx, int n, Index lines, Real* samples, Real* spectrum);
#endif
}  // namespace simt::stencils
