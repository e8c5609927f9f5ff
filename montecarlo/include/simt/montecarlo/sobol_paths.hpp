// SPDX-License-Identifier: MIT
// Quasi-Monte Carlo under GBM: scrambled Sobol points (sobol.hpp) turned into normals by the
// inverse CDF, and into paths by a Brownian bridge, so that the first, best-distributed
// coordinates decide the path's coarse shape (W(T), then W(T/2), ...: Glasserman sec. 5.5.1;
// Moskowitz & Caflisch 1996). Any payoff of path_payoff.hpp; one point per sample under the
// batch engine; the bridge is walked in time order with an O(log n) stack, nothing per path.
#pragma once
#include <cmath>
#include <vector>
#include <simt/core/context.hpp>
#include <simt/montecarlo/book.hpp>
#include <simt/montecarlo/gbm_paths.hpp>
#include <simt/montecarlo/normal.hpp>
#include <simt/montecarlo/path_payoff.hpp>
#include <simt/montecarlo/sobol.hpp>

namespace simt::montecarlo {
/// Sobol dimensions a bridge over n steps uses: the root W(T) and the heap-numbered midpoints
/// of the bisection tree, below 2^ceil(log2 n).
int sobol_bridge_dimensions(int steps);

struct SobolGbmKernel {
    SobolPoints points;
    double log_spot, drift_dt, vol_sqrt_dt;  ///< per observation interval
    PathPayoff payoff;
    Index first_point;

    SIMT_INLINE double normal(Index point, int dim) const { return normal_quantile(points.uniform(point, dim)); }

    /// The discounted payoff of point `point`. B_k = W(t_k) / sqrt(dt); the bisection tree's
    /// leaves (k-1, k) are reached in time order, each giving the step B_k - B_{k-1}.
    SIMT_INLINE double path_value(Index point) const {
        struct Interval {
            int lo, hi, node;
            double b_lo, b_hi;
        };
        Interval stack[32];
        int top = 0;
        const int n = payoff.observations;
        Interval c{0, n, 1, 0.0, std::sqrt(double(n)) * normal(point, 0)};
        double log_s = log_spot, b_prev = 0;
        PayoffState s = payoff.start(log_s);
        while (true) {
            if (c.hi - c.lo >= 2) {
                const int mid = (c.lo + c.hi) / 2;
                const double left = mid - c.lo, right = c.hi - mid, width = c.hi - c.lo;
                const double b_mid = (right * c.b_lo + left * c.b_hi) / width +
                                     std::sqrt(left * right / width) * normal(point, c.node);
                stack[top++] = Interval{mid, c.hi, 2 * c.node + 1, b_mid, c.b_hi};
                c = Interval{c.lo, mid, 2 * c.node, c.b_lo, b_mid};
            } else {
                log_s += drift_dt + vol_sqrt_dt * (c.b_hi - b_prev);
                b_prev = c.b_hi;
                payoff.observe(s, log_s);
                if (top == 0) break;
                c = stack[--top];
            }
        }
        return payoff.value(s);
    }

    SIMT_INLINE PathSums operator()(Index i) const {
        const double y = path_value(first_point + i);
        return PathSums{y, y * y, 0, 0, 0, 1};
    }
};

/// Replicate sums: [option][replicate], each over points [0, points) of that replicate's
/// scrambling of Philox(seed, replicate) (shared by the options). Options: model gbm, any
/// payoff of the generic kernel. ConfigError when this build has no Sobol directions.
std::vector<std::vector<PathSums>> sobol_gbm_sums(const Context& ctx, const std::vector<OptionSpec>& options,
                                                  std::uint64_t seed, int replicates, Index points);

/// R replicate sums as the sums of R samples, the replicates' means: sums_result of it is the
/// mean of the means with the standard error of that mean over the replicates (R - 1 degrees
/// of freedom).
PathSums sobol_replicate_means(const std::vector<PathSums>& replicates);
}  // namespace simt::montecarlo
