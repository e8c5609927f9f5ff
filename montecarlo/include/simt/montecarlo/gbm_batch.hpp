// SPDX-License-Identifier: MIT
// The batch engine: many options priced in one launch. A for_each over (option, block) pairs
// sums each block of consecutive samples of one option into a partial (PathSums or
// GreekSums) in scratch memory; a second for_each over options adds each option's partials
// in block order. The block size depends only on the sample count, and each sample's random
// numbers only on (seed, option id, path, step), so the sums are the same on the CPU and the
// GPU (to libm's last ulp), for any thread count, whichever options share a launch — and
// gbm_path_sums, which goes through here with one option, prices an option of a book to the
// same bits. Design notes: docs/montecarlo.md.
#pragma once
#include <vector>
#include <simt/core/comm.hpp>
#include <simt/core/context.hpp>
#include <simt/montecarlo/gbm_paths.hpp>

namespace simt::montecarlo {
/// Samples (fp32: units of four) per block of the batch engine: at least 32, so that a block's
/// partial sum costs little beside its paths, and at most 2^20 blocks per option, so that one
/// option alone fills a GPU.
Index gbm_block_samples(Index samples);
/// The runs of blocks an option's `samples` are added in: the pieces ranks share of its paths.
Index gbm_sample_runs(Index samples);

/// The sums of samples [0, samples) of each kernel (sample i is path kernel.first_path + i).
/// `sample_ranks` share every kernel's samples, each rank simulating a part (the same sums on
/// every rank, to the bit of one rank's); collective over them.
std::vector<PathSums> gbm_batch_sums(const Context& ctx, const std::vector<GbmPathKernel>& kernels, Index samples,
                                     const Comm& sample_ranks = Comm{});

/// Greeks by bump-and-revalue with common random numbers, pathwise and likelihood-ratio where valid.
enum GbmGreek { Delta, Gamma, Vega, Rho, PathwiseDelta, PathwiseVega, LrDelta, LrVega, gbm_greek_count };

/// A sample's price sums and, per Greek, the sum and the sum of squares of its per-sample
/// estimate: each finite difference is taken path by path on the same normals, so the
/// standard error is that of the difference estimator.
struct GreekSums {
    PathSums price;
    double g[gbm_greek_count] = {}, gg[gbm_greek_count] = {};
};
SIMT_INLINE GreekSums operator+(const GreekSums& a, const GreekSums& b) {
    GreekSums s;
    s.price = a.price + b.price;
    SIMT_UNROLL
    for (int k = 0; k < gbm_greek_count; ++k) {
        s.g[k] = a.g[k] + b.g[k];
        s.gg[k] = a.gg[k] + b.gg[k];
    }
    return s;
}

/// Relative bumps of spot and volatility, absolute bump of the rate (central differences).
constexpr double gbm_spot_bump = 0.01, gbm_vol_bump = 0.01, gbm_rate_bump = 1e-3;

/// The per-sample functor of the Greeks: the base kernel and the six bumped ones share seed,
/// option id and paths, so they walk the same normals.
struct GbmGreekKernel {
    GbmPathKernel base, spot_up, spot_down, vol_up, vol_down, rate_up, rate_down;
    double spot_h, vol_h, rate_h;  ///< absolute bump sizes
    bool pathwise;                 ///< traits.pathwise_greeks (a European: Lipschitz in S_0 and sigma)
    bool likelihood_ratio;         ///< traits.lr_greeks (a digital: the payoff jumps, the density of S_T does not)
    double spot, volatility, log_drift;  ///< log_drift = (r - q + sigma^2/2) T

    /// Pathwise delta and vega of one path (Glasserman sec. 7.2.2): d/dS0 and d/dsigma of
    /// the discounted payoff, S_T dS_T-terms times the in-the-money indicator.
    SIMT_INLINE void pathwise_path(Index path, double sign, double& delta, double& vega) const {
        double z0, z1;
        base.normals(path, 0, z0, z1);
        const double log_ratio = base.drift_dt + base.vol_sqrt_dt * (sign * z0);  // ln(S_T / S_0)
        const double s_t = std::exp(base.log_spot + log_ratio);
        const PayoffTerms& t = base.terms;
        const double itm = t.phi * (s_t - t.strike) > 0 ? t.discount * t.phi : 0.0;
        delta = itm * s_t / spot;
        vega = itm * s_t * (log_ratio - log_drift) / volatility;
    }

    /// A per-path estimator of two Greeks, averaged over the antithetic pair.
    SIMT_INLINE void pair_mean(Index path, bool lr, double& a, double& b) const {
        const auto per_path = [&](double sign, double& da, double& db) {
            if (lr)
                likelihood_ratio_path(path, sign, da, db);
            else
                pathwise_path(path, sign, da, db);
        };
        per_path(1.0, a, b);
        if (base.antithetic) {
            double a2, b2;
            per_path(-1.0, a2, b2);
            a = 0.5 * (a + a2);
            b = 0.5 * (b + b2);
        }
    }

    /// Likelihood-ratio delta and vega of one path (Glasserman sec. 7.3): the discounted payoff
    /// times the score of the one log-normal step, d log density / d S_0 and / d sigma.
    SIMT_INLINE void likelihood_ratio_path(Index path, double sign, double& delta, double& vega) const {
        double z0, z1, y, x;
        base.normals(path, 0, z0, z1);
        base.path_payoffs(path, sign, y, x);
        const double z = sign * z0, sqrt_t = base.vol_sqrt_dt / volatility;
        delta = y * z / (spot * base.vol_sqrt_dt);
        vega = y * ((z * z - 1) / volatility - z * sqrt_t);
    }

    SIMT_INLINE GreekSums operator()(Index i) const {
        double y0, x0, y[6], unused;
        base.sample(i, y0, x0);
        spot_up.sample(i, y[0], unused);
        spot_down.sample(i, y[1], unused);
        vol_up.sample(i, y[2], unused);
        vol_down.sample(i, y[3], unused);
        rate_up.sample(i, y[4], unused);
        rate_down.sample(i, y[5], unused);
        double e[gbm_greek_count];
        e[Delta] = (y[0] - y[1]) / (2 * spot_h);
        e[Gamma] = (y[0] - 2 * y0 + y[1]) / (spot_h * spot_h);
        e[Vega] = (y[2] - y[3]) / (2 * vol_h);
        e[Rho] = (y[4] - y[5]) / (2 * rate_h);
        e[PathwiseDelta] = e[PathwiseVega] = e[LrDelta] = e[LrVega] = 0;
        const Index path = base.first_path + i;
        if (pathwise) pair_mean(path, false, e[PathwiseDelta], e[PathwiseVega]);
        if (likelihood_ratio) pair_mean(path, true, e[LrDelta], e[LrVega]);
        GreekSums s;
        s.price = base.sums(y0, x0);
        SIMT_UNROLL
        for (int k = 0; k < gbm_greek_count; ++k) {
            s.g[k] = e[k];
            s.gg[k] = e[k] * e[k];
        }
        return s;
    }
};

/// Checks the inputs (ConfigError) and builds the Greek kernel of a contract.
GbmGreekKernel make_gbm_greek_kernel(const GbmContract& contract, const GbmPathSettings& settings);

/// As gbm_batch_sums, for the Greeks.
std::vector<GreekSums> gbm_greek_batch_sums(const Context& ctx, const std::vector<GbmGreekKernel>& kernels,
                                            Index samples, const Comm& sample_ranks = Comm{});

/// A Greek's estimate: the mean of its per-sample values and their standard error.
struct Estimate {
    double value;
    double std_error;
};
/// Estimate k from the sums (at least 2 samples).
Estimate gbm_greek(const GreekSums& sums, int k);
}  // namespace simt::montecarlo
