// SPDX-License-Identifier: MIT
// One row of a book as its readers see it: the book parser (book.cpp) and the payoff
// definitions that read columns of their own (payoffs/*.hpp). Each reading checks its cell and
// throws a BookRowError naming the column; parse_book turns it into a bad row. Host only.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include <simt/core/records.hpp>

namespace simt::montecarlo {
/// Why a row is bad: the column at fault ("" for the row as a whole) and what is wrong with it.
struct BookRowError {
    std::string column, message;
};

/// Spot, strike, barrier, cash, rebate: fp32 paths hold prices to 3.4e38, and the variance sums
/// square the payoffs; 1e15 leaves room for e^{(r - q) T + 6 sigma sqrt(T)} growth.
constexpr double book_max_money = 1e15;
constexpr const char* book_money_reason =
    "larger amounts overflow the paths and their squared payoffs; rescale the currency";

/// What a payoff's reading may depend on beyond its own columns.
struct BookRowContext {
    double maturity = 0;               ///< T [years]
    bool constant_volatility = false;  ///< the model is gbm
};

class BookRow {
   public:
    /// The row's non-empty cells; an unknown column or one given twice is a BookRowError.
    explicit BookRow(const Record& r);

    std::optional<std::string> text(const std::string& column) const;
    std::string required_text(const std::string& column) const;
    /// The cell in lower case, `fallback` when absent.
    std::string choice(const std::string& column, const std::string& fallback) const;
    /// The position of the cell's value among `names` (case-insensitive), `fallback` when absent
    /// ("" = required); another value is refused with the names and a suggestion.
    std::size_t choose(const std::string& column, const std::vector<std::string>& names,
                       const std::string& fallback) const;
    /// A ';'-separated list of finite numbers ("100;95.5;80").
    std::vector<double> numbers(const std::string& column) const;
    /// A finite number; `fallback` when the cell is absent, required when there is none.
    double number(const std::string& column, std::optional<double> fallback = std::nullopt) const;
    double positive(const std::string& column, std::optional<double> fallback = std::nullopt) const;
    /// A number within [lo, hi]; `why` says what the bound protects.
    double within(const std::string& column, double lo, double hi, const char* why,
                  std::optional<double> fallback = std::nullopt) const;
    /// A number > 0 and at most hi.
    double positive_up_to(const std::string& column, double hi, const char* why,
                          std::optional<double> fallback = std::nullopt) const;
    /// A whole number within [lo, hi] ("12" or "12.0"; not "12.5").
    std::int64_t integer(const std::string& column, std::int64_t fallback, double lo, double hi) const;

    static double checked_within(const std::string& column, double v, double lo, double hi, const char* why);

   private:
    std::map<std::string, std::string> m_cells;
};
}  // namespace simt::montecarlo
