// SPDX-License-Identifier: MIT
// Index spaces for for_each / reduce: the lambda receives (i), (i, j) or (i, j, k).
#pragma once
#include <simt/core/macros.hpp>

namespace simt {
template <int N>
struct Range;

/// Passed by the CPU's for_each as the last argument, to a kernel that accepts it, at the cells
/// of a 2-D or 3-D range whose neighbours at +-1 along every axis lie in the range
/// (0 < i < nx - 1, 0 < j < ny - 1, 0 < k < nz - 1). The kernel may skip its tests for the faces
/// there, so that the x-line becomes a branch-free SIMD loop; its result must be the same as
/// without the tag. The GPU never passes it.
struct Interior {};

template <>
struct Range<1> {
    Index n;
    Index size() const { return n; }
};
template <>
struct Range<2> {
    int nx, ny;
    Index size() const { return Index(nx) * ny; }
};
template <>
struct Range<3> {
    int nx, ny, nz;
    Index size() const { return Index(nx) * ny * nz; }
};
Range(Index) -> Range<1>;
Range(int, int) -> Range<2>;
Range(int, int, int) -> Range<3>;
}  // namespace simt
