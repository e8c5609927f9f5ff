// SPDX-License-Identifier: MIT
#include <simt/montecarlo/barrier.hpp>

#include <fmt/format.h>
#include <simt/core/error.hpp>
#include "input_checks.hpp"

namespace simt::montecarlo {
double barrier_price(BarrierType barrier_type, OptionType type, const BsmInputs& in, double barrier, double rebate) {
    const char* pricer = "barrier_price";
    detail::check_bsm_inputs(pricer, in);
    detail::require_positive(pricer, "barrier", barrier);
    detail::require_finite(pricer, "rebate", rebate);
    if (rebate < 0) throw ConfigError(fmt::format("barrier_price: rebate = {} must be >= 0", rebate));
    // The knock-out rebate's hitting-time density needs lambda = sqrt(mu^2 + 2 r / sigma^2) real.
    const double s2 = in.volatility * in.volatility, mu = (in.rate - in.dividend - 0.5 * s2) / s2;
    if (rebate != 0 && !is_knock_in(barrier_type) && mu * mu + 2 * in.rate / s2 < 0)
        throw ConfigError(fmt::format("barrier_price: a knock-out rebate needs mu^2 + 2 r / sigma^2 >= 0 "
                                      "(mu = (r - q - sigma^2/2) / sigma^2); got r = {}",
                                      in.rate));
    return unchecked::barrier_price(barrier_type, type, in, barrier, rebate);
}

double bgk_corrected_barrier(BarrierType type, double barrier, double volatility, double monitoring_interval) {
    const char* pricer = "bgk_corrected_barrier";
    detail::require_positive(pricer, "barrier", barrier);
    detail::require_positive(pricer, "volatility", volatility);
    detail::require_positive(pricer, "monitoring_interval", monitoring_interval);
    return unchecked::bgk_corrected_barrier(type, barrier, volatility, monitoring_interval);
}
}  // namespace simt::montecarlo
