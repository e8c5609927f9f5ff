// SPDX-License-Identifier: MIT
// Bump-and-revalue Greeks with common random numbers for every engine but GBM's own (which has
// the same bumps built in, gbm_batch.hpp): a sample walks the base path and six bumped copies of
// it from the same random inputs (the same Philox stream, or the same scrambled Sobol point), and
// the central differences are taken sample by sample, so each Greek's standard error is that of
// the difference, not of two independent prices.
//
// The bumps (gbm_spot_bump, gbm_vol_bump, gbm_rate_bump, as the GBM engine's):
//   delta, gamma  spot x (1 +- 1 %): dV/dS_0 and d2V/dS_0^2. A basket scales every spot by
//                 1 +- 1 % and divides by its value at the start (sum w_i S_i or prod S_i^w_i),
//                 so a one-asset basket's delta is the asset's.
//   vega          volatility x (1 +- 1 %): dV/dsigma (Merton: the diffusion's sigma). Heston:
//                 sqrt(v0) x (1 +- 1 %), dV/d sqrt(v0), the initial volatility (kappa, theta,
//                 xi not moved). A basket: every sigma_i +- 1 % of the largest, the parallel shift.
//   rho           rate +- 0.001 (absolute): dV/dr.
// A knock-out barrier's or a digital's bumped Greeks are valid but noisy where the payoff jumps
// (their variance grows as the bump shrinks).
#pragma once
#include <simt/montecarlo/book.hpp>
#include <simt/montecarlo/gbm_batch.hpp>

namespace simt::montecarlo {
/// The base market and the six bumped ones.
enum MarketBump { BaseMarket, SpotUp, SpotDown, VolUp, VolDown, RateUp, RateDown, market_bump_count };

/// The absolute sizes h of the three bumps: a Greek is (V(x + h) - V(x - h)) / 2h.
struct BumpSizes {
    double spot, vol, rate;
};

/// Does nothing: the default extra Greeks of a BumpGreekKernel.
struct NoExtraGreeks {
    SIMT_INLINE void operator()(Index, GreekSums&) const {}
};

/// Sample i of the seven kernels (each with `double sample(Index) const`, the discounted payoff
/// of sample i), the four bumped Greeks, and whatever `extra` adds (the GBM LR Greeks).
template <class Kernel, class Extra = NoExtraGreeks>
struct BumpGreekKernel {
    Kernel market[market_bump_count];
    BumpSizes h;
    Extra extra;

    SIMT_INLINE GreekSums operator()(Index i) const {
        double y[market_bump_count];
        SIMT_UNROLL
        for (int b = 0; b < market_bump_count; ++b) y[b] = market[b].sample(i);
        double e[4];
        e[Delta] = (y[SpotUp] - y[SpotDown]) / (2 * h.spot);
        e[Gamma] = (y[SpotUp] - 2 * y[BaseMarket] + y[SpotDown]) / (h.spot * h.spot);
        e[Vega] = (y[VolUp] - y[VolDown]) / (2 * h.vol);
        e[Rho] = (y[RateUp] - y[RateDown]) / (2 * h.rate);
        GreekSums s;
        s.price = PathSums{y[BaseMarket], y[BaseMarket] * y[BaseMarket], 0, 0, 0, 1};
        SIMT_UNROLL
        for (int k = 0; k < 4; ++k) {
            s.g[k] = e[k];
            s.gg[k] = e[k] * e[k];
        }
        extra(i, s);
        return s;
    }
};

/// The option in a bumped market (see the top of this file).
OptionSpec bumped_option(const OptionSpec& option, MarketBump bump);

/// The bump sizes of an option.
BumpSizes bump_sizes(const OptionSpec& option);
}  // namespace simt::montecarlo
