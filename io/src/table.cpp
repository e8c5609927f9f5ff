// SPDX-License-Identifier: MIT
// The CSV writer; the HDF5 one lives with the other HDF5 writers in checkpoint.cpp.
#include <simt/io/table.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <fmt/format.h>
#include <simt/core/error.hpp>

namespace simt::io {
namespace {
std::string csv_cell(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}
}  // namespace

std::string text_table(const std::vector<TableColumn>& columns, int digits) {
    const std::size_t rows = columns.empty() ? 0 : columns[0].size();
    std::vector<std::vector<std::string>> cells;  // [column][0 = header, 1.. = rows]
    std::vector<std::size_t> widths;
    for (const TableColumn& c : columns) {
        std::vector<std::string> col{c.name};
        for (std::size_t r = 0; r < rows; ++r) {
            if (c.is_text) col.push_back(c.text[r]);
            else if (c.is_integer) col.push_back(fmt::format("{}", static_cast<std::int64_t>(c.numbers[r])));
            else if (std::isnan(c.numbers[r])) col.push_back("-");  // a Greek that the row's method lacks
            else col.push_back(fmt::format("{:.{}g}", c.numbers[r], digits));
        }
        std::size_t w = 0;
        for (const auto& cell : col) w = std::max(w, cell.size());
        cells.push_back(std::move(col));
        widths.push_back(w);
    }
    std::string out;
    for (std::size_t r = 0; r <= rows; ++r) {
        std::string line;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i) line += "  ";
            line += columns[i].is_text ? fmt::format("{:<{}}", cells[i][r], widths[i])
                                       : fmt::format("{:>{}}", cells[i][r], widths[i]);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    return out;
}

void write_csv_table(const std::string& path, const std::vector<TableColumn>& columns) {
    const std::size_t rows = columns.empty() ? 0 : columns[0].size();
    for (const auto& c : columns)
        SIMT_REQUIRE(c.size() == rows, fmt::format("write_csv_table: column '{}' holds {} rows, not {}", c.name,
                                                   c.size(), rows));
    std::string out;
    for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + csv_cell(columns[i].name);
    out += "\n";
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const TableColumn& c = columns[i];
            if (i) out += ",";
            if (c.is_text) out += csv_cell(c.text[r]);
            else out += std::isnan(c.numbers[r]) ? std::string("nan") : fmt::format("{}", c.numbers[r]);
        }
        out += "\n";
    }
    const std::string tmp = path + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f || !(f << out) || !f.flush())
            throw IoError(fmt::format("cannot write '{}': {}", tmp, std::strerror(errno)));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        throw IoError(fmt::format("cannot rename '{}' to '{}': {}", tmp, path, std::strerror(errno)));
}

void write_results_table(const std::string& csv_path, const std::vector<TableColumn>& columns) {
    write_csv_table(csv_path, columns);
    write_hdf5_table(std::filesystem::path(csv_path).replace_extension(".h5").string(), "results", columns);
}
}  // namespace simt::io
