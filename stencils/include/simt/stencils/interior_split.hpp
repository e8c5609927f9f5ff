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

/// Splits a block of n[0] x n[1] x n[2] cells: along the first `dim` axes (2: a grid stored with
/// nz = 1) the outer layer of cells goes to the shell, z planes first, then y rows, then x
/// columns, so that every shell box is as long along x as it can be.
inline InteriorSplit split_interior(const std::array<int, 3>& n, int dim) {
    InteriorSplit s;
    CellBox rest{{0, 0, 0}, n};
    for (int a = dim - 1; a >= 0; --a) {
        if (rest.cells() == 0) break;
        CellBox layer = rest;
        layer.n[a] = 1;
        s.shell.push_back(layer);  // the lower layer
        if (rest.n[a] > 1) {
            layer.lo[a] = rest.lo[a] + rest.n[a] - 1;
            s.shell.push_back(layer);  // the upper one
        }
        rest.lo[a] += 1;
        rest.n[a] = rest.n[a] > 2 ? rest.n[a] - 2 : 0;
    }
    s.interior = rest.cells() > 0 ? rest : CellBox{};
    return s;
}
}  // namespace simt::stencils
