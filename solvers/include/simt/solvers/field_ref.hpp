// SPDX-License-Identifier: MIT
// FieldRef: a solver's field as raw memory on its backend, with shape and strides, so the CLI,
// the checkpoint writer and Python (NumPy, CuPy, PyTorch) can read it without a copy.
#pragma once
#include <string>
#include <vector>
#include <simt/core/backend.hpp>
#include <simt/core/macros.hpp>
#include <simt/io/checkpoint.hpp>

namespace simt {
struct FieldRef {
    std::string name;
    io::DType dtype = io::DType::F64;
    std::vector<Index> shape;    ///< (nx, ny[, nz]) — first index fastest
    std::vector<Index> strides;  ///< in elements: (1, nx[, nx*ny]) for a contiguous grid field
    void* data = nullptr;
    Backend location = Backend::Cpu;
    /// Across ranks, where this rank's block lies in the whole field: its first global index per
    /// axis and the whole field's shape, in the order of `shape`. Empty: the field is whole here.
    std::vector<Index> block_offset, whole_shape;

    Index size() const {
        Index n = 1;
        for (Index s : shape) n *= s;
        return n;
    }
    std::size_t element_bytes() const;
    /// Dimensions in HDF5's C order (slowest first): the reverse of shape for x-fastest storage.
    std::vector<std::size_t> c_order_dims() const;
};
}  // namespace simt
