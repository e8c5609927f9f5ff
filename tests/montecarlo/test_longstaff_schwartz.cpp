// SPDX-License-Identifier: MIT
// Longstaff–Schwartz against the paper's Table 1 (American puts, finite-difference and
// simulated values) and against identities: an American call without dividends is the
// European; a Bermudan with one date is the European; the regression's basis.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <fmt/format.h>
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/longstaff_schwartz.hpp>
#include "../approx.hpp"
#include "book_rows.hpp"

using namespace simt;
using namespace simt::montecarlo;
using test::book_row;
using test::Cells;

namespace {
struct TableRow {
    double spot, volatility, maturity, fd, lsm, lsm_se;
};

std::vector<TableRow> table1() {
    std::ifstream in(std::string(SIMT_TEST_DATA_DIR) + "/longstaff_schwartz2001_table1.csv");
    REQUIRE(in);
    std::vector<TableRow> rows;
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        std::replace(line.begin(), line.end(), ',', ' ');
        std::istringstream s(line);
        TableRow r{};
        s >> r.spot >> r.volatility >> r.maturity >> r.fd >> r.lsm >> r.lsm_se;
        rows.push_back(r);
    }
    return rows;
}

Cells american_put(double spot, double volatility, double maturity, const char* basis = "laguerre", int degree = 3) {
    return {{"type", "put"},          {"payoff", "american"},  {"spot", fmt::format("{}", spot)},
            {"strike", "40"},         {"maturity", fmt::format("{}", maturity)}, {"rate", "0.06"},
            {"volatility", fmt::format("{}", volatility)}, {"basis", basis}, {"degree", std::to_string(degree)}};
}

/// Lower bias than the paper's own estimator allows: a feasible rule from 2^16 regression paths.
constexpr double bias_allowance = 0.02;
}  // namespace

TEST_CASE("Longstaff-Schwartz reproduces the paper's Table 1") {
    const auto rows = table1();
    REQUIRE(rows.size() == 20);
    std::vector<OptionSpec> book;
    for (const TableRow& r : rows) book.push_back(book_row(american_put(r.spot, r.volatility, r.maturity), book.size()));
    PricingRequest s;
    s.seed = 5;
    s.paths = 1 << 16;
    s.antithetic = true;
    const auto results = price_book(Context(Backend::Cpu), book, s);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const TableRow& r = rows[i];
        const McResult& p = results[i].price;
        CAPTURE(r.spot);
        CAPTURE(r.volatility);
        CAPTURE(r.maturity);
        CAPTURE(p.price);
        CAPTURE(p.std_error);
        const double se = std::hypot(p.std_error, r.lsm_se);
        CHECK(std::abs(p.price - r.lsm) < 4 * se + bias_allowance);
        // Below the finite-difference value, up to noise (the rule is feasible, 50 dates a year).
        CHECK(p.price < r.fd + 4 * p.std_error);
        CHECK(p.price > r.fd - 4 * p.std_error - 2 * bias_allowance);
        // Early exercise is worth something: above the European.
        CHECK(p.price > bsm_price(OptionType::Put, {r.spot, 40, r.maturity, 0.06, 0, r.volatility}) + 4 * p.std_error);
    }
}

TEST_CASE("an American call without dividends is the European call") {
    Cells c = american_put(40, 0.3, 1);
    c[0].second = "call";
    const auto r = test::price_rows({book_row(c)}, 1 << 16)[0].price;
    const double european = bsm_price(OptionType::Call, {40, 40, 1, 0.06, 0, 0.3});
    CHECK(std::abs(r.price - european) < 4 * r.std_error);
}

TEST_CASE("the regression basis and a one-date Bermudan") {
    double f[lsm_max_basis];
    lsm_basis(RegressionBasis::Laguerre, 4, 0.8, f);
    const double w = std::exp(-0.4);
    // L_1 = 1 - x, L_2 = 1 - 2x + x^2/2, L_3 = 1 - 3x + 3x^2/2 - x^3/6.
    CHECK(f[0] == 1);
    CHECK(f[1] == test::relative(w, 1e-14));
    CHECK(f[2] == test::relative(w * 0.2, 1e-14));
    CHECK(f[3] == test::relative(w * (1 - 1.6 + 0.32), 1e-14));
    CHECK(f[4] == test::relative(w * (1 - 2.4 + 0.96 - 0.512 / 6), 1e-14));
    lsm_basis(RegressionBasis::Monomial, 3, 2.0, f);
    CHECK((f[0] == 1 && f[1] == 2 && f[2] == 4 && f[3] == 8));
    Cells c = american_put(38, 0.3, 1, "monomial", 2);
    c[1].second = "bermudan";
    c.emplace_back("exercise_dates", "1");
    const auto r = test::price_rows({book_row(c)}, 1 << 16)[0].price;
    CHECK(std::abs(r.price - bsm_price(OptionType::Put, {38, 40, 1, 0.06, 0, 0.3})) < 4 * r.std_error);
    // A Bermudan needs its dates.
    Cells no_dates = american_put(38, 0.3, 1);
    no_dates[1].second = "bermudan";
    no_dates.emplace_back("id", "1");
    CHECK(parse_book({Record{1, "t", no_dates, ""}}).bad_rows.at(0).column == "exercise_dates");
}
