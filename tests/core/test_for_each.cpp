// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
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

/// Adds 1 at a cell called plainly, 100 at one called with Interior; with Clones through the
/// CPU's ISA clones (cpu_isa_clones).
template <bool Clones>
struct CountEntries {
    static constexpr bool cpu_isa_clones = Clones;
    View<long long, 3> v;
    SIMT_INLINE void operator()(int i, int j, int k) const { v(i, j, k) += 1; }
    SIMT_INLINE void operator()(int i, int j, int k, Interior) const { v(i, j, k) += 100; }
    SIMT_INLINE void operator()(int i, int j) const { v(i, j, 0) += 1; }
    SIMT_INLINE void operator()(int i, int j, Interior) const { v(i, j, 0) += 100; }
};
template <bool Clones>
void count_entries(const Context& ctx, View<long long, 3> v, bool as_2d) {
    if (as_2d) {
        for_each(ctx, "test.entries_2d", Range<2>{int(v.extent[0]), int(v.extent[1])}, CountEntries<Clones>{v});
    } else {
        for_each(ctx, "test.entries_3d", Range<3>{int(v.extent[0]), int(v.extent[1]), int(v.extent[2])},
                 CountEntries<Clones>{v});
    }
}

/// out = x y + z at every cell of a 3-D range, the interior through the CPU's ISA clones when
/// Clones is set.
template <bool Clones>
struct MultiplyAdd {
    static constexpr bool cpu_isa_clones = Clones;
    View<const float, 3> x;
    View<float, 3> out;
    float y, z;
    SIMT_INLINE void operator()(int i, int j, int k) const { out(i, j, k) = x(i, j, k) * y + z; }
    SIMT_INLINE void operator()(int i, int j, int k, Interior) const { (*this)(i, j, k); }
};
template <bool Clones>
void multiply_add(const Context& ctx, View<const float, 3> x, View<float, 3> out) {
    for_each(ctx, "test.multiply_add", Range<3>{int(x.extent[0]), int(x.extent[1]), int(x.extent[2])},
             MultiplyAdd<Clones>{x, out, 1.1f / 3, -0.7f});
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
            for (const bool clones : {false, true}) {
                CAPTURE(clones);
                const std::vector<long long> zeros(std::size_t(s.nx) * s.ny * s.nz, 0);
                Buffer<long long> a(b, zeros.size());
                a.copy_from_host(zeros.data());
                const auto v = a.view<3>({s.nx, s.ny, s.nz});
                clones ? test::count_entries<true>(ctx, v, s.as_2d) : test::count_entries<false>(ctx, v, s.as_2d);
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
}

// The clones for AVX2 and AVX-512 must not fuse x y + z into one FMA (one rounding instead of
// two): on a CPU with AVX-512 the widest clone runs, and its bits must be the baseline's.
TEST_CASE("for_each's CPU ISA clones give the bits of the baseline loop") {
    Context ctx(Backend::Cpu);
    const int nx = 67, ny = 6, nz = 5;
    std::vector<float> h_x(std::size_t(nx) * ny * nz);
    for (std::size_t c = 0; c < h_x.size(); ++c) h_x[c] = 1 + std::sin(0.37f * float(c));
    Buffer<float> x(Backend::Cpu, h_x.size()), plain(Backend::Cpu, h_x.size()), cloned(Backend::Cpu, h_x.size());
    x.copy_from_host(h_x.data());
    const auto x_view = View<const float, 3>(x.view<3>({nx, ny, nz}));
    test::multiply_add<false>(ctx, x_view, plain.view<3>({nx, ny, nz}));
    test::multiply_add<true>(ctx, x_view, cloned.view<3>({nx, ny, nz}));
    const auto p = plain.to_host(), c = cloned.to_host();
    int fused = 0;  // cells where one rounding of x y + z differs from two: the test's reach
    for (std::size_t n = 0; n < p.size(); ++n) {
        CAPTURE(n);
        REQUIRE(std::memcmp(&p[n], &c[n], sizeof(float)) == 0);
        fused += std::fma(h_x[n], 1.1f / 3, -0.7f) != p[n];
    }
    CHECK(fused > 100);
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
