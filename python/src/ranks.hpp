// SPDX-License-Identifier: MIT
// _simt under mpirun: MPI started (or joined) when the module is imported, this process's rank,
// a gather of bytes for simt.Simulation.field(gather=True), and the abort that ends every rank.
#pragma once
#include <pybind11/pybind11.h>

namespace simt::python {
void bind_ranks(pybind11::module_& m);
}
