// SPDX-License-Identifier: MIT
// A real-to-real transform along one axis of an n[0] x n[1] x n[2] field (x fastest), built
// around a batched real FFT of contiguous lines (FFTW or cuFFT), so that the same pointwise
// code runs on either backend:
//   walled axis:   the DCT-II forward and the DCT-III backward (FFTW's REDFT10 and REDFT01,
//                  unnormalised: the pair multiplies by 2n), by Makhoul's N-point algorithm
//                  (IEEE Trans. ASSP 28, 27-34, 1980): even samples forward, odd ones reversed,
//                  a real FFT, a twiddle by exp(-i pi k / 2n);
//   periodic axis: the discrete Hartley transform (FFTW's DHT, its own inverse up to n) from
//                  the real FFT, so that a grid mixing walled and periodic axes stays real
//                  between the axes' transforms;
//   outflow axis:  the DCT-IV (FFTW's REDFT11, its own inverse up to 2n) from the DCT-II of
//                  u_m = 2 cos(pi (2m + 1) / 4n) x_m, whose coefficients are C_k = Y_k + Y_{k-1}
//                  (Y_{-1} = Y_0): the recurrence Y_0 = C_0 / 2, Y_k = C_k - Y_{k-1} along the
//                  line (its rounding grows like sqrt(n)).
// Forward: PackLines, the R2C of every line, SpectrumToModes (and QuarterWaveRecurrence).
// Backward: ModesToSpectrum, the C2R, UnpackLines (an outflow axis repeats the forward steps).
// No CUDA syntax: callable from host tests.
#pragma once
#include <cmath>
#include <simt/core/macros.hpp>
#include <simt/stencils/poisson_kernels.hpp>

namespace simt::stencils {
/// The lines along `axis` of the field, packed one after another (n[axis] reals each, or
/// n[axis] / 2 + 1 complex values in the spectrum), in the order of the other two axes (the
/// lower one fastest).
struct AxisLines {
    int n[3];
    int axis;
    AxisBoundary boundary;

    /// Through the DCT-II (walls, outflow) rather than the Hartley transform (periodic).
    SIMT_INLINE bool cosine() const { return boundary != AxisBoundary::Periodic; }
    SIMT_INLINE int length() const { return n[axis]; }
    SIMT_INLINE int half() const { return n[axis] / 2 + 1; }
    SIMT_INLINE int along(int i, int j, int k) const { return axis == 0 ? i : axis == 1 ? j : k; }
    SIMT_INLINE Index line(int i, int j, int k) const {
        if (axis == 0) return j + Index(n[1]) * k;
        if (axis == 1) return i + Index(n[0]) * k;
        return i + Index(n[0]) * j;
    }
    /// The field's index of cell (i, j, k) with its coordinate along the axis replaced by m.
    SIMT_INLINE Index cell(int i, int j, int k, int m) const {
        if (axis == 0) i = m;
        if (axis == 1) j = m;
        if (axis == 2) k = m;
        return i + Index(n[0]) * (j + Index(n[1]) * k);
    }
    /// Where sample m of a line goes before the FFT: Makhoul's order for the cosine transform
    /// (x_0, x_2, x_4, ..., x_5, x_3, x_1), unchanged for the Hartley transform.
    SIMT_INLINE int slot(int m) const {
        const int size = n[axis];
        if (!cosine()) return m;
        return m % 2 == 0 ? m / 2 : size - 1 - m / 2;
    }
};

/// Forward, before the R2C: the field's lines into contiguous lines, reordered (and weighted
/// by 2 cos(pi (2m + 1) / 4n) on an outflow axis). One cell each.
template <class Real>
struct PackLines {
    AxisLines g;
    const Real* field;
    Real* lines;
    SIMT_INLINE void operator()(int i, int j, int k) const {
        const int m = g.along(i, j, k);
        double x = field[g.cell(i, j, k, m)];
        if (g.boundary == AxisBoundary::Outflow) x *= 2 * cos(3.141592653589793 * (2 * m + 1) / (4.0 * g.length()));
        lines[g.line(i, j, k) * g.length() + g.slot(m)] = Real(x);
    }
};

/// Forward, after the R2C: coefficient q of each line from its half spectrum (interleaved re,
/// im; F_q = conj(F_{n-q}) above n / 2), written into the field in place of the samples.
/// Cosine: 2 Re(exp(-i pi q / 2n) F_q); Hartley: Re F_q - Im F_q. One cell each.
template <class Real>
struct SpectrumToModes {
    AxisLines g;
    const Real* spectrum;
    Real* field;
    SIMT_INLINE void operator()(int i, int j, int k) const {
        const int q = g.along(i, j, k), n = g.length();
        const bool mirror = 2 * q > n;
        const Index at = 2 * (g.line(i, j, k) * g.half() + (mirror ? n - q : q));
        const double re = spectrum[at], im = mirror ? -double(spectrum[at + 1]) : double(spectrum[at + 1]);
        double out = re - im;
        if (g.cosine()) {
            const double phi = 3.141592653589793 * q / (2.0 * n);
            out = 2 * (cos(phi) * re + sin(phi) * im);
        }
        field[g.cell(i, j, k, q)] = Real(out);
    }
};

/// Backward, before the C2R: the half spectrum G_q (q = 0 .. n / 2) of each line from the
/// field's coefficients X. Cosine: exp(i pi q / 2n) (X_q - i X_{n-q}), X_n = 0 (its C2R is the
/// DCT-III in Makhoul's order); Hartley: E_q - i O_q with E, O the even and odd parts of X
/// about q = 0 (its C2R is the Hartley transform). Launched over the field with the axis cut
/// to n / 2 + 1.
template <class Real>
struct ModesToSpectrum {
    AxisLines g;
    const Real* field;
    Real* spectrum;
    SIMT_INLINE void operator()(int i, int j, int k) const {
        const int q = g.along(i, j, k), n = g.length();
        const double a = field[g.cell(i, j, k, q)];
        const double b = q == 0 ? (g.cosine() ? 0.0 : a) : double(field[g.cell(i, j, k, n - q)]);
        double re = 0.5 * (a + b), im = 0.5 * (b - a);
        if (g.cosine()) {
            const double phi = 3.141592653589793 * q / (2.0 * n), c = cos(phi), s = sin(phi);
            re = c * a + s * b;
            im = s * a - c * b;
        }
        const Index at = 2 * (g.line(i, j, k) * g.half() + q);
        spectrum[at] = Real(re);
        spectrum[at + 1] = Real(im);
    }
};

/// Backward, after the C2R: the lines back into the field, undoing PackLines' order.
template <class Real>
struct UnpackLines {
    AxisLines g;
    const Real* lines;
    Real* field;
    SIMT_INLINE void operator()(int i, int j, int k) const {
        const int m = g.along(i, j, k);
        field[g.cell(i, j, k, m)] = lines[g.line(i, j, k) * g.length() + g.slot(m)];
    }
};
/// Outflow axis, after SpectrumToModes: the DCT-IV from the DCT-II of the weighted line,
/// Y_0 = C_0 / 2, Y_k = C_k - Y_{k-1}, in place; one line each (launched over the other two
/// axes, the lower one first).
template <class Real>
struct QuarterWaveRecurrence {
    AxisLines g;
    Real* field;
    SIMT_INLINE void operator()(int p, int q) const {
        const int i = g.axis == 0 ? 0 : p, j = g.axis == 1 ? 0 : (g.axis == 0 ? p : q), k = g.axis == 2 ? 0 : q;
        double y = 0;
        for (int m = 0; m < g.length(); ++m) {
            const Index at = g.cell(i, j, k, m);
            y = m == 0 ? 0.5 * double(field[at]) : double(field[at]) - y;
            field[at] = Real(y);
        }
    }
};
}  // namespace simt::stencils
