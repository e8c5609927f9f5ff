// SPDX-License-Identifier: MIT
// The geometric basket option: G = prod_i S_i(T)^{w_i} of correlated log-normal assets is
// log-normal (mean sum_i w_i (log S_i + (r - q_i - sigma_i^2/2) T), variance
// sum_ij w_i w_j rho_ij sigma_i sigma_j T), so Black's formula prices max(phi (G - K), 0)
// exactly: the n-asset form of Black's formula (for two assets Haug, 2nd ed., sec. 5.1's
// options on the product and ratio of assets are special cases; Glasserman, "Monte Carlo
// Methods in Financial Engineering", sec. 4.1.2 uses it as a basket's control variate).
#pragma once
#include <vector>
#include <simt/montecarlo/option.hpp>

namespace simt::montecarlo {
struct BasketInputs {
    std::vector<double> spots, vols, weights, dividends;
    std::vector<double> correlation;  ///< n x n row-major
    double strike, expiry, rate;
};

double geometric_basket_price(OptionType type, const BasketInputs& in);
}  // namespace simt::montecarlo
