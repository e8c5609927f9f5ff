// SPDX-License-Identifier: MIT
// Validation shared by the checked pricers: each failure is a ConfigError naming the pricer,
// the input and its value ("bsm_price: volatility = -0.2 must be > 0").
#pragma once
#include <simt/montecarlo/option.hpp>

namespace simt::montecarlo::detail {
void require_positive(const char* pricer, const char* name, double value);
void require_finite(const char* pricer, const char* name, double value);
/// Finite and within [lo, hi].
void require_within(const char* pricer, const char* name, double value, double lo, double hi);
/// spot, strike, expiry, volatility > 0; rate and dividend finite.
void check_bsm_inputs(const char* pricer, const BsmInputs& in);
}  // namespace simt::montecarlo::detail
