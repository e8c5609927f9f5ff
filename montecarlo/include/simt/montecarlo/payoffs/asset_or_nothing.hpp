// SPDX-License-Identifier: MIT
// The asset-or-nothing digital: the asset S_T at expiry if phi (S_T - K) > 0, else nothing
// (Haug, "The Complete Guide to Option Pricing Formulas", 2nd ed., sec. 4.19.2). The worked
// example of docs/extending.md, "Adding a payoff".
#pragma once
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/payoff_definition.hpp>

namespace simt::montecarlo::payoffs {
struct AssetOrNothing : PayoffBase {
    static constexpr const char* name = "asset_or_nothing";
    static constexpr PayoffTraits traits =
        PayoffTraits{}.with_gbm_engine(GbmControl::Underlying).with_single_step().with_path_kernel().with_lr_greeks();

    template <class Real, class Path>
    SIMT_INLINE static Real value(const PayoffTerms& t, const Path& path) {
        const Real s_t = path.terminal();
        return Real(t.phi) * (s_t - Real(t.strike)) > 0 ? Real(t.discount) * s_t : Real(0);
    }

    /// The closed form the GBM engine centres on: a call is the vanilla call plus K cash-or-nothing
    /// calls, a put K cash-or-nothing puts less the vanilla put.
    static double center(OptionType type, const BsmInputs& m, int, double) {
        return payoff_sign(type) * unchecked::bsm_price(type, m) + m.strike * unchecked::digital_price(type, m, 1.0);
    }
};
}  // namespace simt::montecarlo::payoffs
