// SPDX-License-Identifier: MIT
// The MAC grid's split into a lean interior and a shell of ghost-logic cells: every cell is in
// exactly one, and the interior's right-hand side is the shell path's arithmetic.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>
#include <simt/core/philox.hpp>
#include <simt/stencils/mac_kernels.hpp>
#include "../approx.hpp"

using namespace simt;
using namespace simt::stencils;

TEST_CASE("mac: the interior box and the shell cover every cell once") {
    const int sizes[][3] = {{16, 12, 1}, {7, 5, 1}, {3, 9, 1}, {9, 8, 7}, {6, 5, 11}, {4, 4, 4}, {2, 3, 5}};
    for (const auto& size : sizes) {
        const int n[3] = {size[0], size[1], size[2]}, dim = n[2] > 1 ? 3 : 2;
        CAPTURE(n[0]);
        CAPTURE(n[1]);
        CAPTURE(n[2]);
        const MacInterior box(n, dim);
        std::vector<int> hits(std::size_t(n[0]) * n[1] * n[2], 0);
        for (int k = box.lo[2]; k < box.hi[2]; ++k)
            for (int j = box.lo[1]; j < box.hi[1]; ++j)
                for (int i = box.lo[0]; i < box.hi[0]; ++i) {
                    CHECK(i >= 2);
                    CHECK(i < n[0] - 2);
                    ++hits[std::size_t(i + n[0] * (j + n[1] * k))];
                }
        const Index shell = mac_shell_cells(n, box);
        for (Index t = 0; t < shell; ++t) {
            int i, j, k;
            mac_shell_cell(t, n, box.lo, box.hi, i, j, k);
            REQUIRE(i >= 0);
            REQUIRE(j >= 0);
            REQUIRE(k >= 0);
            REQUIRE(i < n[0]);
            REQUIRE(j < n[1]);
            REQUIRE(k < n[2]);
            ++hits[std::size_t(i + n[0] * (j + n[1] * k))];
        }
        for (int h : hits) CHECK(h == 1);
    }
}

TEST_CASE("mac: the interior right-hand side equals the ghost-logic path") {
    const int n[3] = {9, 8, 7};
    std::vector<double> data[3];
    MacVelocity<double> v;
    for (int c = 0; c < 3; ++c) {
        for (Index cell = 0; cell < Index(n[0]) * n[1] * n[2]; ++cell) {
            const Philox4 bits = philox_bits(11, std::uint64_t(c), std::uint64_t(cell));
            data[c].push_back(2 * u64_to_uniform(bits.v[0], bits.v[1]) - 1);
        }
        v.u[c] = data[c].data();
        v.n[c] = v.s[c] = n[c];
    }
    const double inv_h[3] = {9, 8, 7}, inv_h2[3] = {81, 64, 49}, nu = 0.01;
    const double* const u[3] = {v.u[0], v.u[1], v.u[2]};
    const int stride[3] = {1, n[0], n[0] * n[1]};
    const MacInterior box(n, 3);
    for (bool upwind : {false, true})
        for (int k = box.lo[2]; k < box.hi[2]; ++k)
            for (int j = box.lo[1]; j < box.hi[1]; ++j)
                for (int i = box.lo[0]; i < box.hi[0]; ++i)
                    for (int c = 0; c < 3; ++c) {
                        const double generic = nu * mac_laplacian<3>(v, c, i, j, k, inv_h2) -
                                               mac_advection<3>(v, c, i, j, k, inv_h, upwind);
                        const int at = i + n[0] * (j + n[1] * k);
                        const double lean = upwind ? mac_rhs_interior<3, true>(u, c, at, stride, inv_h, inv_h2, nu)
                                                   : mac_rhs_interior<3, false>(u, c, at, stride, inv_h, inv_h2, nu);
                        CHECK(lean == test::relative(generic, 1e-14));
                    }
}
