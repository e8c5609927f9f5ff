// SPDX-License-Identifier: MIT
// Options for the Monte Carlo tests written as book rows, so that the book's columns are
// what is tested, and one pricing call for a few of them.
#pragma once
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>
#include <simt/montecarlo/book.hpp>
#include <simt/montecarlo/book_pricer.hpp>

namespace simt::test {
using Cells = std::vector<std::pair<std::string, std::string>>;

/// The row `cells` parsed as a one-row book (it must be valid), with id `id`.
inline montecarlo::OptionSpec book_row(Cells cells, std::uint64_t id = 1) {
    cells.emplace_back("id", std::to_string(id));
    const montecarlo::Book b = montecarlo::parse_book({Record{1, "test", std::move(cells), ""}});
    for (const auto& bad : b.bad_rows) FAIL(montecarlo::describe(bad));
    return b.options.at(0);
}

/// `paths` paths of each option from seed `seed` (with or without the book's control variates).
inline std::vector<montecarlo::OptionResult> price_rows(const std::vector<montecarlo::OptionSpec>& options,
                                                       Index paths, std::uint64_t seed = 11,
                                                       bool control_variate = true) {
    montecarlo::PricingRequest s;
    s.seed = seed;
    s.paths = paths;
    s.control_variate = control_variate;
    return montecarlo::price_book(Context(Backend::Cpu), options, s);
}
}  // namespace simt::test
