// SPDX-License-Identifier: MIT
// What every pricer is told: the option's side and one asset under Black–Scholes–Merton
// dynamics. Conventions (docs/montecarlo.md): rates and the dividend yield are continuously
// compounded, times are year fractions, the asset pays its dividends as a continuous yield q.
#pragma once
#include <simt/core/macros.hpp>

namespace simt::montecarlo {
enum class OptionType { Call, Put };

/// +1 for a call, -1 for a put: the phi that folds both payoffs into one formula.
SIMT_INLINE double payoff_sign(OptionType type) { return type == OptionType::Call ? 1.0 : -1.0; }

/// A European contract on one asset whose log-price is Brownian with constant volatility.
struct BsmInputs {
    double spot;        ///< S > 0
    double strike;      ///< K > 0
    double expiry;      ///< T > 0, in years
    double rate;        ///< r, continuously compounded risk-free rate
    double dividend;    ///< q, continuous dividend yield
    double volatility;  ///< sigma > 0, per sqrt(year)
};
}  // namespace simt::montecarlo
