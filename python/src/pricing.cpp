// SPDX-License-Identifier: MIT
#include "pricing.hpp"

#include <pybind11/stl.h>
#include <simt/core/context.hpp>
#include <simt/io/records.hpp>
#include <simt/montecarlo/book_pricer.hpp>
#include <simt/solvers/book_results.hpp>

namespace py = pybind11;

namespace simt::python {
namespace {
using Cells = std::vector<std::pair<std::string, std::string>>;

/// Columns as {name: list}, and the bad rows as (row, column, message, description) tuples.
py::tuple price_records(const Records& records, std::int64_t paths, std::uint64_t seed, const std::string& device,
                        bool greeks, bool antithetic, bool fp32, bool qmc, int qmc_replicates) {
    std::vector<io::TableColumn> columns;
    montecarlo::Book book;
    {
        py::gil_scoped_release release;
        book = montecarlo::parse_book(records);
        montecarlo::BookSettings s;
        s.seed = seed;
        s.paths = paths;
        s.greeks = greeks;
        s.antithetic = antithetic;
        s.fp32 = fp32;
        s.qmc = qmc;
        s.qmc_replicates = qmc_replicates;
        Context ctx(resolve_backend(device));
        auto results = montecarlo::price_book(ctx, book.options, s);
        montecarlo::reject_non_finite(book, results);
        columns = book_result_columns(book.options, results, greeks);
    }
    py::dict out;
    for (const auto& c : columns)
        out[py::str(c.name)] = c.is_text ? py::cast(c.text) : c.is_integer ? py::cast(c.integers()) : py::cast(c.numbers);
    py::list bad;
    for (const auto& b : book.bad_rows) bad.append(py::make_tuple(b.row, b.column, b.message, montecarlo::describe(b)));
    return py::make_tuple(out, bad);
}
}  // namespace

void bind_pricing(py::module_& m) {
    m.def(
        "price_book",
        [](const py::object& book, std::int64_t paths, std::uint64_t seed, const std::string& device, bool greeks,
           bool antithetic, bool fp32, bool qmc, int qmc_replicates) {
            Records records;
            if (py::isinstance<py::str>(book)) {
                records = io::read_records(book.cast<std::string>());
            } else {
                int row = 0;
                for (const auto& cells : book.cast<std::vector<Cells>>()) {
                    ++row;
                    records.push_back(Record{row, "book[" + std::to_string(row - 1) + "]", cells, ""});
                }
            }
            return price_records(records, paths, seed, device, greeks, antithetic, fp32, qmc, qmc_replicates);
        },
        py::arg("book"), py::arg("paths"), py::arg("seed"), py::arg("device"), py::arg("greeks"), py::arg("antithetic"),
        py::arg("fp32"), py::arg("qmc"), py::arg("qmc_replicates"),
        "Prices a book file (str path) or rows of (column, text) pairs; returns (columns, bad rows).");
}
}  // namespace simt::python
