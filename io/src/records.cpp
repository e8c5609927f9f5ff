// SPDX-License-Identifier: MIT
#include <simt/io/records.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include "yaml_records.hpp"

namespace simt::io {
namespace detail {
std::string yaml_location(const std::string& origin, const YAML::Mark& mark) {
    if (mark.is_null() || mark.line < 0) return origin;
    return fmt::format("{}:{}:{}", origin, mark.line + 1, mark.column + 1);
}

Records yaml_records(const YAML::Node& list, const std::string& origin, const std::string& what) {
    if (!list.IsSequence())
        throw ConfigError(fmt::format("{}: {} must be a list of maps (one per row)", yaml_location(origin, list.Mark()),
                                      what));
    Records out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node item = list[i];
        const std::string where = yaml_location(origin, item.Mark());
        if (!item.IsMap())
            throw ConfigError(fmt::format("{}: {} item {} must be a map of column: value", where, what, i + 1));
        Record r;
        r.row = int(i + 1);
        r.where = where;
        for (const auto& kv : item) {
            if (!kv.first.IsScalar() || !(kv.second.IsScalar() || kv.second.IsNull()))
                throw ConfigError(fmt::format("{}: {} item {}: each column must hold a single value",
                                              yaml_location(origin, kv.first.Mark()), what, i + 1));
            r.cells.emplace_back(kv.first.Scalar(), kv.second.IsNull() ? "" : kv.second.Scalar());
        }
        out.push_back(std::move(r));
    }
    return out;
}
}  // namespace detail

namespace {
/// One CSV record's cells, or where its quoted cell opened when that quote is never closed.
struct CsvRecord {
    std::vector<std::string> cells;
    std::string unclosed_quote;  ///< "a quoted cell opened at line 7, column 12 is never closed"; "" if fine
};

/// Splits one CSV record starting at `pos`; quoted cells may hold commas, "" and newlines. A
/// quote still open at the end of the text makes the record end at its first line instead, so
/// that the rows after it are still read.
CsvRecord csv_record(const std::string& text, std::size_t& pos, int& line) {
    const std::size_t start = pos;
    const int first_line = line;
    CsvRecord r{std::vector<std::string>(1), ""};
    bool quoted = false;
    std::size_t quote_pos = 0;
    int quote_line = line;
    for (; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (quoted) {
            if (c == '"' && pos + 1 < text.size() && text[pos + 1] == '"') {
                r.cells.back() += '"';
                ++pos;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') ++line;
                r.cells.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
            quote_pos = pos;
            quote_line = line;
        } else if (c == ',') {
            r.cells.emplace_back();
        } else if (c == '\n') {
            ++pos;
            ++line;
            return r;
        } else if (c != '\r') {
            r.cells.back() += c;
        }
    }
    if (quoted) {
        const std::size_t line_start = text.rfind('\n', quote_pos);
        const std::size_t column = quote_pos - (line_start == std::string::npos ? 0 : line_start + 1) + 1;
        r.unclosed_quote = fmt::format("a quoted cell opened at line {}, column {} is never closed", quote_line, column);
        const std::size_t end = text.find('\n', start);
        pos = end == std::string::npos ? text.size() : end + 1;
        line = first_line;
    }
    ++line;
    return r;
}

bool skipped_line(const std::string& text, std::size_t pos) {
    const std::size_t first = text.find_first_not_of(" \t\r", pos);
    return first == std::string::npos || text[first] == '\n' || text[first] == '#';
}

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::string read_file(const std::string& path) {
    if (std::error_code ec; std::filesystem::is_directory(path, ec))
        throw ConfigError(fmt::format("cannot open '{}': {}", path, std::strerror(EISDIR)));
    // A device or pipe (/dev/zero) would be read forever.
    if (std::error_code ec; std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))
        throw ConfigError(fmt::format("cannot read '{}': a book is a regular file", path));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(fmt::format("cannot open '{}': {}", path, std::strerror(errno)));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}
}  // namespace

Records parse_csv_records(const std::string& text, const std::string& origin) {
    std::size_t pos = 0;
    int line = 1;
    std::vector<std::string> header;
    Records out;
    while (pos < text.size()) {
        if (skipped_line(text, pos)) {
            const std::size_t end = text.find('\n', pos);
            pos = end == std::string::npos ? text.size() : end + 1;
            ++line;
            continue;
        }
        const int row_line = line;
        CsvRecord record = csv_record(text, pos, line);
        const std::vector<std::string>& cells = record.cells;
        if (header.empty()) {
            if (!record.unclosed_quote.empty())
                throw ConfigError(fmt::format("{}:{}: header: {}", origin, row_line, record.unclosed_quote));
            for (auto& c : cells) header.push_back(trim(c));
            for (std::size_t i = 0; i < header.size(); ++i)
                if (header[i].empty())
                    throw ConfigError(fmt::format("{}:{}: header column {} has no name", origin, row_line, i + 1));
            continue;
        }
        Record r;
        r.row = int(out.size() + 1);
        r.where = fmt::format("{}:{}", origin, row_line);
        r.error = record.unclosed_quote;
        for (std::size_t i = 0; r.error.empty() && i < cells.size(); ++i) {
            // A trailing comma leaves an empty extra cell: no value, nothing to report.
            if (i >= header.size() && trim(cells[i]).empty()) continue;
            r.cells.emplace_back(i < header.size() ? header[i] : fmt::format("column {}", i + 1), cells[i]);
        }
        out.push_back(std::move(r));
    }
    if (header.empty()) throw ConfigError(fmt::format("{}: empty; a CSV book starts with a header line", origin));
    if (out.empty()) throw ConfigError(fmt::format("{}: a header but no rows; nothing to price", origin));
    return out;
}

Records parse_yaml_records(const std::string& text, const std::string& origin) {
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw ConfigError(fmt::format("{}: YAML syntax error: {}", detail::yaml_location(origin, e.mark), e.msg));
    }
    Records records = detail::yaml_records(root, origin, "the book");
    if (records.empty()) throw ConfigError(fmt::format("{}: an empty list of rows; nothing to price", origin));
    return records;
}

Records read_records(const std::string& path) {
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".csv") return parse_csv_records(read_file(path), path);
    if (ext == ".yaml" || ext == ".yml") return parse_yaml_records(read_file(path), path);
    throw ConfigError(fmt::format("'{}': a book is a .csv or a .yaml/.yml file", path));
}
}  // namespace simt::io
