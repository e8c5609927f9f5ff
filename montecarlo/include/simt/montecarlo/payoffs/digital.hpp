// SPDX-License-Identifier: MIT
// The cash-or-nothing digital: `cash` at expiry if phi (S_T - K) > 0, else nothing.
#pragma once
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/payoff_definition.hpp>

namespace simt::montecarlo::payoffs {
struct Digital : PayoffBase {
    static constexpr const char* name = "digital";
    static constexpr PayoffTraits traits =
        PayoffTraits{}.with_gbm_engine(GbmControl::Underlying).with_single_step().with_path_kernel().with_lr_greeks();

    template <class Real, class Path>
    SIMT_INLINE static Real value(const PayoffTerms& t, const Path& path) {
        return Real(t.phi) * (path.terminal() - Real(t.strike)) > 0 ? Real(t.discount) * Real(t.cash) : Real(0);
    }

    static double center(OptionType type, const BsmInputs& m, int, double cash) {
        return unchecked::digital_price(type, m, cash);
    }
};
}  // namespace simt::montecarlo::payoffs
