// SPDX-License-Identifier: MIT
// Reading one numeric dataset of any HDF5 file (not a checkpoint): an input geometry or an
// initial configuration that a user prepared with h5py or another program.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace simt::io {
struct Hdf5Array {
    std::vector<std::size_t> dims;  ///< C order, slowest first
    std::vector<double> values;     ///< converted from the stored integer or float type
};

/// The dataset `name` of the file at `path`; IoError naming both when the file is missing, not
/// HDF5, lacks the dataset or holds something other than numbers.
Hdf5Array read_hdf5_array(const std::string& path, const std::string& name);
}  // namespace simt::io
