// SPDX-License-Identifier: MIT
// European options under Merton's (1976) jump diffusion, "Option pricing when underlying stock
// returns are discontinuous", J. Financ. Econ. 3: log-normal jumps J (log J ~ N(mu_J, delta^2))
// at Poisson rate lambda, the drift compensated so that S e^{-(r-q)t} is a martingale. The price
// is the Poisson-weighted series of Black–Scholes prices (Haug, 2nd ed., sec. 6.8.1, there
// without a dividend yield):
//   V = sum_n e^{-lambda' T} (lambda' T)^n / n!  BSM(S, K, T, r_n, q, sigma_n),
//   lambda' = lambda (1 + kbar), kbar = e^{mu_J + delta^2/2} - 1,
//   sigma_n^2 = sigma^2 + n delta^2 / T,  r_n = r - lambda kbar + n log(1 + kbar) / T.
#pragma once
#include <simt/montecarlo/option.hpp>

namespace simt::montecarlo {
struct MertonJumps {
    double intensity;  ///< lambda >= 0, per year
    double jump_mean;  ///< mu_J, the mean of log J
    double jump_vol;   ///< delta >= 0, the standard deviation of log J
};

/// The series summed until its terms are below 1e-16 of the sum (and the Poisson tail too).
double merton_price(OptionType type, const BsmInputs& in, const MertonJumps& jumps);
}  // namespace simt::montecarlo
