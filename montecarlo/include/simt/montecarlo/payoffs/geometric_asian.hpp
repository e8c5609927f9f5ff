// SPDX-License-Identifier: MIT
// The geometric Asian: max(phi (G - K), 0), G the geometric mean of S at the fixings. Its
// closed form (geometric_asian.hpp) is exact, so it takes no control variate.
#pragma once
#include <simt/montecarlo/geometric_asian.hpp>
#include <simt/montecarlo/payoff_definition.hpp>

namespace simt::montecarlo::payoffs {
struct GeometricAsian : PayoffBase {
    static constexpr const char* name = "geometric_asian";
    static constexpr PayoffTraits traits =
        PayoffTraits{}.with_gbm_engine(GbmControl::None).with_path_kernel().with_geometric_average();

    template <class Real, class Path>
    SIMT_INLINE static Real value(const PayoffTerms& t, const Path& path) {
        return Real(t.discount) * vanilla(t, path.geometric());
    }

    static double center(OptionType type, const BsmInputs& m, int fixings, double) {
        return unchecked::geometric_asian_price(type, m, fixings);
    }
};
}  // namespace simt::montecarlo::payoffs
