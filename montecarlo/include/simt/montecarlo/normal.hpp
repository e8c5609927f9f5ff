// SPDX-License-Identifier: MIT
// The standard normal density and distribution function, for host and device.
#pragma once
#include <cmath>
#include <simt/core/macros.hpp>

namespace simt::montecarlo {
/// Phi(x) through erfc: full relative accuracy in the lower tail, where 1 - erf would cancel.
SIMT_INLINE double normal_cdf(double x) { return 0.5 * std::erfc(-x * 0.70710678118654752440); }

SIMT_INLINE double normal_pdf(double x) { return 0.39894228040143267794 * std::exp(-0.5 * x * x); }
}  // namespace simt::montecarlo
