// SPDX-License-Identifier: MIT
#include <simt/montecarlo/black_scholes.hpp>

#include "input_checks.hpp"

namespace simt::montecarlo {
double bsm_price(OptionType type, const BsmInputs& in) {
    detail::check_bsm_inputs("bsm_price", in);
    return unchecked::bsm_price(type, in);
}

BsmGreeks bsm_greeks(OptionType type, const BsmInputs& in) {
    detail::check_bsm_inputs("bsm_greeks", in);
    return unchecked::bsm_greeks(type, in);
}

double digital_price(OptionType type, const BsmInputs& in, double cash) {
    detail::check_bsm_inputs("digital_price", in);
    detail::require_finite("digital_price", "cash", cash);
    return unchecked::digital_price(type, in, cash);
}
}  // namespace simt::montecarlo
