// SPDX-License-Identifier: MIT
// Barrier and lookback payoffs under GBM against closed forms: continuous barriers by the
// Brownian-bridge crossing probability (exact for any number of fixings) and by the BGK
// shift, discrete barriers against the BGK-shifted closed form, floating lookbacks against
// Goldman–Sosin–Gatto with BGK's discrete-monitoring shift; and the book columns they use.
#include <doctest/doctest.h>

#include <cmath>
#include <fmt/format.h>
#include <simt/montecarlo/barrier.hpp>
#include <simt/montecarlo/lookback.hpp>
#include "book_rows.hpp"

using namespace simt;
using namespace simt::montecarlo;
using test::book_row;
using test::Cells;

namespace {
const BsmInputs market{100, 100, 1.0, 0.05, 0.02, 0.25};

Cells barrier_row(const std::string& type, const std::string& kind, double level, double rebate, const char* monitoring,
                  int fixings) {
    return {{"type", type},
            {"payoff", "barrier"},
            {"spot", "100"},
            {"strike", "100"},
            {"maturity", "1"},
            {"rate", "0.05"},
            {"dividend", "0.02"},
            {"volatility", "0.25"},
            {"barrier", fmt::format("{}", level)},
            {"barrier_type", kind},
            {"rebate", fmt::format("{}", rebate)},
            {"monitoring", monitoring},
            {"fixings", std::to_string(fixings)}};
}

struct BarrierCase {
    std::string type, kind;
    BarrierType barrier_type;
    double level, rebate;
};
const BarrierCase barrier_cases[] = {
    {"call", "down_out", BarrierType::DownOut, 90, 0},  {"call", "up_out", BarrierType::UpOut, 130, 0},
    {"put", "down_in", BarrierType::DownIn, 90, 3},     {"call", "up_in", BarrierType::UpIn, 120, 2},
    {"put", "up_out", BarrierType::UpOut, 110, 0},      {"put", "down_out", BarrierType::DownOut, 85, 0},
};

OptionType side(const std::string& type) { return type == "call" ? OptionType::Call : OptionType::Put; }
}  // namespace

TEST_CASE("continuous barriers by the Brownian-bridge crossing probability match the closed form") {
    // The bridge makes the crossing between fixings exact in expectation, so 8 fixings do;
    // the same paths monitored only at the fixings are off by many standard errors.
    std::vector<OptionSpec> bridge, discrete;
    for (const BarrierCase& c : barrier_cases) {
        bridge.push_back(book_row(barrier_row(c.type, c.kind, c.level, c.rebate, "continuous", 8), bridge.size()));
        discrete.push_back(book_row(barrier_row(c.type, c.kind, c.level, c.rebate, "discrete", 8), bridge.size()));
    }
    const auto r = test::price_rows(bridge, 1 << 17);
    const auto d = test::price_rows(discrete, 1 << 17);
    for (std::size_t i = 0; i < r.size(); ++i) {
        const BarrierCase& c = barrier_cases[i];
        CAPTURE(c.kind);
        CAPTURE(c.type);
        const double exact = barrier_price(c.barrier_type, side(c.type), market, c.level, c.rebate);
        CHECK(std::abs(r[i].price.price - exact) < 4 * r[i].price.std_error);
        if (c.rebate == 0) CHECK(std::abs(d[i].price.price - exact) > 8 * d[i].price.std_error);
    }
}

TEST_CASE("knock-out rebates are paid at the crossing") {
    // The bridge pays the rebate at the end of the step that crossed: O(dt) late; with 64
    // fixings that is below the test's 4 standard errors.
    const auto r = test::price_rows({book_row(barrier_row("call", "down_out", 90, 5, "continuous", 64))}, 1 << 16);
    const double exact = barrier_price(BarrierType::DownOut, OptionType::Call, market, 90, 5);
    CHECK(std::abs(r[0].price.price - exact) < 4 * r[0].price.std_error);
    CHECK(std::abs(r[0].price.price - barrier_price(BarrierType::DownOut, OptionType::Call, market, 90, 0)) >
          8 * r[0].price.std_error);
}

TEST_CASE("discrete and BGK-corrected barriers match the BGK-shifted closed forms") {
    // Broadie–Glasserman–Kou: discrete(H) ~ continuous(H moved away by e^{0.5826 sigma sqrt(dt)}),
    // to o(sqrt(dt)); 0.3 % of the vanilla price is allowed for that.
    const int fixings = 50;
    const double dt = market.expiry / fixings;
    std::vector<OptionSpec> discrete, bgk;
    for (const BarrierCase& c : barrier_cases) {
        discrete.push_back(book_row(barrier_row(c.type, c.kind, c.level, 0, "discrete", fixings), discrete.size()));
        bgk.push_back(book_row(barrier_row(c.type, c.kind, c.level, 0, "bgk", fixings), bgk.size()));
    }
    const auto d = test::price_rows(discrete, 1 << 17);
    const auto b = test::price_rows(bgk, 1 << 17);
    for (std::size_t i = 0; i < d.size(); ++i) {
        const BarrierCase& c = barrier_cases[i];
        CAPTURE(c.kind);
        CAPTURE(c.type);
        const double allowance = 0.003 * unchecked::bsm_price(side(c.type), market);
        const double shifted = bgk_corrected_barrier(c.barrier_type, c.level, market.volatility, dt);
        const double discrete_exact = barrier_price(c.barrier_type, side(c.type), market, shifted, 0);
        CHECK(std::abs(d[i].price.price - discrete_exact) < 4 * d[i].price.std_error + allowance);
        const double continuous_exact = barrier_price(c.barrier_type, side(c.type), market, c.level, 0);
        CHECK(std::abs(b[i].price.price - continuous_exact) < 4 * b[i].price.std_error + allowance);
    }
}

TEST_CASE("the floating lookback closed form reproduces Haug's example") {
    // Haug, 2nd ed., sec. 4.15.1: S = 120, S_min = 100, T = 0.5, r = 0.10, b = 0.04, sigma = 0.30.
    const BsmInputs haug{120, 100, 0.5, 0.10, 0.06, 0.30};
    // Haug prints 4 decimals: 25.353355 is within its last digit.
    CHECK(std::abs(floating_lookback_price(OptionType::Call, haug, 100) - 25.3533) < 1e-4);
    CHECK_THROWS_AS(floating_lookback_price(OptionType::Put, haug, 100), ConfigError);
}

TEST_CASE("discrete lookbacks match Goldman-Sosin-Gatto with the BGK shift") {
    const int fixings = 250;
    const auto row = [&](const char* type, const char* payoff, double strike) {
        return Cells{{"type", type},       {"payoff", payoff},   {"spot", "100"},
                     {"strike", fmt::format("{}", strike)},    {"maturity", "1"},
                     {"rate", "0.05"},     {"dividend", "0.02"}, {"volatility", "0.3"},
                     {"fixings", std::to_string(fixings)}};
    };
    const std::vector<OptionSpec> book = {book_row(row("call", "floating_lookback", 100), 1),
                                          book_row(row("put", "floating_lookback", 100), 2),
                                          book_row(row("call", "fixed_lookback", 95), 3)};
    const auto r = test::price_rows(book, 1 << 16);
    const BsmInputs m{100, 100, 1.0, 0.05, 0.02, 0.3};
    const double call = discrete_floating_lookback_price(OptionType::Call, m, fixings);
    const double put = discrete_floating_lookback_price(OptionType::Put, m, fixings);
    // BGK's shift leaves an O(dt) error: 0.1 % of the price is allowed for it.
    CHECK(std::abs(r[0].price.price - call) < 4 * r[0].price.std_error + 1e-3 * call);
    CHECK(std::abs(r[1].price.price - put) < 4 * r[1].price.std_error + 1e-3 * put);
    // The continuous prices are further away than that: the shift matters.
    CHECK(std::abs(r[1].price.price - floating_lookback_price(OptionType::Put, m, 100)) > 8 * r[1].price.std_error);
    // A fixed-strike call with K <= S_0 always pays max - K: the floating put + S e^{-qT} - K e^{-rT}.
    const double fixed = put + 100 * std::exp(-0.02) - 95 * std::exp(-0.05);
    CHECK(std::abs(r[2].price.price - fixed) < 4 * r[2].price.std_error + 1e-3 * fixed);
}

TEST_CASE("barrier rows name their bad columns") {
    const auto bad = [](Cells cells) {
        cells.emplace_back("id", "1");
        const Book b = parse_book({Record{1, "test", cells, ""}});
        REQUIRE(b.bad_rows.size() == 1);
        return b.bad_rows[0];
    };
    Cells c = barrier_row("call", "down_out", 90, 0, "discrete", 12);
    c[9].second = "sideways";
    CHECK(bad(c).column == "barrier_type");
    CHECK(bad(c).message.find("allowed: down_in, down_out, up_in, up_out") != std::string::npos);
    c = barrier_row("call", "down_out", -90, 0, "discrete", 12);
    CHECK(bad(c).column == "barrier");
    c = barrier_row("call", "down_out", 90, -1, "discrete", 12);
    CHECK(bad(c).column == "rebate");
    c = barrier_row("call", "down_out", 90, 0, "continuous", 12);
    c.emplace_back("model", "merton");
    c.emplace_back("jump_intensity", "1");
    c.emplace_back("jump_mean", "0");
    c.emplace_back("jump_vol", "0.1");
    CHECK(bad(c).column == "monitoring");
}

TEST_CASE("likelihood-ratio delta and vega of discrete barriers match the BGK closed form's slopes") {
    // The discrete barrier's price is the continuous one at the BGK-shifted barrier (to
    // o(sqrt(dt))); its derivatives, shift included, by central differences. 3 % of the Greek
    // is allowed for BGK's error on top of 4 standard errors, and each standard error must be
    // small against its Greek, so a test cannot pass by being noisy. The LR weights add one term
    // per fixing: 20 fixings rather than 50 bring the LR vega's error from 7 % to 4 % of it.
    const int fixings = 20;
    const double dt = market.expiry / fixings;
    const BarrierCase cases[] = {{"call", "down_out", BarrierType::DownOut, 90, 0},
                                 {"put", "up_out", BarrierType::UpOut, 115, 0},
                                 {"call", "up_in", BarrierType::UpIn, 120, 0}};
    std::vector<OptionSpec> book;
    for (const BarrierCase& c : cases)
        book.push_back(book_row(barrier_row(c.type, c.kind, c.level, 0, "discrete", fixings), book.size()));
    PricingRequest s;
    s.seed = 3;
    s.paths = 1 << 19;
    s.greeks = true;
    const auto r = price_book(Context(Backend::Cpu), book, s);
    for (std::size_t i = 0; i < book.size(); ++i) {
        const BarrierCase& c = cases[i];
        CAPTURE(c.kind);
        const auto price = [&](BsmInputs m) {
            return barrier_price(c.barrier_type, side(c.type), m,
                                 bgk_corrected_barrier(c.barrier_type, c.level, m.volatility, dt), 0);
        };
        const auto slope = [&](double BsmInputs::*field) {
            const double h = 1e-4 * market.*field;
            BsmInputs hi = market, lo = market;
            hi.*field += h;
            lo.*field -= h;
            return (price(hi) - price(lo)) / (2 * h);
        };
        const double delta = slope(&BsmInputs::spot), vega = slope(&BsmInputs::volatility);
        const Estimate d = r[i].greeks[LrDelta], v = r[i].greeks[LrVega];
        MESSAGE(fmt::format("{} {}: delta {:.4f} vs {:.4f} +- {:.4f}, vega {:.3f} vs {:.3f} +- {:.3f}", c.type, c.kind,
                            delta, d.value, d.std_error, vega, v.value, v.std_error));
        CHECK(d.std_error < 0.02 * std::abs(delta));
        CHECK(v.std_error < 0.05 * std::abs(vega));
        CHECK(std::abs(d.value - delta) < 4 * d.std_error + 0.03 * std::abs(delta));
        CHECK(std::abs(v.value - vega) < 4 * v.std_error + 0.03 * std::abs(vega));
        // The bumped Greeks (common random numbers) agree too, noisier where the payoff jumps.
        const Estimate bd = r[i].greeks[Delta], bv = r[i].greeks[Vega];
        MESSAGE(fmt::format("  bumped: delta {:.4f} +- {:.4f}, vega {:.3f} +- {:.3f}", bd.value, bd.std_error, bv.value,
                            bv.std_error));
        CHECK(bd.std_error < 0.01 * std::abs(delta));
        CHECK(bv.std_error < 0.03 * std::abs(vega));
        CHECK(std::abs(bd.value - delta) < 4 * bd.std_error + 0.03 * std::abs(delta));
        CHECK(std::abs(bv.value - vega) < 4 * bv.std_error + 0.03 * std::abs(vega));
    }
    // Continuous monitoring weights paths by parameter-dependent probabilities: no LR Greeks.
    const auto bridged = price_book(Context(Backend::Cpu), {book_row(barrier_row("call", "down_out", 90, 0, "continuous", 8))}, s);
    CHECK(std::isnan(bridged[0].greeks[LrDelta].value));
}
