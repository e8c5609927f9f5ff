// SPDX-License-Identifier: MIT
// The worked example of docs/extending.md, "Adding a payoff": the asset-or-nothing digital
// (payoffs/asset_or_nothing.hpp, one line in payoff_table.hpp) priced from book rows by every
// engine its traits name, against the closed form S e^{-qT} N(phi d1) (Haug, 2nd ed.,
// sec. 4.19.2), written here from the formula rather than taken from the engine.
#include <doctest/doctest.h>

#include <cmath>
#include <fmt/format.h>
#include <simt/montecarlo/normal.hpp>
#include <simt/montecarlo/sobol.hpp>
#include "book_rows.hpp"
#include "skip.hpp"

using namespace simt;
using namespace simt::montecarlo;
using test::book_row;

namespace {
double asset_or_nothing_price(OptionType type, const BsmInputs& m) {
    const double sd = m.volatility * std::sqrt(m.expiry);
    const double d1 =
        (std::log(m.spot / m.strike) + (m.rate - m.dividend + 0.5 * m.volatility * m.volatility) * m.expiry) / sd;
    return m.spot * std::exp(-m.dividend * m.expiry) * normal_cdf(payoff_sign(type) * d1);
}

const BsmInputs markets[] = {{100, 100, 1.0, 0.05, 0.02, 0.25}, {100, 90, 0.5, 0.03, 0.0, 0.4}};

/// A call and a put in each market under `model` ("gbm", or "merton" without jumps: the
/// generic path kernel on the same dynamics).
std::vector<OptionSpec> book(const std::string& model) {
    std::vector<OptionSpec> options;
    for (const BsmInputs& m : markets)
        for (const char* type : {"call", "put"}) {
            test::Cells cells = {{"type", type},
                                 {"payoff", "asset_or_nothing"},
                                 {"model", model},
                                 {"spot", fmt::format("{}", m.spot)},
                                 {"strike", fmt::format("{}", m.strike)},
                                 {"maturity", fmt::format("{}", m.expiry)},
                                 {"rate", fmt::format("{}", m.rate)},
                                 {"dividend", fmt::format("{}", m.dividend)},
                                 {"volatility", fmt::format("{}", m.volatility)}};
            if (model == "merton")
                cells.insert(cells.end(), {{"jump_intensity", "0"}, {"jump_mean", "0"}, {"jump_vol", "0"}});
            options.push_back(book_row(cells, options.size() + 1));
        }
    return options;
}

/// Each price within 4 standard errors of the closed form, each error below 1 % of the price.
void check_prices(const std::vector<OptionSpec>& options, const PricingRequest& settings) {
    const auto results = price_book(Context(Backend::Cpu), options, settings);
    for (std::size_t i = 0; i < options.size(); ++i) {
        const double exact = asset_or_nothing_price(options[i].contract.type, options[i].contract.market);
        const McResult& r = results[i].price;
        CAPTURE(i);
        CAPTURE(exact);
        CAPTURE(r.price);
        CAPTURE(r.std_error);
        CHECK(std::abs(r.price - exact) < 4 * r.std_error);
        CHECK(r.std_error > 0);
        CHECK(r.std_error < 0.01 * exact);
    }
}

PricingRequest settings(bool fp32 = false, bool qmc = false) {
    PricingRequest s;
    s.seed = 17;
    s.paths = Index(1) << 16;
    s.fp32 = fp32;
    s.qmc = qmc;
    return s;
}
}  // namespace

TEST_CASE("the asset-or-nothing closed form gives Haug's put, 20.2069") {
    CHECK(std::abs(asset_or_nothing_price(OptionType::Put, {70, 65, 0.5, 0.07, 0.05, 0.27}) - 20.2069) < 1e-4);
}

TEST_CASE("asset-or-nothing calls and puts on the GBM engine, fp64 and fp32, match the closed form") {
    const auto options = book("gbm");
    for (const OptionSpec& o : options) CHECK(uses_gbm_engine(o));
    check_prices(options, settings());
    check_prices(options, settings(true));
}

TEST_CASE("asset-or-nothing calls and puts on the generic path kernel match the closed form") {
    check_prices(book("merton"), settings());
}

TEST_CASE("asset-or-nothing calls and puts with quasi-random points match the closed form") {
    if (!sobol_available()) return test::skip("no cuRAND in this build: the Sobol points need its direction vectors");
    check_prices(book("gbm"), settings(false, true));
}

TEST_CASE("the asset-or-nothing likelihood-ratio delta matches the closed form's slope") {
    PricingRequest s = settings();
    s.greeks = true;
    const auto options = book("gbm");
    const auto results = price_book(Context(Backend::Cpu), options, s);
    for (std::size_t i = 0; i < options.size(); ++i) {
        const OptionSpec& o = options[i];
        BsmInputs up = o.contract.market, down = up;
        const double h = 1e-4 * up.spot;
        up.spot += h;
        down.spot -= h;
        const double slope =
            (asset_or_nothing_price(o.contract.type, up) - asset_or_nothing_price(o.contract.type, down)) / (2 * h);
        const Estimate lr = results[i].greeks[LrDelta];
        CAPTURE(i);
        CAPTURE(slope);
        CAPTURE(lr.value);
        CAPTURE(lr.std_error);
        CHECK(std::abs(lr.value - slope) < 4 * lr.std_error);
        CHECK(lr.std_error < 0.05 * std::abs(slope));
    }
}
