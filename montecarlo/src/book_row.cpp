// SPDX-License-Identifier: MIT
#include <simt/montecarlo/book_row.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <simt/core/suggest.hpp>
#include <simt/montecarlo/book.hpp>

namespace simt::montecarlo {
namespace {
std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}
}  // namespace

BookRow::BookRow(const Record& r) {
    const std::vector<std::string>& columns = book_columns();
    for (const auto& [column, text] : r.cells) {
        if (std::find(columns.begin(), columns.end(), column) == columns.end())
            throw BookRowError{column, fmt::format("unknown column; allowed: {}", fmt::join(columns, ", "))};
        if (m_cells.count(column)) throw BookRowError{column, "given twice"};
        // An empty cell is an absent value: a mixed CSV book leaves the Asian columns blank.
        if (std::string t = trim(text); !t.empty()) m_cells[column] = t;
    }
}

std::optional<std::string> BookRow::text(const std::string& column) const {
    auto it = m_cells.find(column);
    return it == m_cells.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::string BookRow::required_text(const std::string& column) const {
    if (auto t = text(column)) return *t;
    throw BookRowError{column, "missing (the column is required)"};
}

std::string BookRow::choice(const std::string& column, const std::string& fallback) const {
    std::string t = text(column).value_or(fallback);
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return t;
}

std::size_t BookRow::choose(const std::string& column, const std::vector<std::string>& names,
                            const std::string& fallback) const {
    const std::string name = choice(column, fallback);
    if (name.empty()) throw BookRowError{column, "missing (the column is required)"};
    const auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return std::size_t(it - names.begin());
    throw BookRowError{column, fmt::format("unknown {} '{}'; allowed: {}{}", column, name, fmt::join(names, ", "),
                                           did_you_mean(name, names))};
}

std::vector<double> BookRow::numbers(const std::string& column) const {
    const std::string t = required_text(column);
    std::vector<double> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = t.find(';', start);
        const std::string item = trim(t.substr(start, end == std::string::npos ? std::string::npos : end - start));
        double v = 0;
        const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
        if (item.empty() || ec != std::errc() || ptr != item.data() + item.size() || !std::isfinite(v))
            throw BookRowError{column, fmt::format("'{}' is not a ';'-separated list of finite numbers", t)};
        out.push_back(v);
        if (end == std::string::npos) return out;
        start = end + 1;
    }
}

double BookRow::number(const std::string& column, std::optional<double> fallback) const {
    const auto t = text(column);
    if (!t) {
        if (fallback) return *fallback;
        throw BookRowError{column, "missing (the column is required)"};
    }
    double v = 0;
    const char* end = t->data() + t->size();
    const auto [ptr, ec] = std::from_chars(t->data(), end, v);
    if (ec != std::errc() || ptr != end || !std::isfinite(v))
        throw BookRowError{column, fmt::format("'{}' is not a finite number", *t)};
    return v;
}

double BookRow::positive(const std::string& column, std::optional<double> fallback) const {
    const double v = number(column, fallback);
    if (!(v > 0)) throw BookRowError{column, fmt::format("{} must be > 0", v)};
    return v;
}

double BookRow::within(const std::string& column, double lo, double hi, const char* why,
                       std::optional<double> fallback) const {
    return checked_within(column, number(column, fallback), lo, hi, why);
}

double BookRow::positive_up_to(const std::string& column, double hi, const char* why,
                               std::optional<double> fallback) const {
    const double v = positive(column, fallback);
    return checked_within(column, v, 0, hi, why);
}

double BookRow::checked_within(const std::string& column, double v, double lo, double hi, const char* why) {
    if (!(v >= lo && v <= hi))
        throw BookRowError{column, fmt::format("{:g} must be within [{:g}, {:g}]: {}", v, lo, hi, why)};
    return v;
}

std::int64_t BookRow::integer(const std::string& column, std::int64_t fallback, double lo, double hi) const {
    if (!text(column)) return fallback;
    const double v = number(column);
    if (v != std::floor(v) || v < lo || v > hi)
        throw BookRowError{column, fmt::format("{} must be a whole number within [{}, {}]", v, lo, hi)};
    return std::int64_t(v);
}
}  // namespace simt::montecarlo
