// SPDX-License-Identifier: MIT
// The European call or put: max(phi (S_T - K), 0) at expiry.
#pragma once
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/payoff_definition.hpp>

namespace simt::montecarlo::payoffs {
struct European : PayoffBase {
    static constexpr const char* name = "european";
    static constexpr PayoffTraits traits = PayoffTraits{}
                                               .with_gbm_engine(GbmControl::Underlying)
                                               .with_single_step()
                                               .with_path_kernel()
                                               .with_pathwise_greeks();

    template <class Real, class Path>
    SIMT_INLINE static Real value(const PayoffTerms& t, const Path& path) {
        return Real(t.discount) * vanilla(t, path.terminal());
    }

    static double center(OptionType type, const BsmInputs& m, int, double) { return unchecked::bsm_price(type, m); }
};
}  // namespace simt::montecarlo::payoffs
