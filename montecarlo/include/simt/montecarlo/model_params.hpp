// SPDX-License-Identifier: MIT
// What a book row says beyond its contract: the payoff, its parameters and the model's.
// Host data; model_paths.cpp turns them into kernels.
#pragma once
#include <vector>
#include <simt/montecarlo/payoff_table.hpp>

namespace simt::montecarlo {
enum class Model { Gbm, Heston, Merton, Basket };

struct HestonParams {
    double v0 = 0, kappa = 0, theta = 0, vol_of_vol = 0, rho = 0;
};

struct MertonParams {
    double intensity = 0;  ///< lambda, jumps per year
    double jump_mean = 0;  ///< mean of log J
    double jump_vol = 0;   ///< standard deviation of log J
};

/// A basket of correlated GBM assets (at most basket_max_assets); `spot`, `volatility` and
/// `dividend` of the market are unused.
struct BasketParams {
    std::vector<double> spots, vols, weights, dividends;
    std::vector<double> correlation;  ///< n x n, row-major, symmetric, unit diagonal
    bool geometric = false;
};

/// Everything of a row that is not in its GbmContract: its payoff's parameters (PayoffParams)
/// and the model's.
struct ModelParams : PayoffParams {
    int substeps = 1;  ///< time steps per observation interval (Heston's discretisation)
    HestonParams heston;
    MertonParams merton;
    BasketParams basket;
};

/// The lower Cholesky factor (row-major n x n) of a correlation matrix; empty when the matrix is
/// not positive definite.
std::vector<double> correlation_cholesky(const std::vector<double>& correlation, int n);
}  // namespace simt::montecarlo
