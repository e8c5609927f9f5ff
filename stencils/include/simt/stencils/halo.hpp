// SPDX-License-Identifier: MIT
// FaceHalos: the neighbouring blocks' cells one layer beyond each face of a rank's block, as a
// width-1 stencil (heat's Laplacian) reads them. Pointwise, no CUDA syntax.
#pragma once
#include <simt/core/macros.hpp>

namespace simt::stencils {
/// One plane per face, on the kernels' side of memory; null where no other block lies across
/// (a domain face, whose condition the stencil applies, or a periodic axis this rank holds whole,
/// which the stencil wraps within the block). The plane of axis a is indexed over the two other
/// axes, the lower one fastest: x faces (j, k), y faces (i, k), z faces (i, j).
template <class Real>
struct FaceHalos {
    const Real* lo[3] = {nullptr, nullptr, nullptr};
    const Real* hi[3] = {nullptr, nullptr, nullptr};
};

/// Where cell (i, j, k) of a block of n[0] x n[1] x n[2] cells lies in the plane of axis `axis`.
SIMT_INLINE Index halo_index(int axis, int i, int j, int k, const Index (&n)[3]) {
    return axis == 0 ? j + n[1] * k : axis == 1 ? i + n[0] * k : i + n[0] * j;
}
}  // namespace simt::stencils
