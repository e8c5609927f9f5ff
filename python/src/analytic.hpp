// SPDX-License-Identifier: MIT
// The submodule _simt.analytic: closed-form option prices (simt::montecarlo), re-exported to
// users as simt.analytic.
#pragma once
#include <pybind11/pybind11.h>

namespace simt::python {
void bind_analytic(pybind11::module_& m);
}
