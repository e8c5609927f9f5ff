// SPDX-License-Identifier: MIT
// The NaN/Inf watchdog's kernel: counts non-finite values of a field on its own backend.
#pragma once
#include <simt/core/context.hpp>
#include <simt/solvers/field_ref.hpp>

namespace simt {
/// Number of NaN or Inf elements in a floating-point field (0 for integer fields).
Index count_nonfinite(const Context& ctx, const FieldRef& f);
}  // namespace simt
