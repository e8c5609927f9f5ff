// SPDX-License-Identifier: MIT
// The generic path kernel: any model of path_models.hpp, any payoff of the table whose traits
// say path_kernel (path_payoff.hpp), one
// sample per index under the batch engine (gbm_batch.hpp), nothing stored per path. A path
// takes `substeps` model steps per observation interval (more than one for Heston only, whose
// scheme is not exact), its random inputs from a PhiloxSource or a SobolSource
// (path_sources.hpp). Also the likelihood-ratio Greeks of discretely monitored GBM payoffs.
#pragma once
#include <cmath>
#include <vector>
#include <simt/core/context.hpp>
#include <simt/montecarlo/book.hpp>
#include <simt/montecarlo/gbm_batch.hpp>
#include <simt/montecarlo/path_models.hpp>
#include <simt/montecarlo/path_payoff.hpp>
#include <simt/montecarlo/path_sources.hpp>

namespace simt::montecarlo {
/// Does nothing with a path's steps (ModelPathKernel::walk's default observer).
struct IgnoreSteps {
    SIMT_INLINE void operator()(double, double) const {}
};

template <class Model, class Source = PhiloxSource>
struct ModelPathKernel {
    Model model;
    PathPayoff payoff;
    Source source;
    Index first_path;
    int substeps;
    bool antithetic;

    /// The discounted payoff of one path; `steps(log_before, log_after)` sees each model step.
    template <class Observer>
    SIMT_INLINE double walk(Index path, double sign, Observer& steps) const {
        auto inputs = source.path(model, path, sign);
        typename Model::State s = model.start();
        PayoffState p = payoff.start(model.log_underlying(s));
        int k = 0;
        for (int o = 0; o < payoff.terms.observations; ++o) {
            for (int j = 0; j < substeps; ++j, ++k) {
                const double before = model.log_underlying(s);
                inputs.step(model, k, s);
                steps(before, model.log_underlying(s));
            }
            payoff.observe(p, model.log_underlying(s));
        }
        return payoff.value(p);
    }

    /// Sample i: path first_path + i, with antithetic variates averaged with its twin.
    SIMT_INLINE double sample(Index i) const {
        IgnoreSteps none;
        const double y = walk(first_path + i, 1.0, none);
        return antithetic ? 0.5 * (y + walk(first_path + i, -1.0, none)) : y;
    }

    SIMT_INLINE PathSums operator()(Index i) const {
        const double y = sample(i);
        return PathSums{y, y * y, 0, 0, 0, 1};
    }
};

/// The score of a GBM path's normals (Glasserman sec. 7.3): z_1 for delta, and
/// sum_k (z_k^2 - 1) / sigma - z_k sqrt(dt) for vega.
struct GbmScore {
    double drift_dt, vol_sqrt_dt, volatility, sqrt_dt;
    double first_z = 0, vega = 0;
    bool first = true;
    SIMT_INLINE void operator()(double before, double after) {
        const double z = (after - before - drift_dt) / vol_sqrt_dt;
        if (first) first_z = z;
        first = false;
        vega += (z * z - 1) / volatility - z * sqrt_dt;
    }
};

/// Likelihood-ratio delta and vega of a GBM payoff monitored at its observations (digital,
/// barrier with discrete monitoring, Asian, lookback): d/dS_0 and d/dsigma of the path density,
/// not of the payoff, so a payoff's jumps cost nothing. Added to the bumped Greeks' sums.
struct GbmLrGreeks {
    ModelPathKernel<GbmModel> base;
    double spot, volatility;
    bool on;  ///< has_lr_greeks: else nothing is added

    SIMT_INLINE void path_greeks(Index path, double sign, double& delta, double& vega) const {
        GbmScore score{base.model.drift_dt, base.model.vol_sqrt_dt, volatility, base.model.vol_sqrt_dt / volatility};
        const double y = base.walk(path, sign, score);
        delta = y * score.first_z / (spot * base.model.vol_sqrt_dt);
        vega = y * score.vega;
    }

    SIMT_INLINE void operator()(Index i, GreekSums& s) const {
        if (!on) return;
        double e[2];
        path_greeks(base.first_path + i, 1.0, e[0], e[1]);
        if (base.antithetic) {
            double d2, v2;
            path_greeks(base.first_path + i, -1.0, d2, v2);
            e[0] = 0.5 * (e[0] + d2);
            e[1] = 0.5 * (e[1] + v2);
        }
        s.g[LrDelta] = e[0];
        s.gg[LrDelta] = e[0] * e[0];
        s.g[LrVega] = e[1];
        s.gg[LrVega] = e[1] * e[1];
    }
};

/// How a group of options is simulated: samples [first_path, first_path + samples).
/// With qmc_replicates, `samples` points of each of that many scrambled Sobol replicates
/// (first_path 0), and the sums are the replicates' means (sobol_replicate_means).
struct PathRun {
    std::uint64_t seed = 0;
    Index first_path = 0, samples = 0;
    bool antithetic = false;
    bool greeks = false;     ///< bumped delta, gamma, vega, rho; likelihood-ratio delta and vega where has_lr_greeks
    int qmc_replicates = 0;  ///< 0: Philox paths
    std::int64_t qmc_first_replicate = 0;  ///< the first of the seed's scramblings (SobolReplicates)
    Comm sample_ranks;  ///< the ranks that share every option's samples (batch_engine.hpp); this process alone by
                        ///< default
};

/// The payoff of an option (not American or Bermudan) for the generic kernel.
PathPayoff make_path_payoff(const OptionSpec& option);

/// Whether ModelPathKernel prices it (any model; every payoff but American and Bermudan).
bool has_path_payoff(const OptionSpec& option);

/// Whether its likelihood-ratio delta and vega are computed: a digital, or a barrier
/// monitored discretely, under GBM.
bool has_lr_greeks(const OptionSpec& option);

/// The kernels' models, built from a row (the model's steps: T / (observations * substeps)).
GbmModel make_gbm_model(const OptionSpec& option);
HestonQeModel make_heston_model(const OptionSpec& option);
MertonModel make_merton_model(const OptionSpec& option);
BasketModel make_basket_model(const OptionSpec& option);

/// The sums of each option (all of the same model, each has_path_payoff) over run.samples
/// samples, through the batch engine; .price only, or with the Greeks when run.greeks.
std::vector<GreekSums> model_batch_sums(const Context& ctx, Model model, const std::vector<OptionSpec>& options,
                                        const PathRun& run);
}  // namespace simt::montecarlo
