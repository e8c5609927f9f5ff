// SPDX-License-Identifier: MIT
// The batch engine on a mixed book: the same bits as the single-option engine, prices within 4
// standard errors of the closed forms (with enough paths that a wrong drift fails), Greeks by
// bumps and pathwise against Black-Scholes-Merton, reproducibility, CPU against GPU.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/book_pricer.hpp>
#include <simt/montecarlo/geometric_asian.hpp>
#include "approx.hpp"
#include "backends.hpp"
#include "skip.hpp"

using namespace simt;
using namespace simt::montecarlo;

namespace {
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

OptionSpec option(std::uint64_t id, OptionType type, PayoffId payoff, const BsmInputs& m, int fixings = 12) {
    OptionSpec o;
    o.id = id;
    o.row = int(id);
    o.contract.type = type;
    o.contract.payoff = payoff;
    o.contract.market = m;
    o.contract.fixings = fixings;
    o.contract.cash = payoff == payoff_id<payoffs::Digital> ? 10 : 1;
    return o;
}

const std::vector<BsmInputs> markets = {
    // spot, strike, expiry, rate, dividend, volatility
    {100, 100, 1.0, 0.05, 0.03, 0.20},
    {90, 100, 2.0, 0.02, 0.05, 0.30},
    {120, 100, 0.5, 0.08, 0.04, 0.40},
};

/// Every payoff, side and market: 24 options, ids in a shuffled order.
std::vector<OptionSpec> mixed_book() {
    std::vector<OptionSpec> book;
    std::uint64_t id = 100;
    for (const BsmInputs& m : markets)
        for (OptionType t : {OptionType::Call, OptionType::Put})
            for (PayoffId p : {payoff_id<payoffs::European>, payoff_id<payoffs::Digital>,
                               payoff_id<payoffs::GeometricAsian>, payoff_id<payoffs::ArithmeticAsian>})
                book.push_back(option(id = id * 7 % 1009, t, p, m));
    return book;
}

/// The closed form of a row, where there is one.
double closed_form(const OptionSpec& o) {
    const GbmContract& c = o.contract;
    switch (c.payoff) {
        case payoff_id<payoffs::European>: return bsm_price(c.type, c.market);
        case payoff_id<payoffs::Digital>: return digital_price(c.type, c.market, c.cash);
        case payoff_id<payoffs::GeometricAsian>: return geometric_asian_price(c.type, c.market, c.fixings);
        case payoff_id<payoffs::ArithmeticAsian>: break;
    }
    return std::nan("");
}
}  // namespace

TEST_CASE("a book prices each option to the same bits as the single-option engine") {
    const auto book = mixed_book();
    for (bool antithetic : {false, true}) {
        PricingRequest s;
        s.seed = 31;
        s.paths = 20001;
        s.antithetic = antithetic;
        for (Backend b : test::backends()) {
            CAPTURE(backend_name(b));
            CAPTURE(antithetic);
            Context ctx(b);
            const auto results = price_book(ctx, book, s);
            REQUIRE(results.size() == book.size());
            for (std::size_t i = 0; i < book.size(); ++i) {
                const McResult one = gbm_price(ctx, book[i].contract, gbm_settings(book[i], s, 0, book_samples(s)));
                CHECK(results[i].id == book[i].id);
                CHECK(same_bits(results[i].price.price, one.price));
                CHECK(same_bits(results[i].price.std_error, one.std_error));
                CHECK(results[i].price.paths == (antithetic ? 20002 : 20001));
            }
            // Another order of the book (other neighbours in each launch) changes no bit.
            auto reversed = book;
            std::reverse(reversed.begin(), reversed.end());
            const auto again = price_book(ctx, reversed, s);
            for (std::size_t i = 0; i < book.size(); ++i)
                CHECK(same_bits(again[book.size() - 1 - i].price.price, results[i].price.price));
        }
    }
}

TEST_CASE("a mixed book agrees with the closed forms and would catch a wrong drift") {
    PricingRequest s;
    s.seed = 5;
    s.paths = Index(1) << 17;
    const auto book = mixed_book();
    Context ctx(Backend::Cpu);
    const auto results = price_book(ctx, book, s);
    for (std::size_t i = 0; i < book.size(); ++i) {
        const OptionSpec& o = book[i];
        CAPTURE(o.id);
        CAPTURE(int(o.contract.payoff));
        const McResult& r = results[i].price;
        CHECK(r.ci_low < r.price);
        if (o.contract.payoff == payoff_id<payoffs::ArithmeticAsian>) {
            // No closed form: the control variate must have done its work, and the arithmetic
            // average lies above the geometric one.
            const double geometric = geometric_asian_price(o.contract.type, o.contract.market, o.contract.fixings);
            CHECK(r.std_error < 0.01 * r.price + 1e-3);
            CHECK((o.contract.type == OptionType::Call ? r.price > geometric : r.price < geometric));
            continue;
        }
        const double exact = closed_form(o);
        CHECK(std::abs(r.price - exact) < 4 * r.std_error);
        // Without the dividend yield the forward moves enough to fail the check above.
        OptionSpec no_q = o;
        no_q.contract.market.dividend = 0;
        CHECK(std::abs(closed_form(no_q) - exact) > 8 * r.std_error);
    }
}

TEST_CASE("Greeks by bump and pathwise agree with Black-Scholes-Merton") {
    PricingRequest s;
    s.seed = 77;
    s.paths = Index(1) << 17;
    s.greeks = true;
    std::vector<OptionSpec> book;
    for (std::size_t m = 0; m < markets.size(); ++m)
        for (OptionType t : {OptionType::Call, OptionType::Put})
            book.push_back(option(book.size(), t, payoff_id<payoffs::European>, markets[m]));
    book.push_back(option(book.size(), OptionType::Call, payoff_id<payoffs::Digital>, markets[0]));
    Context ctx(Backend::Cpu);
    const auto results = price_book(ctx, book, s);
    PricingRequest plain = s;
    plain.greeks = false;
    const auto prices = price_book(ctx, book, plain);
    for (std::size_t i = 0; i + 1 < book.size(); ++i) {
        const GbmContract& c = book[i].contract;
        CAPTURE(i);
        const BsmGreeks g = bsm_greeks(c.type, c.market);
        const OptionResult& r = results[i];
        // The Greeks' paths are the price's: the price is the same, to the last bits of libm's
        // functions against libmvec's (the plain price takes the CPU's lane walk, gbm_lanes.cpp).
        CHECK(r.price.price == test::relative(prices[i].price.price, 1e-12));
        const double exact[gbm_greek_count] = {g.delta, g.gamma, g.vega, g.rho, g.delta, g.vega};
        for (int k = 0; k < LrDelta; ++k) {
            CAPTURE(k);
            CHECK(r.greeks[k].std_error > 0);
            CHECK(std::abs(r.greeks[k].value - exact[k]) < 4 * r.greeks[k].std_error);
            // The error is that of the per-path difference: small against the Greek itself.
            CHECK(r.greeks[k].std_error < 0.05 * std::abs(exact[k]));
        }
    }
    // A digital has no pathwise Greeks; its bumped delta still matches the closed form's slope.
    const OptionResult& d = results.back();
    CHECK(std::isnan(d.greeks[PathwiseDelta].value));
    const GbmContract& c = book.back().contract;
    BsmInputs up = c.market, down = c.market;
    up.spot *= 1.01;
    down.spot *= 0.99;
    const double slope = (digital_price(c.type, up, c.cash) - digital_price(c.type, down, c.cash)) / (0.02 * c.market.spot);
    CHECK(std::abs(d.greeks[Delta].value - slope) < 4 * d.greeks[Delta].std_error);
    CHECK(std::isnan(prices[0].greeks[Delta].value));
    // Its likelihood-ratio delta and vega: the closed form's derivatives (central differences
    // of digital_price, exact to 1e-8 here), with a smaller error than the bumped delta's.
    const auto derivative = [&](double BsmInputs::*field) {
        const double h = 1e-5 * c.market.*field;
        BsmInputs hi = c.market, lo = c.market;
        hi.*field += h;
        lo.*field -= h;
        return (digital_price(c.type, hi, c.cash) - digital_price(c.type, lo, c.cash)) / (2 * h);
    };
    for (const auto& [k, exact] : {std::pair{int(LrDelta), derivative(&BsmInputs::spot)},
                                   std::pair{int(LrVega), derivative(&BsmInputs::volatility)}}) {
        CAPTURE(k);
        CHECK(std::abs(d.greeks[k].value - exact) < 4 * d.greeks[k].std_error);
        CHECK(d.greeks[k].std_error < 0.05 * std::abs(exact));
    }
    CHECK(d.greeks[LrDelta].std_error < d.greeks[Delta].std_error);
    CHECK(std::isnan(results[0].greeks[LrDelta].value));
}

#if defined(_OPENMP)
TEST_CASE("a book gives the same bits for any CPU thread count") {
    PricingRequest s;
    s.paths = 50000;
    s.greeks = true;
    const auto book = mixed_book();
    Context ctx(Backend::Cpu);
    const auto one = test::with_cpu_threads(1, [&] { return price_book(ctx, book, s); });
    const auto three = test::with_cpu_threads(3, [&] { return price_book(ctx, book, s); });
    for (std::size_t i = 0; i < book.size(); ++i) {
        CHECK(same_bits(one[i].price.price, three[i].price.price));
        CHECK(same_bits(one[i].greeks[Vega].value, three[i].greeks[Vega].value));
    }
}
#endif

TEST_CASE("a book priced on the CPU and the GPU agrees to rounding" * doctest::test_suite("gpu")) {
    if (test::backends().size() < 2) return test::skip("no GPU: runs in scripts/gpu-check.sh");
    PricingRequest s;
    s.seed = 3;
    s.paths = 30000;
    s.antithetic = true;
    s.greeks = true;
    const auto book = mixed_book();
    Context cpu(Backend::Cpu), gpu(Backend::Cuda);
    const auto a = price_book(cpu, book, s), g = price_book(gpu, book, s);
    for (std::size_t i = 0; i < book.size(); ++i) {
        CAPTURE(i);
        // The same paths summed in the same order: only libm's and CUDA's last ulps differ.
        CHECK(g[i].price.price == test::relative(a[i].price.price, 1e-11));
        CHECK(g[i].price.std_error == test::relative(a[i].price.std_error, 1e-9));
        for (int k = 0; k < gbm_greek_count; ++k)
            if (!std::isnan(a[i].greeks[k].value))
                // Absolute below 1 (a Greek may vanish), relative above.
                CHECK(std::abs(g[i].greeks[k].value - a[i].greeks[k].value) <
                      1e-7 * (1 + std::abs(a[i].greeks[k].value)));
    }
}

TEST_CASE("a row priced NaN or Inf becomes a bad row, in row order, never a result") {
    Book book;
    book.options = mixed_book();
    book.options.resize(3);
    for (int i = 0; i < 3; ++i) book.options[std::size_t(i)].row = 2 * i + 1;  // rows 1, 3, 5
    book.bad_rows = {{2, "book.csv:3", "spot", "bad"}, {6, "book.csv:7", "rate", "bad"}};
    std::vector<OptionResult> results(3);
    for (int i = 0; i < 3; ++i) {
        results[std::size_t(i)].row = 2 * i + 1;
        results[std::size_t(i)].price.price = 1.0;
        results[std::size_t(i)].price.std_error = 0.1;
    }
    results[1].price.price = std::nan("");
    results[2].price.std_error = HUGE_VAL;
    reject_non_finite(book, results);
    REQUIRE(book.options.size() == 1);
    REQUIRE(results.size() == 1);
    CHECK(results[0].row == 1);
    std::vector<int> rows;
    for (const BadRow& b : book.bad_rows) rows.push_back(b.row);
    CHECK(rows == std::vector<int>{2, 3, 5, 6});
    CHECK(book.bad_rows[1].message.find("price is nan") != std::string::npos);
    CHECK(book.bad_rows[2].message.find("standard error inf") != std::string::npos);
}
