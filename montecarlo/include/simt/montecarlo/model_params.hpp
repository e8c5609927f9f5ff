// SPDX-License-Identifier: MIT
// What a book row says beyond a GBM contract: the model's parameters, the barrier, the basket
// and the exercise dates. Host data; model_paths.cpp turns them into kernels.
#pragma once
#include <vector>
#include <simt/montecarlo/barrier.hpp>
#include <simt/montecarlo/path_payoff.hpp>

namespace simt::montecarlo {
enum class Model { Gbm, Heston, Merton, Basket };

/// Every payoff a book can name. The first four under GBM go to the GBM engine (gbm_paths.hpp)
/// unless quasi-random numbers are asked for; the others to the generic path kernel
/// (model_paths.hpp), American and Bermudan to Longstaff–Schwartz (longstaff_schwartz.hpp).
enum class Payoff { European, Digital, ArithmeticAsian, GeometricAsian, Barrier, FloatingLookback, FixedLookback,
                    American, Bermudan };

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

struct BarrierParams {
    BarrierType type = BarrierType::DownOut;
    double level = 0, rebate = 0;
    BarrierMonitoring monitoring = BarrierMonitoring::Discrete;
};

enum class RegressionBasis { Laguerre, Monomial };

/// Longstaff–Schwartz: exercise at T/n, 2T/n, ..., T, continuation regressed on `degree + 1`
/// functions of x = S / K: 1 and x^i or e^{-x/2} L_{i-1}(x), i = 1..degree.
struct ExerciseParams {
    int dates = 50;
    RegressionBasis basis = RegressionBasis::Laguerre;
    int degree = 3;
};

/// Everything of a row that is not in its GbmContract.
struct ModelParams {
    Payoff payoff = Payoff::European;
    int substeps = 1;  ///< time steps per observation interval (Heston's discretisation)
    HestonParams heston;
    MertonParams merton;
    BasketParams basket;
    BarrierParams barrier;
    ExerciseParams exercise;
};

/// The lower Cholesky factor (row-major n x n) of a correlation matrix; empty when the matrix is
/// not positive definite.
std::vector<double> correlation_cholesky(const std::vector<double>& correlation, int n);
}  // namespace simt::montecarlo
