// SPDX-License-Identifier: MIT
// Fuzz target: book text -> records (CSV, then YAML) -> parse_book, the path of `simt price`
// before any pricing. A whole-file error is a simt::Error; a bad row a BadRow; nothing else.
#include <cstddef>
#include <cstdint>
#include <string>
#include <simt/core/error.hpp>
#include <simt/io/records.hpp>
#include <simt/montecarlo/book.hpp>

namespace {
void parse(const simt::Records& records) {
    const simt::montecarlo::Book book = simt::montecarlo::parse_book(records);
    for (const auto& bad : book.bad_rows) (void)simt::montecarlo::describe(bad);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        parse(simt::io::parse_csv_records(text, "fuzz.csv"));
    } catch (const simt::Error&) {
    }
    try {
        parse(simt::io::parse_yaml_records(text, "fuzz.yaml"));
    } catch (const simt::Error&) {
    }
    return 0;
}
