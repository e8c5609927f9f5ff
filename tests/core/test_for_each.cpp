// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <simt/core/for_each.hpp>
#include "backends.hpp"

namespace simt::test {
// Launches live in named free functions: nvcc does not allow extended lambdas in the static
// functions doctest generates for each TEST_CASE.
void fill_1d(const Context& ctx, View<long long, 1> v) {
    for_each(ctx, "test.fill_1d", Range<1>{v.extent[0]}, SIMT_LAMBDA(Index i) { v(i) += i + 1; });
}
void fill_2d(const Context& ctx, View<long long, 2> v) {
    for_each(ctx, "test.fill_2d", Range<2>{int(v.extent[0]), int(v.extent[1])},
             SIMT_LAMBDA(int i, int j) { v(i, j) += 1 + i + 1000 * j; });
}
void fill_3d(const Context& ctx, View<long long, 3> v) {
    for_each(ctx, "test.fill_3d", Range<3>{int(v.extent[0]), int(v.extent[1]), int(v.extent[2])},
             SIMT_LAMBDA(int i, int j, int k) { v(i, j, k) += 1 + i + 1000 * j + 1000000 * k; });
}
}  // namespace simt::test

using namespace simt;

// Each index must be visited exactly once: a zeroed buffer incremented by a unique value
// shows both a missed index (0) and a repeated one (double the value).
TEST_CASE("for_each visits every index of 1-, 2- and 3-D ranges exactly once") {
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        Context ctx(b);
        const int nx = 131, ny = 7, nz = 5;  // not multiples of any block size
        std::vector<long long> zeros(nx * ny * nz, 0);

        Buffer<long long> a(b, nx * ny * nz);
        a.copy_from_host(zeros.data());
        test::fill_1d(ctx, a.view());
        auto h = a.to_host();
        for (Index i = 0; i < Index(h.size()); ++i) REQUIRE(h[i] == i + 1);

        Buffer<long long> c(b, nx * ny);
        c.copy_from_host(zeros.data());
        test::fill_2d(ctx, c.view<2>({nx, ny}));
        h = c.to_host();
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) REQUIRE(h[i + nx * j] == 1 + i + 1000 * j);

        Buffer<long long> d(b, nx * ny * nz);
        d.copy_from_host(zeros.data());
        test::fill_3d(ctx, d.view<3>({nx, ny, nz}));
        h = d.to_host();
        for (int k = 0; k < nz; ++k)
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i) REQUIRE(h[i + nx * (j + ny * k)] == 1 + i + 1000 * j + 1000000 * k);
    }
}

TEST_CASE("for_each over an empty range launches nothing and does not fail") {
    for (Backend b : test::backends()) {
        Context ctx(b);
        Buffer<long long> a(b, 0);
        test::fill_1d(ctx, a.view());
        CHECK(a.size() == 0);
    }
}
