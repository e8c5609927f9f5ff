// SPDX-License-Identifier: MIT
#include <simt/io/versions.hpp>

#include <hdf5.h>

namespace simt::io {
std::string hdf5_version() {
    unsigned major = 0, minor = 0, release = 0;
    if (H5get_libversion(&major, &minor, &release) < 0) return "unknown";
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}
std::string yaml_cpp_version() { return SIMT_YAML_CPP_VERSION; }
}  // namespace simt::io
