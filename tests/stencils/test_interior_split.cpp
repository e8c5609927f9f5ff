// SPDX-License-Identifier: MIT
// The interior/boundary split behind heat's overlap of the halo exchange: every cell of a block
// is updated exactly once, and the interior is exactly the cells whose stencil stays in the block.
#include <doctest/doctest.h>

#include <array>
#include <vector>
#include <simt/stencils/interior_split.hpp>

using namespace simt::stencils;

namespace {
bool contains(const CellBox& b, int i, int j, int k) {
    const int at[3] = {i, j, k};
    for (int a = 0; a < 3; ++a)
        if (at[a] < b.lo[std::size_t(a)] || at[a] >= b.lo[std::size_t(a)] + b.n[std::size_t(a)]) return false;
    return true;
}
}  // namespace

TEST_CASE("interior split: every cell once and the interior exactly the cells that read no halo") {
    struct Shape {
        std::array<int, 3> n;
        int dim;
    };
    const Shape shapes[] = {{{7, 5, 1}, 2}, {{6, 4, 3}, 3}, {{1, 5, 1}, 2}, {{2, 2, 2}, 3}, {{3, 3, 3}, 3},
                            {{5, 1, 1}, 2}, {{4, 6, 1}, 3}, {{9, 2, 7}, 3}, {{3, 3, 1}, 2}};
    for (const Shape& s : shapes) {
        const std::array<int, 3>& n = s.n;
        CAPTURE(n[0]);
        CAPTURE(n[1]);
        CAPTURE(n[2]);
        CAPTURE(s.dim);
        const InteriorSplit split = split_interior(s.n, s.dim);
        CHECK(split.shell.size() <= 2 * std::size_t(s.dim));
        long long interior_cells = 0;
        for (int k = 0; k < s.n[2]; ++k)
            for (int j = 0; j < s.n[1]; ++j)
                for (int i = 0; i < s.n[0]; ++i) {
                    int owners = contains(split.interior, i, j, k) ? 1 : 0;
                    for (const CellBox& b : split.shell) owners += contains(b, i, j, k) ? 1 : 0;
                    CHECK(owners == 1);
                    // The 5- or 7-point stencil of (i, j, k) stays inside the block.
                    const int at[3] = {i, j, k};
                    bool inside = true;
                    for (int a = 0; a < s.dim; ++a) inside = inside && at[a] > 0 && at[a] < s.n[std::size_t(a)] - 1;
                    CHECK(contains(split.interior, i, j, k) == inside);
                    interior_cells += inside ? 1 : 0;
                }
        CHECK(split.interior.cells() == interior_cells);
    }
}

TEST_CASE("interior split of a box within a lattice: only the named faces go to the shell") {
    // lbm's block sits inside its lattice at an offset and reads halos only across faces shared
    // with another rank.
    const CellBox box{{1, 0, 2}, {6, 4, 5}};
    for (int faces = 0; faces < 64; ++faces) {
        std::array<std::array<bool, 2>, 3> peel{};
        for (int f = 0; f < 6; ++f) peel[std::size_t(f / 2)][std::size_t(f % 2)] = (faces >> f & 1) != 0;
        CAPTURE(faces);
        const InteriorSplit split = split_interior(box, peel);
        long long interior_cells = 0;
        for (int k = 0; k < 9; ++k)
            for (int j = 0; j < 6; ++j)
                for (int i = 0; i < 9; ++i) {
                    int owners = contains(split.interior, i, j, k) ? 1 : 0;
                    for (const CellBox& b : split.shell) owners += contains(b, i, j, k) ? 1 : 0;
                    CHECK(owners == int(contains(box, i, j, k)));
                    const int at[3] = {i, j, k};
                    bool reads_no_halo = contains(box, i, j, k);
                    for (std::size_t a = 0; a < 3; ++a) {
                        if (peel[a][0] && at[a] == box.lo[a]) reads_no_halo = false;
                        if (peel[a][1] && at[a] == box.lo[a] + box.n[a] - 1) reads_no_halo = false;
                    }
                    CHECK(contains(split.interior, i, j, k) == reads_no_halo);
                    interior_cells += reads_no_halo ? 1 : 0;
                }
        CHECK(split.interior.cells() == interior_cells);
    }
}
