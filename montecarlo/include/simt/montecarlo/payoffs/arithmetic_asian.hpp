// SPDX-License-Identifier: MIT
// The arithmetic Asian: max(phi (A - K), 0), A the mean of S at the fixings T/n, ..., T. Its
// GBM control variate is the geometric Asian of the same path (Kemna & Vorst 1990).
#pragma once
#include <simt/montecarlo/geometric_asian.hpp>
#include <simt/montecarlo/payoff_definition.hpp>

namespace simt::montecarlo::payoffs {
struct ArithmeticAsian : PayoffBase {
    static constexpr const char* name = "arithmetic_asian";
    static constexpr PayoffTraits traits =
        PayoffTraits{}.with_gbm_engine(GbmControl::GeometricAsian).with_path_kernel();

    template <class Real, class Path>
    SIMT_INLINE static Real value(const PayoffTerms& t, const Path& path) {
        return Real(t.discount) * vanilla(t, path.arithmetic());
    }

    /// The geometric Asian, which the arithmetic one lies just above.
    static double center(OptionType type, const BsmInputs& m, int fixings, double) {
        return unchecked::geometric_asian_price(type, m, fixings);
    }
};
}  // namespace simt::montecarlo::payoffs
