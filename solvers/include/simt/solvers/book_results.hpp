// SPDX-License-Identifier: MIT
// A priced book as a results table — the same columns from `simt price`, the option_pricing
// solver and simt.price (docs/montecarlo.md lists them) — and its CSV and HDF5 files.
#pragma once
#include <string>
#include <vector>
#include <simt/io/table.hpp>
#include <simt/montecarlo/book_pricer.hpp>

namespace simt {
/// The Greek columns of a results table, in the order of montecarlo::OptionResult::greeks.
inline constexpr const char* book_greek_names[montecarlo::gbm_greek_count] = {
    "delta", "gamma", "vega", "rho", "pathwise_delta", "pathwise_vega", "lr_delta", "lr_vega"};

/// One row per option: id, row, type, payoff, model, price, std_error, ci_low, ci_high,
/// paths, then with Greeks each Greek and its <name>_se, then seconds.
std::vector<io::TableColumn> book_result_columns(const std::vector<montecarlo::OptionSpec>& options,
                                                 const std::vector<montecarlo::OptionResult>& results, bool greeks);
}  // namespace simt
