// SPDX-License-Identifier: MIT
// American and Bermudan options by Longstaff & Schwartz (2001), "Valuing American options by
// simulation: a simple least-squares approach", Rev. Financ. Stud. 14(1).
//
// 1. Regression: paths of the option's model (its own Philox paths from 2^39, path_random.hpp)
//    are written, the underlying at each exercise date, into a buffer — the one place the
//    Monte Carlo keeps paths. Backwards from the last date, the discounted cash flow of the
//    in-the-money paths is regressed on `degree + 1` functions of x = S / K (1 and x^i, or
//    e^{-x/2} L_{i-1}(x), Laguerre); the coefficients of each date are kept. On the host.
// 2. Pricing: independent paths (from 0) exercise at the first date where the payoff is
//    positive and at least the regressed continuation value. This is a plain sample functor
//    under the batch engine, no paths stored; its price is low-biased (a feasible exercise
//    rule), while the regression's own in-sample price would be high-biased by foresight.
//    Its paths come from Philox or, under quasi-Monte Carlo, from Sobol points
//    (path_sources.hpp); the regression always uses Philox paths (it only sets the rule).
// 3. Greeks: bump-and-revalue (bump_greeks.hpp). Each bumped market has its own regression on
//    the same regression paths (common random numbers) and its own pricing pass on the same
//    pricing paths; re-regressing keeps each bumped price's low bias close to the base one's.
#pragma once
#include <cmath>
#include <vector>
#include <simt/core/context.hpp>
#include <simt/montecarlo/book.hpp>
#include <simt/montecarlo/gbm_batch.hpp>
#include <simt/montecarlo/model_paths.hpp>
#include <simt/montecarlo/path_sources.hpp>

namespace simt::montecarlo {
/// Regression functions at most: degree <= 6.
constexpr int lsm_max_basis = 7;

/// The basis at x = S / K into f[0..degree].
SIMT_INLINE void lsm_basis(RegressionBasis basis, int degree, double x, double* f) {
    f[0] = 1;
    if (basis == RegressionBasis::Monomial) {
        for (int i = 1; i <= degree; ++i) f[i] = f[i - 1] * x;
        return;
    }
    // Weighted Laguerre polynomials: L_0 = 1, L_1 = 1 - x, (n+1) L_{n+1} = (2n+1-x) L_n - n L_{n-1}.
    const double w = std::exp(-0.5 * x);
    double l_prev = 1, l = 1 - x;
    for (int i = 1; i <= degree; ++i) {
        if (i == 1) {
            f[i] = w;
        } else if (i == 2) {
            f[i] = w * l;
        } else {
            const int n = i - 2;  // L_{n+1} from L_n, L_{n-1}
            const double next = ((2 * n + 1 - x) * l - n * l_prev) / (n + 1);
            l_prev = l;
            l = next;
            f[i] = w * l;
        }
    }
}

/// The pricing pass: one sample per index, exercising by the regressed continuation values.
template <class Model, class Source = PhiloxSource>
struct LsmPricingKernel {
    Model model;
    Source source;
    Index first_path;
    int substeps, dates, degree;
    RegressionBasis basis;
    PayoffId payoff;    ///< an early-exercise payoff of the table
    PayoffTerms terms;  ///< phi, strike
    double step_discount;
    const double* coefficients;  ///< (dates - 1) x (degree + 1), device memory
    bool antithetic;

    SIMT_INLINE double path_value(Index path, double sign) const {
        auto inputs = source.path(model, path, sign);
        typename Model::State s = model.start();
        double discount = 1;
        int k = 0;
        for (int d = 0; d < dates; ++d) {
            for (int j = 0; j < substeps; ++j, ++k) inputs.step(model, k, s);
            discount *= step_discount;
            const double spot = std::exp(model.log_underlying(s));
            const double exercise = exercise_value(payoff, terms, spot);
            if (d == dates - 1) return discount * exercise;
            if (exercise > 0) {
                double f[lsm_max_basis], continuation = 0;
                lsm_basis(basis, degree, spot / terms.strike, f);
                for (int i = 0; i <= degree; ++i) continuation += coefficients[d * (degree + 1) + i] * f[i];
                if (exercise >= continuation) return discount * exercise;
            }
        }
        return 0;
    }

    /// Sample i: path first_path + i, with antithetic variates averaged with its twin.
    SIMT_INLINE double sample(Index i) const {
        const double y = path_value(first_path + i, 1.0);
        return antithetic ? 0.5 * (y + path_value(first_path + i, -1.0)) : y;
    }

    SIMT_INLINE PathSums operator()(Index i) const {
        const double y = sample(i);
        return PathSums{y, y * y, 0, 0, 0, 1};
    }
};

/// Continuation coefficients of each exercise date but the last, (dates - 1) x (degree + 1),
/// from `paths` regression paths; a date with too few paths in the money never exercises.
std::vector<double> lsm_regression(const Context& ctx, const OptionSpec& option, std::uint64_t seed, Index paths);

/// Sums of American/Bermudan options (single-asset models, one model): each option's regression
/// (and, with run.greeks, each bumped market's) on `regression_paths` paths, then one batch
/// launch of the pricing pass over the run's samples (Philox, or Sobol replicates).
std::vector<GreekSums> lsm_batch_sums(const Context& ctx, const std::vector<OptionSpec>& options, const PathRun& run,
                                      Index regression_paths);
}  // namespace simt::montecarlo
