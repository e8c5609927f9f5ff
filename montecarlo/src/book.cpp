// SPDX-License-Identifier: MIT
#include <simt/montecarlo/book.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace simt::montecarlo {
namespace {
/// The reason a row is bad; parse_book turns it into a BadRow.
struct RowError {
    std::string column, message;
};

const std::vector<std::string> models = {"gbm"};
/// Models and payoffs a later engine will price: named "not supported yet", not "unknown".
const std::vector<std::string> planned_models = {"heston", "merton", "sabr", "local_vol"};
const std::vector<std::pair<std::string, GbmPayoff>> payoffs = {{"european", GbmPayoff::European},
                                                                 {"digital", GbmPayoff::Digital},
                                                                 {"arithmetic_asian", GbmPayoff::ArithmeticAsian},
                                                                 {"geometric_asian", GbmPayoff::GeometricAsian}};
const std::vector<std::string> planned_payoffs = {"barrier", "american", "bermudan", "lookback"};

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

/// One record's cells by column, read with the checks every column shares.
class Row {
   public:
    explicit Row(const Record& r) {
        for (const auto& [column, text] : r.cells) {
            if (!contains(book_columns(), column))
                throw RowError{column, fmt::format("unknown column; allowed: {}", fmt::join(book_columns(), ", "))};
            if (m_cells.count(column)) throw RowError{column, "given twice"};
            // An empty cell is an absent value: a mixed CSV book leaves the Asian columns blank.
            if (std::string t = trim(text); !t.empty()) m_cells[column] = t;
        }
    }

    std::optional<std::string> text(const std::string& column) const {
        auto it = m_cells.find(column);
        return it == m_cells.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    std::string required_text(const std::string& column) const {
        if (auto t = text(column)) return *t;
        throw RowError{column, "missing (the column is required)"};
    }
    std::string choice(const std::string& column, const std::string& fallback) const {
        std::string t = text(column).value_or(fallback);
        std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        return t;
    }

    /// A finite number; `fallback` when the cell is absent, required when there is none.
    double number(const std::string& column, std::optional<double> fallback = std::nullopt) const {
        const auto t = text(column);
        if (!t) {
            if (fallback) return *fallback;
            throw RowError{column, "missing (the column is required)"};
        }
        double v = 0;
        const char* end = t->data() + t->size();
        const auto [ptr, ec] = std::from_chars(t->data(), end, v);
        if (ec != std::errc() || ptr != end || !std::isfinite(v))
            throw RowError{column, fmt::format("'{}' is not a finite number", *t)};
        return v;
    }
    double positive(const std::string& column, std::optional<double> fallback = std::nullopt) const {
        const double v = number(column, fallback);
        if (!(v > 0)) throw RowError{column, fmt::format("{} must be > 0", v)};
        return v;
    }
    /// A whole number within [lo, hi] ("12" or "12.0"; not "12.5").
    std::int64_t integer(const std::string& column, std::int64_t fallback, double lo, double hi) const {
        if (!text(column)) return fallback;
        const double v = number(column);
        if (v != std::floor(v) || v < lo || v > hi)
            throw RowError{column, fmt::format("{} must be a whole number within [{}, {}]", v, lo, hi)};
        return std::int64_t(v);
    }

   private:
    std::map<std::string, std::string> m_cells;
};

OptionSpec parse_row(const Record& r) {
    const Row row(r);
    OptionSpec o;
    o.row = r.row;
    o.id = std::uint64_t(row.integer("id", r.row, 0, 9007199254740992.0));  // 2^53: exact in a double
    const std::string model = row.choice("model", "gbm");
    if (contains(planned_models, model)) throw RowError{"model", fmt::format("model '{}' not supported yet", model)};
    if (!contains(models, model))
        throw RowError{"model", fmt::format("unknown model '{}'; allowed: {}", model, fmt::join(models, ", "))};
    const std::string type = row.choice("type", "");
    if (type.empty()) throw RowError{"type", "missing (the column is required)"};
    if (type != "call" && type != "put") throw RowError{"type", fmt::format("unknown type '{}'; allowed: call, put", type)};
    GbmContract& c = o.contract;
    c.type = type == "call" ? OptionType::Call : OptionType::Put;
    const std::string payoff = row.choice("payoff", "european");
    const auto known = std::find_if(payoffs.begin(), payoffs.end(), [&](const auto& p) { return p.first == payoff; });
    if (known == payoffs.end()) {
        if (contains(planned_payoffs, payoff))
            throw RowError{"payoff", fmt::format("payoff '{}' not supported yet", payoff)};
        std::vector<std::string> names;
        for (const auto& p : payoffs) names.push_back(p.first);
        throw RowError{"payoff", fmt::format("unknown payoff '{}'; allowed: {}", payoff, fmt::join(names, ", "))};
    }
    c.payoff = known->second;
    c.market.spot = row.positive("spot");
    c.market.strike = row.positive("strike");
    c.market.expiry = row.positive("maturity");
    c.market.rate = row.number("rate", 0.0);
    c.market.dividend = row.number("dividend", 0.0);
    c.market.volatility = row.positive("volatility");
    c.fixings = int(row.integer("fixings", 12, 1, double(gbm_max_fixings)));
    c.cash = row.number("cash", 1.0);
    return o;
}
}  // namespace

const std::vector<std::string>& book_columns() {
    static const std::vector<std::string> columns = {"id",   "type",     "payoff",   "model",      "spot",    "strike",
                                                     "maturity", "rate", "dividend", "volatility", "fixings", "cash"};
    return columns;
}

std::string describe(const BadRow& b) {
    const std::string column = b.column.empty() ? "" : fmt::format(", column '{}'", b.column);
    return fmt::format("{}: row {}{}: {}", b.where, b.row, column, b.message);
}

Book parse_book(const Records& records) {
    Book book;
    std::map<std::uint64_t, int> first_row_of_id;
    for (const Record& r : records) {
        try {
            OptionSpec o = parse_row(r);
            if (auto [it, fresh] = first_row_of_id.emplace(o.id, r.row); !fresh)
                throw RowError{"id", fmt::format("id {} repeats row {}: ids name random streams, so they must differ",
                                                 o.id, it->second)};
            book.options.push_back(std::move(o));
        } catch (const RowError& e) {
            book.bad_rows.push_back({r.row, r.where, e.column, e.message});
        }
    }
    return book;
}
}  // namespace simt::montecarlo
