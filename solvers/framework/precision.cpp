// SPDX-License-Identifier: MIT
#include <simt/solvers/precision.hpp>

namespace simt {
const char* precision_name(Precision p) { return p == Precision::Float ? "float" : "double"; }

Precision scenario_precision(const io::Params& p) {
    // The schema allows only the two names, so anything but "float" is "double".
    return p.string("precision") == precision_name(Precision::Float) ? Precision::Float : Precision::Double;
}
}  // namespace simt
