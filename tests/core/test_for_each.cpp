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

/// Adds 1 at a cell called plainly, 100 at one called with Interior.
struct CountEntries {
    View<long long, 3> v;
    SIMT_INLINE void operator()(int i, int j, int k) const { v(i, j, k) += 1; }
    SIMT_INLINE void operator()(int i, int j, int k, Interior) const { v(i, j, k) += 100; }
    SIMT_INLINE void operator()(int i, int j) const { v(i, j, 0) += 1; }
    SIMT_INLINE void operator()(int i, int j, Interior) const { v(i, j, 0) += 100; }
};
void count_entries(const Context& ctx, View<long long, 3> v, bool as_2d) {
    if (as_2d) {
        for_each(ctx, "test.entries_2d", Range<2>{int(v.extent[0]), int(v.extent[1])}, CountEntries{v});
    } else {
        for_each(ctx, "test.entries_3d", Range<3>{int(v.extent[0]), int(v.extent[1]), int(v.extent[2])},
                 CountEntries{v});
    }
}
}  // namespace simt::test

using namespace simt;

// The CPU passes Interior exactly where every +-1 neighbour lies in the range, and calls each
// cell once either way; the GPU never passes it.
TEST_CASE("for_each passes Interior on the CPU at the cells away from every face, once per cell") {
    struct Shape {
        int nx, ny, nz;
        bool as_2d;
    };
    const Shape shapes[] = {{131, 7, 1, true}, {131, 7, 5, false}, {2, 9, 1, true}, {9, 2, 1, true},
                            {3, 3, 3, false},  {1, 4, 4, false},   {9, 9, 2, false}};
    for (Backend b : test::backends()) {
        for (const Shape& s : shapes) {
            CAPTURE(backend_name(b));
            CAPTURE(s.nx);
            CAPTURE(s.ny);
            CAPTURE(s.nz);
            Context ctx(b);
            const std::vector<long long> zeros(std::size_t(s.nx) * s.ny * s.nz, 0);
            Buffer<long long> a(b, zeros.size());
            a.copy_from_host(zeros.data());
            test::count_entries(ctx, a.view<3>({s.nx, s.ny, s.nz}), s.as_2d);
            const auto h = a.to_host();
            for (int k = 0; k < s.nz; ++k)
                for (int j = 0; j < s.ny; ++j)
                    for (int i = 0; i < s.nx; ++i) {
                        const bool interior =
                            i > 0 && i < s.nx - 1 && j > 0 && j < s.ny - 1 && (s.as_2d || (k > 0 && k < s.nz - 1));
                        const long long want = interior && b == Backend::Cpu ? 100 : 1;
                        REQUIRE(h[i + std::size_t(s.nx) * (j + std::size_t(s.ny) * k)] == want);
                    }
        }
    }
}

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
