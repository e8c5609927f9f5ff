// SPDX-License-Identifier: MIT
// A book: the options a batch job prices, one per record (a CSV row, a YAML map, a Python
// dict). parse_book checks every row on its own: a bad row (unknown type, negative volatility,
// maturity <= 0, a missing column, an unparsable number) is reported by row and column and the
// valid rows are still priced. The columns, their units and defaults: docs/montecarlo.md.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include <simt/core/records.hpp>
#include <simt/montecarlo/gbm_paths.hpp>
#include <simt/montecarlo/model_params.hpp>

namespace simt::montecarlo {
/// One valid row: what is priced and the Philox stream it draws from.
struct OptionSpec {
    std::uint64_t id = 0;  ///< the row's `id`: its random numbers depend only on (seed, id, path, step)
    int row = 0;           ///< 1-based data row, as Record::row
    std::string where;     ///< Record::where, for messages about the row
    Model model = Model::Gbm;
    GbmContract contract;  ///< type, payoff, market, fixings, cash
    ModelParams params;    ///< the payoff's parameters (barrier, exercise) and the model's
};

/// Whether the GBM engine (gbm_paths.hpp, with bumped Greeks) prices it with pseudo-random numbers.
bool uses_gbm_engine(const OptionSpec& option);

/// The dates a path is observed at, T/n, ..., T: n = 1 for a European or digital, the exercise
/// dates for an American or Bermudan, else the fixings.
int path_observations(const OptionSpec& option);

/// A row that was not priced, and why.
struct BadRow {
    int row = 0;
    std::string where;    ///< Record::where
    std::string column;   ///< the column at fault ("" when the row as a whole is)
    std::string message;  ///< "-0.2 must be finite and > 0"
};
/// "book.csv:7: row 6, column 'volatility': -0.2 must be finite and > 0".
std::string describe(const BadRow& bad);

struct Book {
    std::vector<OptionSpec> options;  ///< the valid rows, in row order
    std::vector<BadRow> bad_rows;     ///< in row order
};

/// Checks each record; never throws for a bad row. A repeated id is a bad row (the later one).
Book parse_book(const Records& records);

/// The name a book uses for a model: model_name(Model::Gbm) == "gbm" (payoffs: payoff_name).
const std::string& model_name(Model model);

/// The columns a book may hold, in the order results list them.
const std::vector<std::string>& book_columns();
}  // namespace simt::montecarlo
