// SPDX-License-Identifier: MIT
// European options under Heston (1993) stochastic volatility,
//   dS = (r - q) S dt + sqrt(v) S dW1,   dv = kappa (theta - v) dt + xi sqrt(v) dW2,   dW1 dW2 = rho dt,
// priced from the characteristic function in the "little Heston trap" form (Albrecher, Mayer,
// Schoutens & Tistaert 2007), whose principal complex logarithm needs no branch tracking,
// through Lewis's (2001) single integral with a Black–Scholes control variate, integrated by
// adaptive Gauss–Kronrod quadrature. Host only (std::complex, adaptive loop).
#pragma once
#include <complex>
#include <simt/montecarlo/option.hpp>

namespace simt::montecarlo {
struct HestonInputs {
    double spot;        ///< S > 0
    double strike;      ///< K > 0
    double expiry;      ///< T > 0, in years
    double rate;        ///< r, continuously compounded
    double dividend;    ///< q, continuous dividend yield
    double v0;          ///< initial variance >= 0
    double kappa;       ///< mean-reversion speed > 0
    double theta;       ///< long-run variance > 0
    double vol_of_vol;  ///< xi > 0
    double rho;         ///< correlation of the asset's and the variance's noise, in [-1, 1]
};

/// E[exp(i u X_T)] for X_T = log(S_T / F_T), F_T the forward; u may be complex.
std::complex<double> heston_characteristic_function(std::complex<double> u, const HestonInputs& in);

/// Call or put price; throws ConfigError on invalid inputs, Error if the integral does not converge.
double heston_price(OptionType type, const HestonInputs& in);
}  // namespace simt::montecarlo
