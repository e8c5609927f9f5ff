// SPDX-License-Identifier: MIT
// Records from CSV and YAML text: cells by column, the line each row came from, and the
// file-level errors (a quote never closed, a YAML item that is not a map).
#include <doctest/doctest.h>

#include <functional>
#include <simt/core/error.hpp>
#include <simt/io/params.hpp>
#include <simt/io/records.hpp>
#include <simt/io/scenario.hpp>
#include "temp_dir.hpp"

using namespace simt;
using namespace simt::io;

namespace {
std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "no error";
}
}  // namespace

TEST_CASE("CSV rows keep their line numbers and quoted cells") {
    const Records r = parse_csv_records("# a comment\nid, type ,note\n\n1,call,\"a, b\"\n2,put\n3,call,x,9,\n",
                                        "book.csv");
    REQUIRE(r.size() == 3);
    CHECK(r[0].row == 1);
    CHECK(r[0].where == "book.csv:4");
    CHECK(r[0].cells == std::vector<std::pair<std::string, std::string>>{{"id", "1"}, {"type", "call"}, {"note", "a, b"}});
    CHECK(r[1].where == "book.csv:5");
    CHECK(r[1].cells.size() == 2);  // a short row lacks the last column
    CHECK(r[2].cells.back() == std::pair<std::string, std::string>{"column 4", "9"});
    CHECK(error_of([] { parse_csv_records("", "x.csv"); }).find("empty") != std::string::npos);
}

TEST_CASE("a quote never closed spoils its own row only, and names where it opened") {
    const Records r = parse_csv_records("id,type\n1,call\n2,\"put\n3,call\n", "x.csv");
    REQUIRE(r.size() == 3);
    CHECK(r[0].error.empty());
    CHECK(r[1].where == "x.csv:3");
    CHECK(r[1].error == "a quoted cell opened at line 3, column 3 is never closed");
    CHECK(r[1].cells.empty());
    CHECK(r[2].error.empty());
    CHECK(r[2].where == "x.csv:4");
    CHECK(r[2].cells == std::vector<std::pair<std::string, std::string>>{{"id", "3"}, {"type", "call"}});
    // A closed quote may still span lines.
    CHECK(parse_csv_records("id,note\n1,\"a\nb\"\n", "x.csv").at(0).error.empty());
    // In the header it is a file error: no column could be named.
    CHECK(error_of([] { parse_csv_records("id,\"type\n1,call\n", "x.csv"); }) ==
          "x.csv:1: header: a quoted cell opened at line 1, column 4 is never closed");
}

TEST_CASE("a book without rows is an error, not an empty result") {
    // Header only, and a header cut in the middle (issue 12: both exited 0 pricing nothing).
    CHECK(error_of([] { parse_csv_records("id,type,spot,strike\n", "x.csv"); }) == "x.csv: a header but no rows; nothing to price");
    CHECK(error_of([] { parse_csv_records("id,type,sp", "x.csv"); }) == "x.csv: a header but no rows; nothing to price");
    CHECK(error_of([] { parse_csv_records("id,type\n# only a comment\n\n", "x.csv"); }).find("no rows") != std::string::npos);
    CHECK(error_of([] { parse_yaml_records("[]\n", "b.yaml"); }) == "b.yaml: an empty list of rows; nothing to price");
    // A device would be read forever.
    test::TempDir tmp;
    std::filesystem::create_symlink("/dev/zero", tmp.file("zero.csv"));
    CHECK(error_of([&] { read_records(tmp.file("zero.csv")); }).find("a book is a regular file") != std::string::npos);
}

TEST_CASE("YAML books are lists of maps with each row's line") {
    const Records r = parse_yaml_records("- {id: 1, type: call}\n-\n  id: 2\n  type: put\n", "book.yaml");
    REQUIRE(r.size() == 2);
    CHECK(r[0].where == "book.yaml:1:3");
    CHECK(r[1].where == "book.yaml:3:3");
    CHECK(r[1].cells[1] == std::pair<std::string, std::string>{"type", "put"});
    CHECK(error_of([] { parse_yaml_records("- 3\n", "b.yaml"); }).find("b.yaml:1:3: the book item 1 must be a map") == 0);
    CHECK(error_of([] { parse_yaml_records("a: 1\n", "b.yaml"); }).find("must be a list of maps") != std::string::npos);
    CHECK(error_of([] { parse_yaml_records("- {a: [1]}\n", "b.yaml"); }).find("single value") != std::string::npos);
    CHECK(error_of([] { read_records("book.txt"); }).find(".csv or a .yaml") != std::string::npos);
}

TEST_CASE("a scenario's table key reads an inline list of maps") {
    Schema s;
    s.add(string_key("solver", std::nullopt, {}, "solver")).add(table_key("book.options", "the options"));
    const Params p = Scenario::from_string("solver: x\nbook:\n  options:\n    - {id: 4, spot: 100}\n", "s.yaml")
                         .validate(s);
    REQUIRE(p.table("book.options").size() == 1);
    CHECK(p.table("book.options")[0].where == "s.yaml:4:7");
    CHECK(Scenario::from_string("solver: x\n", "s.yaml").validate(s).table("book.options").empty());
    CHECK(error_of([&] { Scenario::from_string("solver: x\nbook: {options: 3}\n", "s.yaml").validate(s); })
              .find("book.options must be a list of maps") != std::string::npos);
}
