// SPDX-License-Identifier: MIT
#include <simt/io/hdf5_array.hpp>

#include <filesystem>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include "hdf5_handle.hpp"

namespace simt::io {
using namespace detail;

Hdf5Array read_hdf5_array(const std::string& path, const std::string& name) {
    quiet_hdf5();
    const auto fail = [&](const std::string& what) {
        return IoError(fmt::format("HDF5 input '{}', dataset '{}': {}", path, name, what));
    };
    if (!std::filesystem::is_regular_file(path)) throw fail("no such file");
    if (H5Fis_hdf5(path.c_str()) <= 0) throw fail("not an HDF5 file");
    const File file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file.valid()) throw fail("cannot be opened");
    if (name.empty() || H5Lexists(file.get(), name.c_str(), H5P_DEFAULT) <= 0) throw fail("no such dataset");
    const Dataset data(H5Dopen2(file.get(), name.c_str(), H5P_DEFAULT));
    if (!data.valid()) throw fail("not a dataset");
    const Type type(H5Dget_type(data.get()));
    const H5T_class_t cls = type.valid() ? H5Tget_class(type.get()) : H5T_NO_CLASS;
    if (cls != H5T_INTEGER && cls != H5T_FLOAT) throw fail("holds neither integers nor floats");
    const Space space(H5Dget_space(data.get()));
    const int rank = space.valid() ? H5Sget_simple_extent_ndims(space.get()) : -1;
    if (rank < 0) throw fail("unreadable shape");
    std::vector<hsize_t> dims(std::size_t(rank), 0);
    if (rank > 0 && H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0) throw fail("unreadable shape");
    Hdf5Array a;
    std::size_t count = 1;
    for (hsize_t d : dims) a.dims.push_back(std::size_t(d)), count *= std::size_t(d);
    a.values.resize(count);
    if (count > 0 && H5Dread(data.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.values.data()) < 0) {
        throw fail("read failed (truncated, or corrupted data failing their checksum)");
    }
    return a;
}
}  // namespace simt::io
