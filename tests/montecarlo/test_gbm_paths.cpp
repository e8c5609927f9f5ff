// SPDX-License-Identifier: MIT
// The GBM path engine against the closed forms: European and geometric Asian prices within 4
// standard errors, with enough paths that a wrong drift would be caught; the control variate's
// gain on the arithmetic Asian; reproducibility by seed, by batch split and by thread count;
// the same for the fp32 paths, the CPU's vectorised walks (fp32 and fp64) against the one-sample walk, and
// fp32 on the CPU against the GPU.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <vector>
#include <simt/core/error.hpp>
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/gbm_fp32.hpp>
#include <simt/montecarlo/gbm_paths.hpp>
#include <simt/montecarlo/geometric_asian.hpp>
#include "approx.hpp"
#include "backends.hpp"
#include "skip.hpp"

using namespace simt;
using namespace simt::montecarlo;

namespace {
GbmContract contract(OptionType type, PayoffId payoff, const BsmInputs& m, int fixings = 1) {
    GbmContract c;
    c.type = type;
    c.payoff = payoff;
    c.market = m;
    c.fixings = fixings;
    return c;
}

GbmPathSettings settings(Index paths, std::uint64_t seed = 2024, bool antithetic = false, bool cv = false,
                         bool fp32 = false) {
    GbmPathSettings s;
    s.fp32 = fp32;
    s.seed = seed;
    s.option_id = 7;
    s.paths = paths;
    s.antithetic = antithetic;
    s.control_variate = cv;
    return s;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

const std::vector<BsmInputs> markets = {
    // spot, strike, expiry, rate, dividend, volatility
    {100, 100, 1.0, 0.05, 0.03, 0.20},
    {90, 100, 2.0, 0.02, 0.05, 0.30},
    {120, 100, 0.5, 0.08, 0.04, 0.40},
    {100, 110, 3.0, 0.00, 0.02, 0.25},
};

/// Runs check(ctx, market, type) for every backend, market and side.
template <class F>
void for_every_market(F check) {
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        Context ctx(b);
        for (const BsmInputs& m : markets)
            for (OptionType type : {OptionType::Call, OptionType::Put}) {
                CAPTURE(m.strike);
                CAPTURE(m.expiry);
                CAPTURE(int(type));
                check(ctx, m, type);
            }
    }
}
}  // namespace

TEST_CASE("European GBM prices agree with Black-Scholes-Merton and would catch a wrong drift") {
    const Index paths = Index(1) << 18;
    for_every_market([&](const Context& ctx, const BsmInputs& m, OptionType type) {
        const double exact = bsm_price(type, m);
        const McResult r = gbm_price(ctx, contract(type, payoff_id<payoffs::European>, m), settings(paths));
        CHECK(r.paths == paths);
        CHECK(r.samples == paths);
        CHECK(std::abs(r.price - exact) < 4 * r.std_error);
        CHECK(r.ci_low == test::relative(r.price - 1.959963984540054 * r.std_error, 1e-14));
        CHECK(r.ci_high == test::relative(r.price + 1.959963984540054 * r.std_error, 1e-14));
        // A drift without q, or without -sigma^2/2 (the mean of S_T then grows by
        // e^{sigma^2 T / 2}, as a dividend of q - sigma^2/2 would give), moves the price
        // by more than 8 standard errors: such an engine would fail the check above.
        BsmInputs no_q = m, no_ito = m;
        no_q.dividend = 0;
        no_ito.dividend = m.dividend - 0.5 * m.volatility * m.volatility;
        CHECK(std::abs(bsm_price(type, no_q) - exact) > 8 * r.std_error);
        CHECK(std::abs(bsm_price(type, no_ito) - exact) > 8 * r.std_error);

        // Antithetic pairs: half the samples, each two paths, a smaller error for these
        // monotone payoffs.
        const McResult a =
            gbm_price(ctx, contract(type, payoff_id<payoffs::European>, m), settings(paths / 2, 2024, true));
        CHECK(a.paths == paths);
        CHECK(a.samples == paths / 2);
        CHECK(std::abs(a.price - exact) < 4 * a.std_error);
        CHECK(a.std_error < r.std_error);
    });
}

TEST_CASE("geometric Asian GBM prices agree with the discrete closed form") {
    const Index paths = Index(1) << 16;
    for_every_market([&](const Context& ctx, const BsmInputs& m, OptionType type) {
        for (int fixings : {12, 51})
            for (bool antithetic : {false, true}) {
                CAPTURE(fixings);
                CAPTURE(antithetic);
                const GbmContract c = contract(type, payoff_id<payoffs::GeometricAsian>, m, fixings);
                const McResult r = gbm_price(ctx, c, settings(paths, 99, antithetic));
                CHECK(std::abs(r.price - geometric_asian_price(type, m, fixings)) < 4 * r.std_error);
                CHECK(r.std_error < 0.01 * r.price + 0.01);
            }
    });
}

TEST_CASE("the geometric control variate shrinks the arithmetic Asian error and keeps its price") {
    const Index paths = Index(1) << 16;
    for_every_market([&](const Context& ctx, const BsmInputs& m, OptionType type) {
        const GbmContract c = contract(type, payoff_id<payoffs::ArithmeticAsian>, m, 12);
        const McResult plain = gbm_price(ctx, c, settings(paths));
        const McResult cv = gbm_price(ctx, c, settings(paths, 2024, false, true));
        const McResult both = gbm_price(ctx, c, settings(paths, 5, true, true));
        CHECK(plain.cv_beta == 0);
        // The arithmetic average regressed on the geometric one: 0.91 to 1.09 in these markets.
        CHECK(cv.cv_beta == test::relative(1, 0.2));
        CHECK(cv.std_error < plain.std_error / 10);
        CHECK(std::abs(cv.price - plain.price) < 4 * plain.std_error);
        CHECK(std::abs(both.price - cv.price) < 4 * std::hypot(cv.std_error, both.std_error));
        // The arithmetic mean exceeds the geometric one: a dearer call, a cheaper put.
        const double geometric = geometric_asian_price(type, m, 12);
        if (type == OptionType::Call)
            CHECK(cv.price > geometric);
        else
            CHECK(cv.price < geometric);
    });
}

TEST_CASE("the discounted underlying as a control variate keeps European and digital prices and cuts the call's error") {
    const Index paths = Index(1) << 16;
    for_every_market([&](const Context& ctx, const BsmInputs& m, OptionType type) {
        for (bool fp32 : {false, true}) {
            CAPTURE(fp32);
            const GbmContract european = contract(type, payoff_id<payoffs::European>, m);
            const McResult plain = gbm_price(ctx, european, settings(paths, 3, false, false, fp32));
            const McResult cv = gbm_price(ctx, european, settings(paths, 3, false, true, fp32));
            CHECK(std::abs(cv.price - bsm_price(type, m)) < 4 * cv.std_error);
            // The call moves with S_T (beta = its delta-like slope, > 0), the put against it.
            CHECK((type == OptionType::Call ? cv.cv_beta > 0.2 : cv.cv_beta < -0.05));
            if (type == OptionType::Call) CHECK(cv.std_error < 0.8 * plain.std_error);
            GbmContract digital = contract(type, payoff_id<payoffs::Digital>, m);
            digital.cash = 10;
            const McResult d = gbm_price(ctx, digital, settings(paths, 4, false, true, fp32));
            CHECK(std::abs(d.price - digital_price(type, m, 10)) < 4 * d.std_error);
        }
    });
}

TEST_CASE("the same seed gives the same bits and another seed or option id other numbers") {
    const BsmInputs m = markets[1];
    const GbmContract c = contract(OptionType::Call, payoff_id<payoffs::ArithmeticAsian>, m, 24);
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        Context ctx(b);
        const McResult r1 = gbm_price(ctx, c, settings(50000, 11, true, true));
        const McResult r2 = gbm_price(ctx, c, settings(50000, 11, true, true));
        CHECK(same_bits(r1.price, r2.price));
        CHECK(same_bits(r1.std_error, r2.std_error));
        CHECK(same_bits(r1.cv_beta, r2.cv_beta));
        CHECK(r1.price != gbm_price(ctx, c, settings(50000, 12, true, true)).price);
        GbmPathSettings other_option = settings(50000, 11, true, true);
        other_option.option_id = 8;
        CHECK(r1.price != gbm_price(ctx, c, other_option).price);
    }
}

TEST_CASE("paths are addressed by index so batches add up to the whole run") {
    const BsmInputs m = markets[2];
    const Index total = 40001, split = 17003;
    for (PayoffId payoff : {payoff_id<payoffs::European>, payoff_id<payoffs::ArithmeticAsian>}) {
        CAPTURE(int(payoff));
        const GbmContract c = contract(OptionType::Put, payoff, m, 13);
        const bool cv = payoff == payoff_id<payoffs::ArithmeticAsian>;
        GbmPathSettings whole = settings(total, 3, true, cv), first = whole, second = whole;
        first.paths = split;
        second.first_path = split;
        second.paths = total - split;
        // Sample first_path + i is the same path whichever batch draws it, bit for bit.
        const GbmPathKernel k_whole = make_gbm_path_kernel(c, whole), k_second = make_gbm_path_kernel(c, second);
        for (Index i : {Index(0), Index(1), Index(5000), total - split - 1}) {
            const PathSums a = k_whole(split + i), s = k_second(i);
            CHECK(same_bits(a.y, s.y));
            CHECK(same_bits(a.x, s.x));
        }
        for (Backend b : test::backends()) {
            CAPTURE(backend_name(b));
            Context ctx(b);
            const PathSums sums = gbm_path_sums(ctx, c, first) + gbm_path_sums(ctx, c, second);
            CHECK(sums.samples == total);
            const McResult split_run = gbm_result(c, whole, sums);
            const McResult one_run = gbm_price(ctx, c, whole);
            // Only the order of the sums differs.
            CHECK(split_run.price == test::relative(one_run.price, 1e-12));
            CHECK(split_run.std_error == test::relative(one_run.std_error, 1e-9));
            CHECK(split_run.paths == one_run.paths);
        }
    }
}

#if defined(_OPENMP)
TEST_CASE("the price does not depend on the CPU thread count") {
    const GbmContract c = contract(OptionType::Call, payoff_id<payoffs::ArithmeticAsian>, markets[0], 12);
    const GbmPathSettings s = settings(Index(1) << 16, 1, false, true);
    Context ctx(Backend::Cpu);
    const McResult one = test::with_cpu_threads(1, [&] { return gbm_price(ctx, c, s); });
    const McResult three = test::with_cpu_threads(3, [&] { return gbm_price(ctx, c, s); });
    // Blocks of paths are summed in block order whatever the thread count.
    CHECK(same_bits(three.price, one.price));
    CHECK(same_bits(three.std_error, one.std_error));
}
#endif

TEST_CASE("the Box-Muller normals have mean 0 and variance 1") {
    const GbmPathKernel k =
        make_gbm_path_kernel(contract(OptionType::Call, payoff_id<payoffs::European>, markets[0]), settings(1));
    const int n = 200000;
    double sum = 0, sum2 = 0, sum4 = 0;
    for (int p = 0; p < n / 2; ++p) {
        double z[2];
        k.normals(p, 0, z[0], z[1]);
        for (double v : z) {
            sum += v;
            sum2 += v * v;
            sum4 += v * v * v * v;
        }
    }
    CHECK(std::abs(sum / n) < 4 / std::sqrt(double(n)));
    CHECK(std::abs(sum2 / n - 1) < 4 * std::sqrt(2.0 / n));
    CHECK(std::abs(sum4 / n - 3) < 4 * std::sqrt(96.0 / n));
}

TEST_CASE("GBM path inputs are checked") {
    const BsmInputs m = markets[0];
    Context ctx(Backend::Cpu);
    CHECK_THROWS_AS(gbm_price(ctx, contract(OptionType::Call, payoff_id<payoffs::GeometricAsian>, m, 12),
                              settings(100, 1, false, true)),
                    ConfigError);
    CHECK_THROWS_AS(
        gbm_price(ctx, contract(OptionType::Call, payoff_id<payoffs::ArithmeticAsian>, m, 0), settings(100)),
        ConfigError);
    CHECK_THROWS_AS(gbm_price(ctx, contract(OptionType::Call, payoff_id<payoffs::European>, m), settings(-1)),
                    ConfigError);
    CHECK_THROWS_AS(gbm_price(ctx, contract(OptionType::Call, payoff_id<payoffs::European>, m), settings(1)),
                    ConfigError);
    GbmPathSettings far = settings(2);
    far.first_path = gbm_max_paths - 1;
    CHECK_THROWS_AS(gbm_price(ctx, contract(OptionType::Call, payoff_id<payoffs::European>, m), far), ConfigError);
    BsmInputs bad = m;
    bad.volatility = 0;
    CHECK_THROWS_AS(gbm_price(ctx, contract(OptionType::Put, payoff_id<payoffs::European>, bad), settings(100)),
                    ConfigError);
}

TEST_CASE("fp32 paths price European and geometric Asian options to their closed forms") {
    const Index paths = Index(1) << 18;
    for_every_market([&](const Context& ctx, const BsmInputs& m, OptionType type) {
        const double exact = bsm_price(type, m);
        const McResult r =
            gbm_price(ctx, contract(type, payoff_id<payoffs::European>, m), settings(paths, 11, false, false, true));
        CHECK(r.samples == paths);
        CHECK(std::abs(r.price - exact) < 4 * r.std_error);
        // As for fp64: a drift without q would be 8 standard errors away.
        BsmInputs no_q = m;
        no_q.dividend = 0;
        CHECK(std::abs(bsm_price(type, no_q) - exact) > 8 * r.std_error);
        const McResult a =
            gbm_price(ctx, contract(type, payoff_id<payoffs::European>, m), settings(paths / 2, 11, true, false, true));
        CHECK(std::abs(a.price - exact) < 4 * a.std_error);
        const GbmContract g = contract(type, payoff_id<payoffs::GeometricAsian>, m, 51);
        const McResult ga = gbm_price(ctx, g, settings(Index(1) << 16, 12, false, false, true));
        CHECK(std::abs(ga.price - geometric_asian_price(type, m, 51)) < 4 * ga.std_error);
    });
}

TEST_CASE("fp32 and fp64 paths agree on the arithmetic Asian with the control variate") {
    const Index paths = Index(1) << 16;
    for_every_market([&](const Context& ctx, const BsmInputs& m, OptionType type) {
        const GbmContract c = contract(type, payoff_id<payoffs::ArithmeticAsian>, m, 24);
        const McResult d = gbm_price(ctx, c, settings(paths, 5, true, true));
        const McResult f = gbm_price(ctx, c, settings(paths, 6, true, true, true));
        CHECK(f.cv_beta == test::relative(1, 0.2));
        // Different seeds: each standard error is itself estimated to ~1 % at 2^16 paths.
        CHECK(f.std_error == test::relative(d.std_error, 0.04));
        CHECK(std::abs(f.price - d.price) < 4 * std::hypot(d.std_error, f.std_error));
    });
}

TEST_CASE("the fp32 Box-Muller normals have mean 0 and variance 1 and the four are independent") {
    const int draws = 100000;
    double sum = 0, sum2 = 0, sum4 = 0, cross = 0;
    for (int i = 0; i < draws; ++i) {
        float z[4];
        box_muller4(philox_bits(3, 4, std::uint64_t(i)), z);
        for (float v : z) {
            sum += v;
            sum2 += double(v) * v;
            sum4 += double(v) * v * v * v;
        }
        cross += double(z[0]) * z[2] + double(z[1]) * z[3];  // the two Box-Muller pairs
    }
    const double n = 4.0 * draws;
    CHECK(std::abs(sum / n) < 4 / std::sqrt(n));
    CHECK(std::abs(sum2 / n - 1) < 4 * std::sqrt(2.0 / n));
    CHECK(std::abs(sum4 / n - 3) < 4 * std::sqrt(96.0 / n));
    CHECK(std::abs(cross / (2.0 * draws)) < 4 / std::sqrt(2.0 * draws));
}

TEST_CASE("fp32 paths come in groups of four and add up across batches") {
    const GbmContract c = contract(OptionType::Call, payoff_id<payoffs::ArithmeticAsian>, markets[0], 12);
    Context ctx(Backend::Cpu);
    CHECK_THROWS_AS(gbm_price(ctx, c, settings(1002, 1, false, false, true)), ConfigError);
    GbmPathSettings odd = settings(1000, 1, false, false, true);
    odd.first_path = 2;
    CHECK_THROWS_AS(gbm_price(ctx, c, odd), ConfigError);
    // Two batches of 2^12 from path 0 and 2^12 make the sums of one batch of 2^13.
    GbmPathSettings whole = settings(Index(1) << 13, 1, false, false, true), first = whole, second = whole;
    first.paths = second.paths = second.first_path = Index(1) << 12;
    const PathSums all = gbm_path_sums(ctx, c, whole);
    const PathSums parts = gbm_path_sums(ctx, c, first) + gbm_path_sums(ctx, c, second);
    CHECK(parts.samples == all.samples);
    CHECK(parts.y == test::relative(all.y, 1e-12));
    CHECK(parts.yy == test::relative(all.yy, 1e-12));
}

/// The CPU's lane walk (cpu_block_sums) of samples [first, last) against the one-sample walk:
/// libmvec's exp, log, sin and cos against libm's (a few ulp per path-step) and sums in sixteen
/// lanes against one, so the sums agree to `rel` of their spread (sqrt(n yy) bounds the sum of
/// the samples' sizes).
template <class Sampler>
void check_lane_walk(const Sampler& f, Index first, Index last, double rel) {
    PathSums one;
    for (Index i = first; i < last; ++i) one = one + f(i);
    const PathSums lanes = f.cpu_block_sums(first, last);
    CHECK(lanes.samples == one.samples);
    const double n = double(one.samples);
    CHECK(std::abs(lanes.y - one.y) < rel * std::sqrt(n * one.yy));
    CHECK(lanes.yy == test::relative(one.yy, rel));
    CHECK(std::abs(lanes.x - one.x) <= rel * std::sqrt(n * one.xx));
    CHECK(lanes.xy == test::relative(one.xy, rel));
}

TEST_CASE("the CPU's lane groups walk the same paths as the one-sample walk, to rounding") {
    // 45 samples from sample 3: two whole lane groups and a short one, so every lane and the
    // cut-off of the last group are compared; each payoff of the GBM engine, with and without
    // antithetic twins. The Asians have 51 fixings, so an fp64 path's last draw drives one step.
    const Index first = 3, last = first + 45;
    for (PayoffId payoff :
         {payoff_id<payoffs::European>, payoff_id<payoffs::Digital>, payoff_id<payoffs::AssetOrNothing>,
          payoff_id<payoffs::ArithmeticAsian>, payoff_id<payoffs::GeometricAsian>})
        for (bool antithetic : {false, true}) {
            CAPTURE(payoff_name(payoff));
            CAPTURE(antithetic);
            const bool control = payoff != payoff_id<payoffs::GeometricAsian>;
            const GbmContract c = contract(OptionType::Put, payoff, markets[1], 51);
            check_lane_walk(make_gbm_path_kernel(c, settings(last, 8, antithetic, control)), first, last, 1e-12);
            const GbmPathKernel k = make_gbm_path_kernel(c, settings(4 * last, 8, antithetic, control, true));
            check_lane_walk(make_gbm_fp32_sampler(k), first, last, 1e-5);
        }
}

TEST_CASE("fp32 paths on the CPU and the GPU agree to rounding" * doctest::test_suite("gpu")) {
    if (test::backends().size() < 2) return test::skip("no GPU: runs in scripts/gpu-check.sh");
    Context cpu(Backend::Cpu), gpu(Backend::Cuda);
    for (PayoffId payoff : {payoff_id<payoffs::European>, payoff_id<payoffs::ArithmeticAsian>}) {
        const GbmContract c = contract(OptionType::Put, payoff, markets[1], 52);
        const GbmPathSettings s =
            settings(Index(1) << 16, 8, true, payoff == payoff_id<payoffs::ArithmeticAsian>, true);
        const McResult a = gbm_price(cpu, c, s), g = gbm_price(gpu, c, s);
        // libm's float functions against the GPU's intrinsics: a few ulps per path-step.
        CHECK(g.price == test::relative(a.price, 1e-5));
        CHECK(g.std_error == test::relative(a.std_error, 1e-4));
    }
}
