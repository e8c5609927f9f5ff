// SPDX-License-Identifier: MIT
// Pointwise pieces of the multigrid V-cycle: one level's operator A x = diag x_i - sum w_a x_nb
// read from its open-face and Dirichlet bits (multigrid_hierarchy.hpp). 32-bit cell offsets: a level holds
// fewer than 2^31 cells (the CSR matrix of the finest one indexes them with int already).
// No CUDA syntax.
#pragma once
#include <cstdint>
#include <simt/core/macros.hpp>

namespace simt::stencils {
template <class Real>
struct MultigridStencil {
    const std::uint8_t* open = nullptr;
    int n[3] = {1, 1, 1};
    Real w[3] = {0, 0, 0};
    int pin = 0;
    Real shift = 0;

    SIMT_INLINE int at(int i, int j, int k) const { return i + n[0] * (j + n[1] * k); }

    /// Sum of w_a x over the open faces of cell (i, j, k) (0 without WithSum: x is not read);
    /// `diag` gets A's diagonal there.
    template <int Dim, bool WithSum = true>
    SIMT_INLINE Real gather(const Real* x, int i, int j, int k, Real& diag) const {
        const int c = at(i, j, k), idx[3] = {i, j, k}, stride[3] = {1, n[0], n[0] * n[1]};
        const int bits = open[c];
        Real sum = 0, d = c == pin ? shift : Real(0);
        SIMT_UNROLL
        for (int a = 0; a < Dim; ++a) {
            const int wrap = (n[a] - 1) * stride[a];
            const int hi = idx[a] + 1 < n[a] ? c + stride[a] : c - wrap;
            const int lo = idx[a] > 0 ? c - stride[a] : c + wrap;
            if (bits >> a & 1) {
                d += w[a];
                if (WithSum) sum += w[a] * x[hi];
            }
            if (open[lo] >> a & 1) {
                d += w[a];
                if (WithSum) sum += w[a] * x[lo];
            }
            if (bits >> (3 + a) & 1) d += 2 * w[a];  // phi = 0 on the face
        }
        diag = d;
        return sum;
    }

    /// The Gauss-Seidel value of cell (i, j, k): (b + sum w x_nb) / diag, 0 where the cell is
    /// coupled to nothing (solid).
    template <int Dim>
    SIMT_INLINE Real relaxed(const Real* b, const Real* x, int i, int j, int k) const {
        Real diag;
        const Real sum = gather<Dim>(x, i, j, k, diag);
        return diag > 0 ? (b[at(i, j, k)] + sum) / diag : Real(0);
    }

    /// (b - A x) at cell (i, j, k).
    template <int Dim>
    SIMT_INLINE Real residual(const Real* b, const Real* x, int i, int j, int k) const {
        Real diag;
        const Real sum = gather<Dim>(x, i, j, k, diag);
        const int c = at(i, j, k);
        return b[c] - (diag * x[c] - sum);
    }
};
}  // namespace simt::stencils
