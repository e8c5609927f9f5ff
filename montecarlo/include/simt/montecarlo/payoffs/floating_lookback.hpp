// SPDX-License-Identifier: MIT
// The floating-strike lookback over S_0 and the fixings: call S_T - min, put max - S_T.
#pragma once
#include <simt/montecarlo/payoff_definition.hpp>

namespace simt::montecarlo::payoffs {
struct FloatingLookback : PayoffBase {
    static constexpr const char* name = "floating_lookback";
    static constexpr PayoffTraits traits = PayoffTraits{}.with_path_kernel();

    template <class Real, class Path>
    SIMT_INLINE static Real value(const PayoffTerms& t, const Path& path) {
        const Real s_t = path.terminal();
        return Real(t.discount) * (t.phi > 0 ? s_t - path.minimum() : path.maximum() - s_t);
    }
};
}  // namespace simt::montecarlo::payoffs
