// SPDX-License-Identifier: MIT
#include "pricing.hpp"

#include <pybind11/stl.h>
#include <simt/core/comm.hpp>
#include <simt/core/context.hpp>
#include <simt/io/records.hpp>
#include <simt/montecarlo/book_ranks.hpp>
#include <simt/montecarlo/payoff_table.hpp>
#include <simt/solvers/book_results.hpp>
#include <simt/solvers/pricing_request_keys.hpp>

namespace py = pybind11;

namespace simt::python {
namespace {
using Cells = std::vector<std::pair<std::string, std::string>>;

/// A Python value as a request key's Value (bool before int: a Python bool is an int).
Value request_value(const std::string& key, const py::handle& v) {
    if (py::isinstance<py::bool_>(v)) return v.cast<bool>();
    if (py::isinstance<py::int_>(v)) return v.cast<std::int64_t>();
    if (py::isinstance<py::float_>(v)) return v.cast<double>();
    if (py::isinstance<py::str>(v)) return v.cast<std::string>();
    throw ConfigError("simt.price: " + key + " = " + py::repr(v).cast<std::string>() +
                      " must be a bool, an integer, a number or a string");
}

/// Columns as {name: list}, and the bad rows as (row, column, message, description) tuples.
py::tuple price_records(const Records& records, const montecarlo::PricingRequest& request, const std::string& device) {
    std::vector<io::TableColumn> columns;
    montecarlo::Book book;
    {
        py::gil_scoped_release release;
        book = montecarlo::parse_book(records);
        Context ctx(resolve_backend(device));
        auto results = montecarlo::price_book_on_ranks(Comm::world(), ctx, book.options, request);
        montecarlo::reject_non_finite(book, results);
        columns = book_result_columns(book.options, results, request.greeks);
    }
    py::dict out;
    for (const auto& c : columns)
        out[py::str(c.name)] = c.is_text ? py::cast(c.text) : c.is_integer ? py::cast(c.integers()) : py::cast(c.numbers);
    py::list bad;
    for (const auto& b : book.bad_rows) bad.append(py::make_tuple(b.row, b.column, b.message, montecarlo::describe(b)));
    return py::make_tuple(out, bad);
}
}  // namespace

/// The payoff table: each payoff's name and the engines its traits name.
py::list payoff_table() {
    py::list out;
    for (int i = 0; i < montecarlo::Payoffs::size; ++i) {
        const montecarlo::PayoffId id{i};
        const montecarlo::PayoffTraits t = montecarlo::payoff_traits(id);
        py::dict row;
        row["name"] = montecarlo::payoff_name(id);
        row["gbm_engine"] = t.gbm_engine;
        row["path_kernel"] = t.path_kernel;
        row["early_exercise"] = t.early_exercise;
        row["pathwise_greeks"] = t.pathwise_greeks;
        row["lr_greeks"] = t.lr_greeks;
        out.append(row);
    }
    return out;
}

void bind_pricing(py::module_& m) {
    m.def("payoffs", &payoff_table, "The payoff table: one dict per payoff, its name and the engines that price it.");
    m.def(
        "price_book",
        [](const py::object& book, const py::dict& keys, const std::string& device) {
            std::vector<std::pair<std::string, Value>> given;
            for (const auto& [key, value] : keys) {
                const std::string name = py::str(key);
                given.emplace_back(name, request_value(name, value));
            }
            const montecarlo::PricingRequest request = pricing_request(given, "simt.price");
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
            return price_records(records, request, device);
        },
        py::arg("book"), py::arg("request"), py::arg("device"),
        "Prices a book file (str path) or rows of (column, text) pairs with the pricing request's keys "
        "(a dict: paths, seed, greeks, ...); returns (columns, bad rows).");
}
}  // namespace simt::python
