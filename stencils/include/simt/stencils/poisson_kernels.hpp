// SPDX-License-Identifier: MIT
// Pointwise pieces of the spectral Poisson solve, shared by the FFTW and cuFFT paths. No CUDA
// syntax: callable from host tests.
#pragma once
#include <cmath>
#include <simt/core/macros.hpp>

namespace simt::stencils {
/// What bounds an axis, and so which transform diagonalises its second difference: periodic
/// (Fourier or Hartley), a wall at both ends (zero normal gradient: DCT-II), or a wall at the
/// low end and phi = 0 on the high face (an outflow: the quarter-wave DCT-IV).
enum class AxisBoundary { Periodic, Walls, Outflow };

/// Eigenvalue of the periodic second difference (u_{i-1} - 2u_i + u_{i+1}) / h^2 for Fourier
/// (or Hartley) index m of n points: \f$ (2\cos(2\pi m/n) - 2) / h^2 \f$ (<= 0; the same for m
/// and n - m).
SIMT_INLINE double periodic_symbol(int m, int n, double h) {
    const double pi = 3.141592653589793;
    return (2 * cos(2 * pi * m / n) - 2) / (h * h);
}

/// Eigenvalue of the cell-centred second difference between two walls of zero normal gradient
/// (the ghost cell mirrors its neighbour) for cosine index m of n points:
/// \f$ (2\cos(\pi m/n) - 2) / h^2 \f$, eigenvector \f$ \cos(\pi m (i + 1/2) / n) \f$ (DCT-II).
SIMT_INLINE double wall_symbol(int m, int n, double h) {
    const double pi = 3.141592653589793;
    return (2 * cos(pi * m / n) - 2) / (h * h);
}

/// Eigenvalue of the cell-centred second difference with a zero normal gradient at the low face
/// and phi = 0 on the high one (the ghost cell is minus its neighbour) for index m of n points:
/// \f$ (2\cos(\pi (m + 1/2)/n) - 2) / h^2 \f$, eigenvector \f$ \cos(\pi (m + 1/2)(i + 1/2) / n) \f$
/// (DCT-IV); never 0.
SIMT_INLINE double outflow_symbol(int m, int n, double h) {
    const double pi = 3.141592653589793;
    return (2 * cos(pi * (m + 0.5) / n) - 2) / (h * h);
}

/// The symbol of an axis's second difference, and the factor by which its unnormalised
/// forward-backward transform pair multiplies: n for the FFT and the Hartley transform, 2n for
/// the DCT-II followed by the DCT-III (FFTW's REDFT10 and REDFT01) and for the DCT-IV twice
/// (REDFT11).
SIMT_INLINE double axis_symbol(int m, int n, double h, AxisBoundary b) {
    if (b == AxisBoundary::Walls) return wall_symbol(m, n, h);
    if (b == AxisBoundary::Outflow) return outflow_symbol(m, n, h);
    return periodic_symbol(m, n, h);
}
SIMT_INLINE double axis_norm(int n, AxisBoundary b) { return b == AxisBoundary::Periodic ? double(n) : 2.0 * n; }

/// The factor that takes the transform of rhs to the transform of phi, with the scaling of the
/// unnormalised transform pairs folded in: 1 / (sum_a symbol_a prod_a norm_a); 0 for the mean
/// mode. Axis 2 counts only when n[2] > 1.
SIMT_INLINE double inverse_symbol(int m0, int m1, int m2, const int (&n)[3], const double (&h)[3],
                                  const AxisBoundary (&b)[3]) {
    double s = axis_symbol(m0, n[0], h[0], b[0]) + axis_symbol(m1, n[1], h[1], b[1]);
    double norm = axis_norm(n[0], b[0]) * axis_norm(n[1], b[1]);
    if (n[2] > 1) {
        s += axis_symbol(m2, n[2], h[2], b[2]);
        norm *= axis_norm(n[2], b[2]);
    }
    return s == 0 ? 0.0 : 1 / (s * norm);
}

/// Multiplies mode (i, j, k) of a spectrum by inverse_symbol: the whole solve between the
/// forward and backward transforms, on either backend (a plain functor so that the FFTW file,
/// host code, loops over it too). The spectrum holds nx x ny x nz modes of `values` reals: 2
/// for the interleaved (re, im) half spectrum of an all-periodic grid, 1 for the real cosine
/// and Hartley coefficients of a grid with walls or outflows. nx, ny: the spectrum's own extents.
template <class Real>
struct SpectralScale {
    Real* spectrum;
    Index nx, ny;
    int values;
    int n[3];
    double h[3];
    AxisBoundary boundary[3];
    int lo[3] = {0, 0, 0};  ///< the global mode of the spectrum's first (a slab's, across ranks)
    SIMT_INLINE void operator()(int i, int j, int k) const {
        const Index at = values * (i + nx * (j + ny * k));
        const Real f = Real(inverse_symbol(lo[0] + i, lo[1] + j, lo[2] + k, n, h, boundary));
        for (int v = 0; v < values; ++v) spectrum[at + v] *= f;
    }
};
}  // namespace simt::stencils
