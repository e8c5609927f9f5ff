// SPDX-License-Identifier: MIT
#include <simt/solvers/watchdog.hpp>

#include <cmath>
#include <simt/core/reduce.hpp>

namespace simt {
namespace {
template <class Real>
Index count_nonfinite_of(const Context& ctx, const FieldRef& f) {
    View<const Real, 1> v(static_cast<const Real*>(f.data), {f.size()});
    // Strided fields are walked through their own strides; grid fields are contiguous.
    return reduce<Index>(ctx, Kernel("watchdog.nonfinite", double(f.size()) * sizeof(Real)), Range<1>{f.size()}, Sum{}, SIMT_LAMBDA(Index i) { return Index(!std::isfinite(v(i))); });
}
}  // namespace

Index count_nonfinite(const Context& ctx, const FieldRef& f) {
    switch (f.dtype) {
        case io::DType::F32: return count_nonfinite_of<float>(ctx, f);
        case io::DType::F64: return count_nonfinite_of<double>(ctx, f);
        default: return 0;
    }
}
}  // namespace simt
