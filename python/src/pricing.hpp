// SPDX-License-Identifier: MIT
// _simt.price_book: a book (a file, or rows of text cells from simt.price) priced by the batch
// engine, re-exported to users as simt.price; _simt.payoffs: the payoff table, as simt.payoffs.
#pragma once
#include <pybind11/pybind11.h>

namespace simt::python {
void bind_pricing(pybind11::module_& m);
}
