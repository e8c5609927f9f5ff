// SPDX-License-Identifier: MIT
#include <simt/solvers/field_ref.hpp>

namespace simt {
std::size_t FieldRef::element_bytes() const {
    switch (dtype) {
        case io::DType::F32:
        case io::DType::I32: return 4;
        case io::DType::U8: return 1;
        default: return 8;
    }
}

std::vector<std::size_t> FieldRef::c_order_dims() const {
    return std::vector<std::size_t>(shape.rbegin(), shape.rend());
}
}  // namespace simt
