// SPDX-License-Identifier: MIT
// Results tables (one row per priced option, say): columns of numbers or of text, written as
// CSV and as HDF5, each atomically (a .tmp file renamed into place).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace simt::io {
/// One column: `numbers`, or `text` when is_text. An is_integer column (ids, counts) holds
/// whole numbers and is written as integers.
struct TableColumn {
    std::string name;
    bool is_text = false;
    bool is_integer = false;
    std::vector<double> numbers;
    std::vector<std::string> text;
    std::size_t size() const { return is_text ? text.size() : numbers.size(); }
    /// An is_integer column's numbers as 64-bit integers.
    std::vector<std::int64_t> integers() const { return {numbers.begin(), numbers.end()}; }
};

/// A header line, then one line per row: numbers in their shortest round-trip form (nan for
/// NaN), text quoted where CSV needs it. IoError when the file cannot be written.
void write_csv_table(const std::string& path, const std::vector<TableColumn>& columns);

/// The columns aligned for a terminal: a header line, then one line per row, text left-aligned,
/// numbers right-aligned; integer columns as integers, the others with `digits` significant digits
/// and NaN (not computed) as '-'.
std::string text_table(const std::vector<TableColumn>& columns, int digits = 6);

/// /<group>/<name> 1-D datasets (float64 numbers, int64 integer columns, UTF-8 strings) and the /simt header of every
/// simt HDF5 file. IoError when the file cannot be written.
void write_hdf5_table(const std::string& path, const std::string& group, const std::vector<TableColumn>& columns);

/// A results table: `csv_path` and, beside it with the extension .h5, the same columns under
/// /results (simt price -o, and the results.csv beside a checkpoint).
void write_results_table(const std::string& csv_path, const std::vector<TableColumn>& columns);
}  // namespace simt::io
