// SPDX-License-Identifier: MIT
// Pointwise pieces of the spectral Poisson solve, shared by the FFTW and cuFFT paths. No CUDA
// syntax: callable from host tests.
#pragma once
#include <cmath>
#include <simt/core/macros.hpp>

namespace simt::stencils {
/// Eigenvalue of the periodic second difference (u_{i-1} - 2u_i + u_{i+1}) / h^2 for Fourier
/// index m of n points: \f$ (2\cos(2\pi m/n) - 2) / h^2 \f$ (<= 0; the same for m and n - m).
SIMT_INLINE double periodic_symbol(int m, int n, double h) {
    const double pi = 3.141592653589793;
    return (2 * cos(2 * pi * m / n) - 2) / (h * h);
}

/// The factor that takes the transform of rhs to the transform of phi, with the 1/N of an
/// unnormalised forward-backward pair folded in: 1 / (N sum_a symbol_a); 0 for the mean mode.
SIMT_INLINE double inverse_symbol(int m0, int m1, int m2, const int (&n)[3], const double (&h)[3]) {
    double s = periodic_symbol(m0, n[0], h[0]) + periodic_symbol(m1, n[1], h[1]);
    if (n[2] > 1) s += periodic_symbol(m2, n[2], h[2]);
    const double cells = double(n[0]) * n[1] * n[2];
    return s == 0 ? 0.0 : 1 / (s * cells);
}

/// Multiplies mode (i, j, k) of an interleaved (re, im) half spectrum of nx x ny x nz modes by
/// inverse_symbol: the whole solve between the forward and backward transforms, on either
/// backend (a plain functor so that the FFTW file, host code, loops over it too).
template <class Real>
struct SpectralScale {
    Real* spectrum;
    Index nx, ny;
    int n[3];
    double h[3];
    SIMT_INLINE void operator()(int i, int j, int k) const {
        const Index at = 2 * (i + nx * (j + ny * k));
        const Real f = Real(inverse_symbol(i, j, k, n, h));
        spectrum[at] *= f;
        spectrum[at + 1] *= f;
    }
};
}  // namespace simt::stencils
