// SPDX-License-Identifier: MIT
#include <simt/montecarlo/geometric_asian.hpp>

#include <fmt/format.h>
#include <simt/core/error.hpp>
#include "input_checks.hpp"

namespace simt::montecarlo {
double geometric_asian_price(OptionType type, const BsmInputs& in, int fixings) {
    detail::check_bsm_inputs("geometric_asian_price", in);
    if (fixings < 1) throw ConfigError(fmt::format("geometric_asian_price: fixings = {} must be >= 1", fixings));
    return unchecked::geometric_asian_price(type, in, fixings);
}
}  // namespace simt::montecarlo
