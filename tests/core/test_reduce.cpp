// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <simt/core/readback.hpp>
#include <simt/core/reduce.hpp>
#include "backends.hpp"

namespace simt::test {
double sum_of_squares(const Context& ctx, Index n) {
    return reduce<double>(ctx, "test.sum_sq", Range<1>{n}, Sum{}, SIMT_LAMBDA(Index i) { return double(i) * i; });
}
double min_2d(const Context& ctx, int nx, int ny) {
    return reduce<double>(ctx, "test.min_2d", Range<2>{nx, ny}, Min{},
                          SIMT_LAMBDA(int i, int j) { return double((i - 17) * (i - 17) + (j - 3) * (j - 3)) - 5.0; });
}
long long max_3d(const Context& ctx, int nx, int ny, int nz) {
    return reduce<long long>(ctx, "test.max_3d", Range<3>{nx, ny, nz}, Max{},
                             SIMT_LAMBDA(int i, int j, int k) { return (long long)(i + 10 * j + 100 * k); });
}
long long sum_3d_index(const Context& ctx, int nx, int ny, int nz) {
    return reduce<long long>(ctx, "test.sum_3d", Range<3>{nx, ny, nz}, Sum{},
                             SIMT_LAMBDA(int i, int j, int k) { return (long long)(i + nx * (j + ny * k)); });
}
/// The largest of (i mod 1000) over n by Readback, with more work enqueued before the read.
double readback_max(const Context& ctx, Index n, Buffer<double>& busy) {
    Readback<double> r(ctx.backend());
    r.reduce(ctx, "test.readback", Range<1>{n}, Max{}, SIMT_LAMBDA(Index i) { return double(i % 1000); });
    double* b = busy.data();
    for_each(ctx, "test.busy", Range<1>{Index(busy.size())}, SIMT_LAMBDA(Index i) { b[i] = double(i); });
    return r.get();
}
}  // namespace simt::test

using namespace simt;

TEST_CASE("reduce computes sum, min and max over 1-, 2- and 3-D ranges") {
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        Context ctx(b);
        for (Index n : {Index(0), Index(1), Index(1000), Index(1 << 20) + 3}) {
            const double expect = double(n - 1) * n * (2 * n - 1) / 6;  // sum of i^2 for i < n
            CHECK(test::sum_of_squares(ctx, n) == doctest::Approx(expect).epsilon(1e-9));
        }
        CHECK(test::min_2d(ctx, 40, 9) == -5.0);
        CHECK(test::max_3d(ctx, 13, 7, 11) == 12 + 60 + 1000);
        const long long cells = 13 * 7 * 11;
        // Each flat index appears once: the unflattening must be a bijection.
        CHECK(test::sum_3d_index(ctx, 13, 7, 11) == cells * (cells - 1) / 2);
        CHECK(test::max_3d(ctx, 0, 7, 11) == Max::identity<long long>());
    }
}

TEST_CASE("Readback returns the reduction after later work is enqueued") {
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        Context ctx(b);
        Buffer<double> busy(b, 1 << 20);
        CHECK(test::readback_max(ctx, 123456, busy) == 999.0);
        CHECK(test::readback_max(ctx, 1, busy) == 0.0);
        CHECK(test::readback_max(ctx, 0, busy) == Max::identity<double>());
    }
}
