// SPDX-License-Identifier: MIT
// Reading Records (core/records.hpp) from a CSV file (a header line of column names, then one
// row per line) or a YAML list of maps. A file that cannot be read as either is a ConfigError
// naming it (and line:column); what the cells say is for the caller's parser to judge.
#pragma once
#include <string>
#include <simt/core/records.hpp>

namespace simt::io {
/// `path` by its extension: .csv, or .yaml / .yml.
Records read_records(const std::string& path);

/// CSV text (RFC 4180 quoting; blank lines and lines starting with '#' skipped). A row with
/// more cells than the header names the extras "column N"; a shorter row lacks the rest.
Records parse_csv_records(const std::string& text, const std::string& origin);

/// YAML text whose top level is a list of maps of single values.
Records parse_yaml_records(const std::string& text, const std::string& origin);
}  // namespace simt::io
