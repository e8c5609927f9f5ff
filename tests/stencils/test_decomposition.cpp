// SPDX-License-Identifier: MIT
// The block decomposition: which rank grid is chosen, which cells each rank owns and who its
// neighbours are, and that the Laplacian on a block with its halos equals the whole grid's.
#include <doctest/doctest.h>

#include <array>
#include <vector>
#include <simt/core/error.hpp>
#include <simt/core/philox.hpp>
#include <simt/stencils/decomposition.hpp>
#include <simt/stencils/laplacian_kernels.hpp>

using namespace simt;
using namespace simt::stencils;

namespace {
Grid grid(int nx, int ny, int nz) { return Grid{nx, ny, nz, 1.0, 1.5, 2.0}; }
using Dims = std::array<int, 3>;
}  // namespace

TEST_CASE("decomposition: the rank grid cuts the fewest cell faces") {
    // 4 ranks on 256 x 256: 2 x 2 cuts 512 faces, 4 x 1 and 1 x 4 cut 768.
    CHECK(choose_rank_grid(4, grid(256, 256, 1), {0, 0, 0}) == Dims{2, 2, 1});
    // A wide grid is cut across its short side: 2 x 1 cuts 64 faces, 1 x 2 cuts 256.
    CHECK(choose_rank_grid(2, grid(256, 64, 1), {0, 0, 0}) == Dims{2, 1, 1});
    CHECK(choose_rank_grid(8, grid(32, 32, 32), {0, 0, 0}) == Dims{2, 2, 2});
    // Equal cuts: the slower axis takes the ranks (blocks of whole rows); 2-D is never cut along z.
    CHECK(choose_rank_grid(3, grid(64, 64, 1), {0, 0, 0}) == Dims{1, 3, 1});
    CHECK(choose_rank_grid(1, grid(5, 5, 5), {0, 0, 0}) == Dims{1, 1, 1});
    // Fixed counts are kept, the free axes take the rest.
    CHECK(choose_rank_grid(4, grid(256, 256, 1), {4, 0, 0}) == Dims{4, 1, 1});
    CHECK(choose_rank_grid(6, grid(8, 8, 8), {0, 0, 3}) == Dims{1, 2, 3});
}

TEST_CASE("decomposition: a rank grid that does not fit is a scenario error") {
    CHECK_THROWS_AS(choose_rank_grid(5, grid(4, 4, 1), {0, 0, 0}), ConfigError);    // 5 is prime, 4 cells per axis
    CHECK_THROWS_AS(choose_rank_grid(4, grid(64, 64, 1), {3, 0, 0}), ConfigError);  // 3 does not divide 4
    CHECK_THROWS_AS(choose_rank_grid(4, grid(64, 64, 1), {0, 0, 2}), ConfigError);  // z of a 2-D grid
    CHECK_THROWS_WITH_AS(choose_rank_grid(8, grid(4, 64, 1), {8, 0, 0}),
                         doctest::Contains("parallel.ranks_x = 8 is more ranks than the grid's 4 cells along x"),
                         ConfigError);
}

TEST_CASE("decomposition: blocks deal out the cells evenly, the first ones one more") {
    const Grid g = grid(10, 4, 1);
    const int lo[] = {0, 4, 7}, n[] = {4, 3, 3};
    for (int r = 0; r < 3; ++r) {
        CAPTURE(r);
        const Block b = block_of(g, {3, 1, 1}, r, {false, false, false});
        CHECK(b.lo == Dims{lo[r], 0, 0});
        CHECK(b.n == Dims{n[r], 4, 1});
        CHECK(b.cells() == Index(n[r]) * 4);
    }
}

TEST_CASE("decomposition: neighbours across faces, wrapping only on periodic axes") {
    const Grid g = grid(8, 8, 1);
    // Ranks x fastest: rank 3 of 2 x 2 sits at (1, 1).
    const Block walls = block_of(g, {2, 2, 1}, 3, {false, false, false});
    CHECK(walls.coord == Dims{1, 1, 0});
    CHECK(walls.neighbor[0] == std::array<int, 2>{2, -1});
    CHECK(walls.neighbor[1] == std::array<int, 2>{1, -1});
    CHECK(walls.neighbor[2] == std::array<int, 2>{-1, -1});
    const Block wrapped = block_of(g, {2, 2, 1}, 3, {true, false, true});
    CHECK(wrapped.neighbor[0] == std::array<int, 2>{2, 2});
    CHECK(wrapped.neighbor[1] == std::array<int, 2>{1, -1});
    CHECK(wrapped.neighbor[2] == std::array<int, 2>{3, 3});  // one rank along z: itself
    // The stencil sees the domain's faces on the domain's edges, periodic ones between blocks.
    Faces domain;
    for (int a = 0; a < 3; ++a) domain.lo[a] = domain.hi[a] = Face{BoundaryType::Dirichlet, 0.5};
    const Faces f = block_faces(domain, walls);
    CHECK(f.lo[0].type == BoundaryType::Periodic);
    CHECK(f.hi[0].type == BoundaryType::Dirichlet);
    CHECK(f.hi[0].value == 0.5);
    CHECK(f.lo[1].type == BoundaryType::Periodic);
    CHECK(f.hi[1].type == BoundaryType::Dirichlet);
    CHECK(f.lo[2].type == BoundaryType::Dirichlet);
}

TEST_CASE("decomposition: blocks cut from a field tile it, and one rank gathers its block whole") {
    const Grid g = grid(7, 5, 3);
    std::vector<double> whole(std::size_t(g.cells()));
    for (std::size_t c = 0; c < whole.size(); ++c) whole[c] = double(c);
    std::vector<int> hits(whole.size(), 0);
    const Dims dims{2, 2, 2};
    for (int r = 0; r < 8; ++r) {
        const Block b = block_of(g, dims, r, {false, false, false});
        const std::vector<double> cut = cut_block(g, b, whole.data());
        REQUIRE(cut.size() == std::size_t(b.cells()));
        for (int k = 0; k < b.n[2]; ++k)
            for (int j = 0; j < b.n[1]; ++j)
                for (int i = 0; i < b.n[0]; ++i) {
                    const std::size_t global = std::size_t(b.lo[0] + i + g.nx * (b.lo[1] + j + g.ny * (b.lo[2] + k)));
                    CHECK(cut[std::size_t(i + b.n[0] * (j + b.n[1] * k))] == whole[global]);
                    ++hits[global];
                }
    }
    for (int h : hits) CHECK(h == 1);
    const Block all = block_of(g, {1, 1, 1}, 0, {false, false, false});
    CHECK(gather_blocks(Comm::world(), g, all, whole) == whole);
}

namespace {
/// The global cell across face (axis, side) of block b from its cell (i, j, k), wrapping.
double across(const std::vector<double>& u, const Grid& g, const Block& b, int axis, int side, int i, int j, int k) {
    int at[3] = {b.lo[0] + i, b.lo[1] + j, b.lo[2] + k};
    const int n[3] = {g.nx, g.ny, g.nz};
    at[axis] = (b.lo[std::size_t(axis)] + (side == 0 ? -1 : b.n[std::size_t(axis)]) + n[axis]) % n[axis];
    return u[std::size_t(at[0] + g.nx * (at[1] + g.ny * at[2]))];
}

template <int Dim>
void check_blocks_match_whole(const Grid& g, const Dims& dims, const Faces& domain) {
    std::vector<double> whole(std::size_t(g.cells()));
    for (std::size_t c = 0; c < whole.size(); ++c) {
        const Philox4 bits = philox_bits(5, 0, c);
        whole[c] = 2 * u64_to_uniform(bits.v[0], bits.v[1]) - 1;
    }
    const LaplacianCoeffs<double> c{{1 / (g.dx() * g.dx()), 1 / (g.dy() * g.dy()), 1 / (g.dz() * g.dz())},
                                    {g.dx(), g.dy(), g.dz()}};
    const View<const double, 3> u(whole.data(), {Index(g.nx), Index(g.ny), Index(g.nz)});
    std::array<bool, 3> periodic{};
    for (int a = 0; a < 3; ++a) periodic[std::size_t(a)] = domain.lo[a].type == BoundaryType::Periodic;
    for (int r = 0; r < dims[0] * dims[1] * dims[2]; ++r) {
        CAPTURE(r);
        const Block b = block_of(g, dims, r, periodic);
        const std::vector<double> mine = cut_block(g, b, whole.data());
        const View<const double, 3> ub(mine.data(), {Index(b.n[0]), Index(b.n[1]), Index(b.n[2])});
        // Halos built here from the whole field, where another block lies across.
        std::vector<double> planes[3][2];
        FaceHalos<double> halos;
        const Index n[3] = {b.n[0], b.n[1], b.n[2]};
        for (int a = 0; a < 3; ++a)
            for (int side = 0; side < 2; ++side) {
                if (dims[std::size_t(a)] == 1 || b.neighbor[std::size_t(a)][std::size_t(side)] < 0) continue;
                auto& plane = planes[a][side];
                plane.resize(std::size_t(b.cells() / b.n[std::size_t(a)]));
                for (int k = 0; k < b.n[2]; ++k)
                    for (int j = 0; j < b.n[1]; ++j)
                        for (int i = 0; i < b.n[0]; ++i)
                            plane[std::size_t(halo_index(a, i, j, k, n))] = across(whole, g, b, a, side, i, j, k);
                (side == 0 ? halos.lo[a] : halos.hi[a]) = plane.data();
            }
        const Faces faces = block_faces(domain, b);
        for (int k = 0; k < b.n[2]; ++k)
            for (int j = 0; j < b.n[1]; ++j)
                for (int i = 0; i < b.n[0]; ++i) {
                    const double expected = laplacian<Dim>(u, b.lo[0] + i, b.lo[1] + j, b.lo[2] + k, domain, c);
                    // Bit for bit: the same operands in the same order.
                    REQUIRE(laplacian<Dim, double, true>(ub, i, j, k, faces, c, halos) == expected);
                }
    }
}
}  // namespace

TEST_CASE("decomposition: the Laplacian on blocks with halos is the whole grid's, to the bit") {
    Faces mixed;
    mixed.lo[0] = Face{BoundaryType::Dirichlet, 0.3};
    mixed.hi[0] = Face{BoundaryType::Neumann, -0.2};
    // y and z periodic (the default)
    check_blocks_match_whole<2>(grid(7, 6, 1), {2, 2, 1}, mixed);
    check_blocks_match_whole<2>(grid(7, 6, 1), {3, 1, 1}, mixed);
    check_blocks_match_whole<3>(grid(5, 4, 6), {2, 1, 3}, mixed);
    check_blocks_match_whole<3>(grid(5, 4, 6), {1, 2, 2}, mixed);
}
