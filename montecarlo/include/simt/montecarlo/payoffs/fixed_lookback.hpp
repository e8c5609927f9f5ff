// SPDX-License-Identifier: MIT
// The fixed-strike lookback over S_0 and the fixings: call max(max - K, 0), put max(K - min, 0).
#pragma once
#include <simt/montecarlo/payoff_definition.hpp>

namespace simt::montecarlo::payoffs {
struct FixedLookback : PayoffBase {
    static constexpr const char* name = "fixed_lookback";
    static constexpr PayoffTraits traits = PayoffTraits{}.with_path_kernel();

    template <class Real, class Path>
    SIMT_INLINE static Real value(const PayoffTerms& t, const Path& path) {
        return Real(t.discount) * vanilla(t, t.phi > 0 ? path.maximum() : path.minimum());
    }
};
}  // namespace simt::montecarlo::payoffs
