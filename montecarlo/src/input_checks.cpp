// SPDX-License-Identifier: MIT
#include "input_checks.hpp"

#include <cmath>
#include <fmt/format.h>
#include <simt/core/error.hpp>

namespace simt::montecarlo::detail {
void require_positive(const char* pricer, const char* name, double value) {
    // Written so that NaN fails as well.
    if (!(value > 0) || !std::isfinite(value))
        throw ConfigError(fmt::format("{}: {} = {} must be finite and > 0", pricer, name, value));
}

void require_finite(const char* pricer, const char* name, double value) {
    if (!std::isfinite(value)) throw ConfigError(fmt::format("{}: {} = {} must be finite", pricer, name, value));
}

void require_within(const char* pricer, const char* name, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi))
        throw ConfigError(fmt::format("{}: {} = {} must be within [{}, {}]", pricer, name, value, lo, hi));
}

void check_bsm_inputs(const char* pricer, const BsmInputs& in) {
    require_positive(pricer, "spot", in.spot);
    require_positive(pricer, "strike", in.strike);
    require_positive(pricer, "expiry", in.expiry);
    require_finite(pricer, "rate", in.rate);
    require_finite(pricer, "dividend", in.dividend);
    require_positive(pricer, "volatility", in.volatility);
}
}  // namespace simt::montecarlo::detail
