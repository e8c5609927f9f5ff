// SPDX-License-Identifier: MIT
// copy: one buffer into another of the same size on the same backend, as a for_each kernel so
// that it is profiled and queued on the context's stream like any other.
#pragma once
#include <string>
#include <simt/core/buffer.hpp>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>

namespace simt {
namespace detail {
// A functor, not a SIMT_LAMBDA: this template is instantiated in several translation units,
// and nvcc's host-side wrapper of an extended lambda in such a template can be left with a
// null function pointer after the linker merges the copies (seen on an H100 build: SIGSEGV).
template <class T>
struct CopyElements {
    const T* src;
    T* dst;
    SIMT_INLINE void operator()(Index i) const { dst[i] = src[i]; }
};
}  // namespace detail

template <class T>
void copy(const Context& ctx, const char* label, const Buffer<T>& from, const Buffer<T>& to) {
    SIMT_REQUIRE(from.size() == to.size(), std::string(label) + ": buffers of different sizes");
    const Range<1> r{Index(from.size())};
    for_each(ctx, Kernel(label, 2.0 * sizeof(T) * double(r.n)), r, detail::CopyElements<T>{from.data(), to.data()});
}
}  // namespace simt
