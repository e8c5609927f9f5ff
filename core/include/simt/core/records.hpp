// SPDX-License-Identifier: MIT
// Records: rows of named text cells with where each row came from. A CSV file, a YAML list of
// maps and a Python list of dicts all become Records, so one parser (which knows the columns)
// checks every row the same way and names its origin in messages.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace simt {
struct Record {
    int row = 0;        ///< 1-based data row (the header and comments not counted)
    std::string where;  ///< "book.csv:7", "scenario.yaml:12:5", "book[3]": for messages
    std::vector<std::pair<std::string, std::string>> cells;  ///< column name, text as written
    std::string error;  ///< why the row could not be read at all ("" when it could): a bad row
};
using Records = std::vector<Record>;
}  // namespace simt
