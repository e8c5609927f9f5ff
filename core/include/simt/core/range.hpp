// SPDX-License-Identifier: MIT
// Index spaces for for_each / reduce: the lambda receives (i), (i, j) or (i, j, k).
#pragma once
#include <simt/core/macros.hpp>

namespace simt {
template <int N>
struct Range;

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
