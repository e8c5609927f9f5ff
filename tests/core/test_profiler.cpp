// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <simt/core/for_each.hpp>
#include "backends.hpp"

namespace simt::test {
void scale(const Context& ctx, View<double, 1> v) {
    for_each(ctx, Kernel("test.scale", 2.0 * sizeof(double) * v.extent[0]), Range<1>{v.extent[0]},
             SIMT_LAMBDA(Index i) { v(i) *= 2.0; });
}
}  // namespace simt::test

using namespace simt;

TEST_CASE("the profiler counts launches, time and declared bytes per label") {
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        Context ctx(b);
        Buffer<double> a(b, 1 << 16);
        test::scale(ctx, a.view());  // not profiled: profiling is off by default
        ctx.profiler().enable(true);
        for (int r = 0; r < 5; ++r) test::scale(ctx, a.view());
        const auto rows = ctx.profiler().report();
        REQUIRE(rows.size() == 1);
        CHECK(rows[0].label == "test.scale");
        CHECK(rows[0].launches == 5);
        CHECK(rows[0].bytes == 5 * 2.0 * 8 * (1 << 16));
        CHECK(rows[0].total_s > 0);
        CHECK(rows[0].gbps() > 0);
        CHECK(ctx.profiler().table().find("test.scale") != std::string::npos);
        ctx.profiler().reset();
        CHECK(ctx.profiler().report().empty());
    }
}
