// SPDX-License-Identifier: MIT
// Versions of the I/O libraries this simt was built with, for `simt info`.
#pragma once
#include <string>

namespace simt::io {
std::string hdf5_version();      ///< of the library loaded at run time
std::string yaml_cpp_version();  ///< as found at configure time
}  // namespace simt::io
