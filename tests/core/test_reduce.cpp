// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <simt/core/group_sum.hpp>
#include <simt/core/raise_flag.hpp>
#include <simt/core/readback.hpp>
#include <simt/core/reduce.hpp>
#include "approx.hpp"
#include "backends.hpp"
#include "skip.hpp"

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
/// Whether some index below n is a multiple of `every` less one: raise_flag, then Readback::copy,
/// with more work enqueued before the read.
std::int32_t any_flagged(const Context& ctx, Index n, Index every, Buffer<double>& busy) {
    Buffer<std::int32_t> flag(ctx.backend(), 1);
    const std::int32_t lowered = 0;
    flag.copy_from_host(&lowered);
    std::int32_t* f = flag.data();
    for_each(ctx, "test.flag", Range<1>{n}, SIMT_LAMBDA(Index i) {
        if (i % every == every - 1) raise_flag(f);
    });
    Readback<std::int32_t> r(ctx.backend());
    r.copy(ctx, f);
    double* b = busy.data();
    for_each(ctx, "test.busy", Range<1>{Index(busy.size())}, SIMT_LAMBDA(Index i) { b[i] = double(i); });
    return r.get();
}
/// group_sum<G> over groups of G consecutive indices of index i: group g's sum, on the host.
template <int G>
std::vector<double> group_sums(const Context& ctx, Index groups) {
    Buffer<double> out(ctx.backend(), std::size_t(groups));
    double* o = out.data();
    for_each(ctx, "test.group_sum", Range<1>{groups * G}, SIMT_LAMBDA(Index i) {
        const double s = group_sum<G>(double(i));
        if (i % G == 0) o[i / G] = s;
    });
    return out.to_host();
}
}  // namespace simt::test

using namespace simt;

TEST_CASE("raise_flag and Readback copy report whether any index raised the flag") {
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        Context ctx(b);
        Buffer<double> busy(b, 1 << 20);
        CHECK(test::any_flagged(ctx, 99999, 100000, busy) == 0);
        CHECK(test::any_flagged(ctx, 100000, 100000, busy) == 1);
        CHECK(test::any_flagged(ctx, 1 << 20, 7, busy) == 1);  // many threads at once
    }
}

TEST_CASE("group_sum adds the lanes of each group" * doctest::test_suite("gpu")) {
    if (!cuda_available()) return test::skip("no GPU: runs in scripts/gpu-check.sh");
    Context ctx(Backend::Cuda);
    const Index groups = 1000;  // not a multiple of a block: the last block is partial
    const auto check = [&](int g, const std::vector<double>& sums) {
        for (Index k = 0; k < groups; ++k)  // the indices g k ... g k + g - 1
            REQUIRE(sums[std::size_t(k)] == double(g) * g * k + g * (g - 1) / 2.0);
    };
    check(2, test::group_sums<2>(ctx, groups));
    check(8, test::group_sums<8>(ctx, groups));
    check(32, test::group_sums<32>(ctx, groups));
}

TEST_CASE("reduce computes sum, min and max over 1-, 2- and 3-D ranges") {
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        Context ctx(b);
        for (Index n : {Index(0), Index(1), Index(1000), Index(1 << 20) + 3}) {
            const double expect = double(n - 1) * n * (2 * n - 1) / 6;  // sum of i^2 for i < n
            CHECK(test::sum_of_squares(ctx, n) == test::relative(expect, 1e-9));
        }
        CHECK(test::min_2d(ctx, 40, 9) == -5.0);
        CHECK(test::max_3d(ctx, 13, 7, 11) == 12 + 60 + 1000);
        const long long cells = 13 * 7 * 11;
        // Each flat index appears once: the unflattening must be a bijection.
        CHECK(test::sum_3d_index(ctx, 13, 7, 11) == cells * (cells - 1) / 2);
        CHECK(test::max_3d(ctx, 0, 7, 11) == Max::identity<long long>());
    }
}
