// SPDX-License-Identifier: MIT
// A block's cells split for a width-1 stencil into the interior, whose neighbours all lie in the
// block (updated while halos travel), and the shell of boxes along the faces that read halos.
#pragma once
#include <array>
#include <vector>

namespace simt::stencils {
/// Cells lo[a] <= i_a < lo[a] + n[a] of a block.
struct CellBox {
    std::array<int, 3> lo{0, 0, 0};
    std::array<int, 3> n{0, 0, 0};
    long long cells() const { return (long long)n[0] * n[1] * n[2]; }
};

struct InteriorSplit {
    CellBox interior;            ///< empty (0 cells) when the block is at most 2 cells thick
    std::vector<CellBox> shell;  ///< every other cell, each in exactly one box
};

/// Splits the cells `box`: the layer of cells along each face that `peel` names ([axis][lower,
/// upper]) goes to the shell, z faces first, then y, then x, so that every shell box is as long
/// along x as it can be; what is left is the interior.
inline InteriorSplit split_interior(const CellBox& box, const std::array<std::array<bool, 2>, 3>& peel) {
    InteriorSplit s;
    CellBox rest = box;
    for (int a = 2; a >= 0; --a) {
        const auto i = std::size_t(a);
        if (peel[i][0] && rest.cells() > 0) {
            CellBox layer = rest;
            layer.n[i] = 1;
            s.shell.push_back(layer);
            rest.lo[i] += 1;
            rest.n[i] -= 1;
        }
        if (peel[i][1] && rest.cells() > 0) {
            CellBox layer = rest;
            layer.lo[i] = rest.lo[i] + rest.n[i] - 1;
            layer.n[i] = 1;
            s.shell.push_back(layer);
            rest.n[i] -= 1;
        }
    }
    s.interior = rest.cells() > 0 ? rest : CellBox{};
    return s;
}

/// Splits a block of n[0] x n[1] x n[2] cells for a stencil that reads across every face of the
/// first `dim` axes (2: a grid stored with nz = 1).
inline InteriorSplit split_interior(const std::array<int, 3>& n, int dim) {
    std::array<std::array<bool, 2>, 3> peel{};
    for (int a = 0; a < dim; ++a) peel[std::size_t(a)] = {true, true};
    return split_interior(CellBox{{0, 0, 0}, n}, peel);
}
}  // namespace simt::stencils
