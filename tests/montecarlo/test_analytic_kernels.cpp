// SPDX-License-Identifier: MIT
// The SIMT_INLINE pricers inside a kernel: compiled by nvcc in a CUDA build and run on every
// backend, they must give the host's checked prices (to rounding: device erfc, exp and log may
// differ from the host's by an ulp).
#include <doctest/doctest.h>

#include <vector>
#include <simt/core/buffer.hpp>
#include <simt/core/for_each.hpp>
#include <simt/montecarlo/barrier.hpp>
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/geometric_asian.hpp>
#include "approx.hpp"
#include "backends.hpp"

namespace simt::test {
constexpr int prices_per_market = 5;

// Launches live in named free functions: nvcc allows no extended lambdas in doctest's cases.
void price_in_kernel(const Context& ctx, View<montecarlo::BsmInputs, 1> markets, View<double, 1> out) {
    using namespace montecarlo;
    for_each(ctx, "test.montecarlo.analytic", Range<1>{markets.extent[0]}, SIMT_LAMBDA(Index i) {
        const BsmInputs m = markets(i);
        double* p = &out(prices_per_market * i);
        p[0] = unchecked::bsm_price(OptionType::Call, m);
        p[1] = unchecked::bsm_greeks(OptionType::Put, m).vega;
        p[2] = unchecked::digital_price(OptionType::Put, m, 2.0);
        p[3] = unchecked::geometric_asian_price(OptionType::Call, m, 12);
        const double shifted =
            unchecked::bgk_corrected_barrier(BarrierType::DownOut, 0.8 * m.spot, m.volatility, m.expiry / 50);
        p[4] = unchecked::barrier_price(BarrierType::DownOut, OptionType::Call, m, shifted, 1.5);
    });
}
}  // namespace simt::test

using namespace simt;
using namespace simt::montecarlo;

TEST_CASE("the analytic pricers run inside kernels and agree with the host") {
    std::vector<BsmInputs> markets;
    for (double strike : {60.0, 100.0, 150.0})
        for (double expiry : {0.05, 1.0, 5.0}) markets.push_back({100.0, strike, expiry, 0.03, 0.01, 0.35});
    const Index n = Index(markets.size());
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        Context ctx(b);
        Buffer<BsmInputs> in(b, markets.size());
        in.copy_from_host(markets.data());
        Buffer<double> out(b, markets.size() * test::prices_per_market);
        test::price_in_kernel(ctx, in.view(), out.view());
        const std::vector<double> got = out.to_host();
        for (Index i = 0; i < n; ++i) {
            const BsmInputs& m = markets[i];
            const double shifted = bgk_corrected_barrier(BarrierType::DownOut, 0.8 * m.spot, m.volatility, m.expiry / 50);
            const double want[test::prices_per_market] = {
                bsm_price(OptionType::Call, m), bsm_greeks(OptionType::Put, m).vega,
                digital_price(OptionType::Put, m, 2.0), geometric_asian_price(OptionType::Call, m, 12),
                barrier_price(BarrierType::DownOut, OptionType::Call, m, shifted, 1.5)};
            for (int k = 0; k < test::prices_per_market; ++k) {
                CAPTURE(i);
                CAPTURE(k);
                CHECK(got[test::prices_per_market * i + k] == test::relative(want[k], 1e-12));
            }
        }
    }
}
