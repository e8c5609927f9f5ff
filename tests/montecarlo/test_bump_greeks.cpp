// SPDX-License-Identifier: MIT
// Bump-and-revalue Greeks with common random numbers (bump_greeks.hpp) for the generic path
// kernel's models and payoffs and for Longstaff–Schwartz, pseudo-random and quasi-random,
// against closed-form Greeks: Black–Scholes's (a one-asset basket, Merton without jumps, an
// American call without dividends), and central differences of the closed-form prices
// (Merton's series, the continuous barrier, Heston's characteristic function).
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <fmt/format.h>
#include <simt/montecarlo/barrier.hpp>
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/heston.hpp>
#include <simt/montecarlo/merton.hpp>
#include <simt/montecarlo/sobol.hpp>
#include "book_rows.hpp"
#include "skip.hpp"

using namespace simt;
using namespace simt::montecarlo;
using test::book_row;
using test::Cells;

namespace {
struct Expected {
    double delta, gamma, vega, rho;
};

/// The four Greeks of a closed-form price(spot, vol, rate) by central differences with the
/// engine's bumps: what the bumped estimator's mean is (within O(h^2) of the derivatives).
Expected closed_form_greeks(const std::function<double(double, double, double)>& price, double spot, double vol,
                            double rate) {
    const double hs = gbm_spot_bump * spot, hv = gbm_vol_bump * vol, hr = gbm_rate_bump;
    const double p0 = price(spot, vol, rate), up = price(spot + hs, vol, rate), down = price(spot - hs, vol, rate);
    return {(up - down) / (2 * hs), (up - 2 * p0 + down) / (hs * hs),
            (price(spot, vol + hv, rate) - price(spot, vol - hv, rate)) / (2 * hv),
            (price(spot, vol, rate + hr) - price(spot, vol, rate - hr)) / (2 * hr)};
}

std::vector<OptionResult> price_greeks(const std::vector<OptionSpec>& book, Index paths, bool qmc = false) {
    PricingRequest s;
    s.seed = 5;
    s.paths = paths;
    s.greeks = true;
    s.qmc = qmc;
    return price_book(Context(Backend::Cpu), book, s);
}

/// Each Greek within 4 standard errors (plus `bias`, relative, for a scheme's own error) of the
/// expected one, and its standard error below 2 % of it (gamma, a second difference: below
/// `gamma_precision`), so a wrong sign, a wrong factor or a dropped term fails.
void check_greeks(const OptionResult& r, const Expected& e, double bias = 0, double gamma_precision = 0.05) {
    const char* names[] = {"delta", "gamma", "vega", "rho"};
    const double expected[] = {e.delta, e.gamma, e.vega, e.rho};
    for (int k = 0; k < 4; ++k) {
        CAPTURE(names[k]);
        const Estimate g = r.greeks[k];
        MESSAGE(fmt::format("{}: {:.5f} +- {:.5f}, expected {:.5f}", names[k], g.value, g.std_error, expected[k]));
        CHECK(std::abs(g.value - expected[k]) < 4 * g.std_error + bias * std::abs(expected[k]));
        CHECK(g.std_error < (k == Gamma ? gamma_precision : 0.02) * std::abs(expected[k]));
    }
}

Expected bsm_expected(OptionType type, const BsmInputs& m) {
    return closed_form_greeks(
        [&](double spot, double vol, double rate) {
            BsmInputs b = m;
            b.spot = spot;
            b.volatility = vol;
            b.rate = rate;
            return bsm_price(type, b);
        },
        m.spot, m.volatility, m.rate);
}

Cells merton_row(const char* type, double intensity) {
    return {{"type", type},       {"model", "merton"},  {"spot", "100"},       {"strike", "95"},
            {"maturity", "0.75"}, {"rate", "0.04"},     {"dividend", "0.01"},  {"volatility", "0.2"},
            {"jump_intensity", fmt::format("{}", intensity)}, {"jump_mean", "-0.1"}, {"jump_vol", "0.15"}};
}
}  // namespace

TEST_CASE("bumped Greeks of a one-asset basket are Black-Scholes's") {
    const Cells row = {{"type", "call"},   {"model", "basket"}, {"spots", "100"},   {"vols", "0.25"},
                       {"weights", "1"},   {"dividends", "0.02"}, {"strike", "105"}, {"maturity", "1"},
                       {"rate", "0.05"}};
    const auto r = price_greeks({book_row(row)}, 1 << 17);
    check_greeks(r[0], bsm_expected(OptionType::Call, {100, 105, 1, 0.05, 0.02, 0.25}));
    CHECK(std::isnan(r[0].greeks[PathwiseDelta].value));
    CHECK(std::isnan(r[0].greeks[LrDelta].value));
}

TEST_CASE("bumped Greeks of Merton puts match Black-Scholes without jumps and the series with them") {
    const BsmInputs m{100, 95, 0.75, 0.04, 0.01, 0.2};
    const auto r = price_greeks({book_row(merton_row("put", 0), 1), book_row(merton_row("put", 1), 2)}, 1 << 17);
    check_greeks(r[0], bsm_expected(OptionType::Put, m));
    const auto series = [&](double spot, double vol, double rate) {
        return merton_price(OptionType::Put, {spot, 95, 0.75, rate, 0.01, vol}, {1, -0.1, 0.15});
    };
    check_greeks(r[1], closed_form_greeks(series, 100, 0.2, 0.04));
}

TEST_CASE("bumped Greeks of continuously monitored barriers match the closed form's slopes") {
    // The Brownian-bridge survival probability is exact for any number of fixings, so is its
    // bumped revaluation. Knock-ins, whose gamma is far from 0.
    const auto row = [](const char* type, const char* kind, const char* level) {
        return Cells{{"type", type},         {"payoff", "barrier"}, {"barrier", level},   {"barrier_type", kind},
                     {"monitoring", "continuous"}, {"fixings", "8"}, {"spot", "100"},    {"strike", "100"},
                     {"maturity", "1"},      {"rate", "0.05"},      {"dividend", "0.02"}, {"volatility", "0.3"}};
    };
    const auto r = price_greeks({book_row(row("call", "up_in", "115"), 1), book_row(row("put", "down_in", "90"), 2)},
                                1 << 17);
    const auto closed = [](BarrierType b, OptionType type, double level) {
        return [=](double spot, double vol, double rate) {
            return barrier_price(b, type, {spot, 100, 1, rate, 0.02, vol}, level, 0);
        };
    };
    check_greeks(r[0], closed_form_greeks(closed(BarrierType::UpIn, OptionType::Call, 115), 100, 0.3, 0.05));
    check_greeks(r[1], closed_form_greeks(closed(BarrierType::DownIn, OptionType::Put, 90), 100, 0.3, 0.05));
}

TEST_CASE("bumped Heston Greeks match the characteristic function's slopes (vega: d/d sqrt v0)") {
    const Cells row = {{"type", "put"},     {"model", "heston"}, {"spot", "100"},  {"strike", "100"},
                       {"maturity", "1"},   {"rate", "0.03"},    {"dividend", "0.01"}, {"v0", "0.04"},
                       {"kappa", "2"},      {"theta", "0.05"},   {"vol_of_vol", "0.4"}, {"rho", "-0.6"},
                       {"steps_per_year", "32"}};
    const auto r = price_greeks({book_row(row)}, 1 << 16);
    const auto closed = [](double spot, double sqrt_v0, double rate) {
        return heston_price(OptionType::Put, {spot, 100, 1, rate, 0.01, sqrt_v0 * sqrt_v0, 2, 0.05, 0.4, -0.6});
    };
    // QE-M's bias at 32 steps a year is a fraction of a percent in this market.
    check_greeks(r[0], closed_form_greeks(closed, 100, 0.2, 0.03), 0.01);
}

TEST_CASE("bumped Longstaff-Schwartz Greeks of an American call without dividends are the European's") {
    // Early exercise never pays: each bumped market's own regression should learn to hold.
    const Cells row = {{"type", "call"},  {"payoff", "american"}, {"exercise_dates", "10"}, {"spot", "100"},
                       {"strike", "100"}, {"maturity", "1"},      {"rate", "0.05"},         {"volatility", "0.25"}};
    const auto r = price_greeks({book_row(row)}, 1 << 16);
    // 1 % for the regression's occasional wrong exercise (a low bias of each bumped price). Each
    // bumped market's own regression makes the gamma noisy: 10 % standard error at 2^16 paths,
    // so 4 of them still tell it from 0 (2^18 paths would halve it at 4x this test's 1.5 s).
    check_greeks(r[0], bsm_expected(OptionType::Call, {100, 100, 1, 0.05, 0, 0.25}), 0.01, 0.15);
}

TEST_CASE("bumped Greeks with Sobol points: the same bumps on each scrambled point") {
    if (!sobol_available()) return test::skip("no cuRAND in this build: the Sobol points need its direction vectors");
    const BsmInputs m{100, 95, 0.75, 0.04, 0.01, 0.2};
    const auto r = price_greeks({book_row(merton_row("put", 0))}, 1 << 16, true);
    check_greeks(r[0], bsm_expected(OptionType::Put, m));
    CHECK(std::isnan(r[0].greeks[LrDelta].value));
}
