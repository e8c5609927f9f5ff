// SPDX-License-Identifier: MIT
// The periodic orthorhombic box [0, L_x) x [0, L_y) x [0, L_z): wrapping and the minimum image.
#pragma once
#include <cmath>
#include <simt/core/macros.hpp>

namespace simt::particles {
/// d(0)^2 + d(1)^2 + d(2)^2 for a callable d giving the three components of a vector.
template <class T, class Components>
SIMT_INLINE T squared_norm(const Components& d) {
    T r2 = 0;
    for (int a = 0; a < 3; ++a) {
        const T da = d(a);
        r2 += da * da;
    }
    return r2;
}

template <class Real>
struct Box {
    Real length[3] = {1, 1, 1};
    Real inv_length[3] = {1, 1, 1};

    Box() = default;
    Box(double lx, double ly, double lz)
        : length{Real(lx), Real(ly), Real(lz)}, inv_length{Real(1 / lx), Real(1 / ly), Real(1 / lz)} {}
    double volume() const { return double(length[0]) * double(length[1]) * double(length[2]); }

    /// The periodic image of a separation along axis a nearest to zero, |d| <= L/2, for |d| < 3L/2
    /// (the difference of two wrapped coordinates). Two selects rather than floor(): branch-free,
    /// vectorisable, no libm call on a CPU without SSE4.1, and the same rounding on the CPU and the GPU.
    SIMT_INLINE Real minimum_image(int a, Real d) const {
        const Real l = length[a], h = Real(0.5) * length[a];
        d = d > h ? d - l : d;
        return d < -h ? d + l : d;
    }
    /// How many box lengths x lies outside [0, L) along axis a (x - shift L is inside).
    SIMT_INLINE Real shift(int a, Real x) const { return floor(x * inv_length[a]); }
};
}  // namespace simt::particles
