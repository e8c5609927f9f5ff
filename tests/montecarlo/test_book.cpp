// SPDX-License-Identifier: MIT
// Book rows: every valid row becomes an option, every bad one is reported by row and column
// and the rows around it are still read.
#include <doctest/doctest.h>

#include <set>
#include <simt/montecarlo/book.hpp>

using namespace simt;
using namespace simt::montecarlo;

namespace {
Record row(int n, std::vector<std::pair<std::string, std::string>> cells) {
    return Record{n, "book.csv:" + std::to_string(n + 1), std::move(cells), ""};
}

std::vector<std::pair<std::string, std::string>> good(const std::string& id) {
    return {{"id", id},          {"type", "call"}, {"spot", "100"},     {"strike", "95"},
            {"maturity", "0.5"}, {"rate", "0.03"}, {"volatility", "0.2"}};
}

/// The one bad row of a book whose row 2 has `column` replaced by `text` ("" removes it).
BadRow bad_row(const std::string& column, const std::string& text) {
    auto cells = good("2");
    bool found = false;
    for (auto it = cells.begin(); it != cells.end(); ++it)
        if (it->first == column) {
            found = true;
            if (text.empty()) {
                cells.erase(it);
                break;
            }
            it->second = text;
        }
    if (!found) cells.emplace_back(column, text);
    const Book b = parse_book({row(1, good("1")), row(2, cells), row(3, good("3"))});
    REQUIRE(b.options.size() == 2);
    CHECK(b.options[0].row == 1);
    CHECK(b.options[1].row == 3);
    REQUIRE(b.bad_rows.size() == 1);
    CHECK(b.bad_rows[0].row == 2);
    CHECK(b.bad_rows[0].where == "book.csv:3");
    return b.bad_rows[0];
}
}  // namespace

TEST_CASE("a valid row reads every column with its default") {
    auto cells = good("17");
    cells.emplace_back("payoff", "Arithmetic_Asian");
    cells.emplace_back("fixings", "24");
    cells.emplace_back("dividend", " ");  // blank: the default
    const Book b = parse_book({row(1, cells)});
    REQUIRE(b.options.size() == 1);
    const OptionSpec& o = b.options[0];
    CHECK(o.id == 17);
    CHECK(o.model == Model::Gbm);
    CHECK(o.contract.type == OptionType::Call);
    CHECK(o.contract.payoff == payoff_id<payoffs::ArithmeticAsian>);
    CHECK(o.contract.fixings == 24);
    CHECK(o.contract.market.spot == 100);
    CHECK(o.contract.market.strike == 95);
    CHECK(o.contract.market.expiry == 0.5);
    CHECK(o.contract.market.rate == 0.03);
    CHECK(o.contract.market.dividend == 0);
    CHECK(o.contract.market.volatility == 0.2);
    CHECK(o.contract.cash == 1);
    // Without an id column a row's id is its row number.
    auto no_id = good("");
    no_id.erase(no_id.begin());
    CHECK(parse_book({row(4, no_id)}).options.at(0).id == 4);
}

TEST_CASE("every payoff of the table is a name the book reads, with the columns it declares") {
    std::set<std::string> names;
    for (int i = 0; i < Payoffs::size; ++i) {
        const PayoffId id{i};
        CAPTURE(payoff_name(id));
        CHECK(names.insert(payoff_name(id)).second);
        auto cells = good("1");
        cells.insert(
            cells.end(),
            {{"payoff", payoff_name(id)}, {"barrier", "120"}, {"barrier_type", "up_out"}, {"exercise_dates", "4"}});
        const Book b = parse_book({row(1, cells)});
        for (const BadRow& bad : b.bad_rows) FAIL(describe(bad));
        REQUIRE(b.options.size() == 1);
        CHECK(b.options[0].contract.payoff == id);
    }
    CHECK(names.count("asset_or_nothing") == 1);
}

TEST_CASE("each kind of bad row names its row and column") {
    struct Case {
        const char* column;
        const char* text;
        const char* message;
    };
    const Case cases[] = {
        {"type", "straddle", "unknown type 'straddle'; allowed: call, put"},
        {"type", "", "missing (the column is required)"},
        {"volatility", "-0.2", "-0.2 must be > 0"},
        {"volatility", "", "missing (the column is required)"},
        {"maturity", "0", "0 must be > 0"},
        {"maturity", "-1", "-1 must be > 0"},
        {"spot", "1OO", "'1OO' is not a finite number"},
        {"rate", "nan", "'nan' is not a finite number"},
        {"fixings", "2.5", "2.5 must be a whole number"},
        {"model", "sabr", "model 'sabr' not supported yet"},
        {"model", "vasicek", "unknown model 'vasicek'; allowed: gbm, heston, merton, basket"},
        {"payoff", "rainbow", "unknown payoff 'rainbow'"},
        {"payoff", "europian", "; did you mean 'european'?"},
        {"strike", "", "missing (the column is required)"},
        {"volatilty", "0.2", "unknown column; allowed: id, type"},
        {"id", "1", "id 1 repeats row 1"},
        {"id", "-3", "-3 must be a whole number"},
        // Issue 12: each priced NaN with standard error 0, or 0 for the call of volatility 1e300.
        {"maturity", "1e308", "1e+308 must be within [0, 100]: years"},
        {"maturity", "1e6", "must be within [0, 100]"},
        {"rate", "1e6", "1e+06 must be within [-1, 1]: a year's rate"},
        {"dividend", "-2", "must be within [-1, 1]"},
        {"spot", "1e308", "must be within [0, 1e+15]: larger amounts overflow"},
        {"strike", "1e16", "must be within [0, 1e+15]"},
        {"volatility", "1e300", "gives a volatility over the maturity of"},
        {"volatility", "4.5", "gives a volatility over the maturity of 3.182"},  // 4.5 sqrt(0.5)
        {"cash", "-1e20", "must be within [-1e+15, 1e+15]"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.column);
        CAPTURE(c.text);
        const BadRow b = bad_row(c.column, c.text);
        CHECK(b.column == c.column);
        CHECK_MESSAGE(b.message.find(c.message) != std::string::npos, b.message);
    }
    CHECK(describe(bad_row("volatility", "-0.2")) == "book.csv:3: row 2, column 'volatility': -0.2 must be > 0");
}

TEST_CASE("numbers at the bounds of what the engines can price are still priced") {
    // At the bounds a row is still priced: 3 / sqrt(0.5) = 4.2426 is the largest volatility.
    for (const auto& [column, text] : std::vector<std::pair<std::string, std::string>>{
             {"volatility", "4.24"}, {"maturity", "100"}, {"rate", "-1"}, {"spot", "1e15"}}) {
        auto cells = good("1");
        for (auto& cell : cells)
            if (cell.first == column) cell.second = text;
        if (column == "maturity")
            for (auto& cell : cells)
                if (cell.first == "volatility") cell.second = "0.3";
        CAPTURE(column);
        CHECK(parse_book({row(1, cells)}).bad_rows.empty());
    }
}

TEST_CASE("a row the reader could not split is a bad row, not the end of the book") {
    Record broken = row(2, {});
    broken.error = "a quoted cell opened at line 3, column 8 is never closed";
    const Book b = parse_book({row(1, good("1")), broken, row(3, good("3"))});
    CHECK(b.options.size() == 2);
    REQUIRE(b.bad_rows.size() == 1);
    CHECK(describe(b.bad_rows[0]) == "book.csv:3: row 2: a quoted cell opened at line 3, column 8 is never closed");
}

TEST_CASE("Heston and Merton rows the path engines would mis-price are refused") {
    // Found pricing the corners of the ranges: kappa 1000 with weekly steps priced a call 40 %
    // above the fast-reversion limit; jumps of mean and volatility 5 priced a call 0.
    auto heston = good("1");
    for (const auto& [column, text] : std::vector<std::pair<std::string, std::string>>{
             {"model", "heston"}, {"v0", "0.09"}, {"kappa", "1000"}, {"theta", "0.09"}, {"vol_of_vol", "0.3"}, {"rho", "-0.7"}})
        heston.emplace_back(column, text);
    Book b = parse_book({row(1, heston)});
    REQUIRE(b.bad_rows.size() == 1);
    CHECK(b.bad_rows[0].column == "kappa");
    CHECK(b.bad_rows[0].message.find("19.2 times a step at steps_per_year 52; at most 2") != std::string::npos);
    heston.emplace_back("steps_per_year", "500");  // kappa dt = 2
    CHECK(parse_book({row(1, heston)}).bad_rows.empty());

    auto merton = good("1");
    for (const auto& [column, text] : std::vector<std::pair<std::string, std::string>>{
             {"model", "merton"}, {"jump_intensity", "5"}, {"jump_mean", "5"}, {"jump_vol", "5"}})
        merton.emplace_back(column, text);
    b = parse_book({row(1, merton)});
    REQUIRE(b.bad_rows.size() == 1);
    CHECK(b.bad_rows[0].column == "jump_intensity");
    CHECK(b.bad_rows[0].message.find("volatility over the maturity") != std::string::npos);
}
