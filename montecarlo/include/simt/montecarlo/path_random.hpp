// SPDX-License-Identifier: MIT
// The one place that says which Philox counter each random number of each model comes from.
//
// A path's numbers are addressed, not streamed: draw d of path p of option `option_id` is
// philox_bits(seed, option_id, p * 2^24 + d), one Philox4x32-10 call that gives two 53-bit
// uniforms in (0, 1] (u64_to_uniform), so any path can be walked by any thread, on either
// backend, in any batch split. What each draw feeds, per time step k (d = 2^24 - 1 at most):
//
//   gbm (gbm_paths.hpp, path_models.hpp)  draw k / 2: Box–Muller normals, step k the (k & 1)-th
//   heston (Andersen QE)                  draw k: uniforms for the variance and the log-price
//   merton (jump diffusion)               draw 2k: the diffusion and jump-size normals (Box–Muller);
//                                         draw 2k + 1: the first uniform inverts the jump count
//   basket of n assets                    draws k m .. k m + m - 1, m = ceil(n / 2): Box–Muller
//                                         normals, asset j the (j & 1)-th of draw k m + j / 2
//   Longstaff–Schwartz regression paths   the model's layout at path 2^39 + p: the regression
//                                         and the pricing pass (paths from 0) never share a path
#pragma once
#include <cmath>
#include <cstdint>
#include <simt/core/context.hpp>
#include <simt/core/philox.hpp>

namespace simt::montecarlo {
/// Bits of the draw field below the path index: 2^24 draws per path, 2^40 paths.
constexpr int path_draw_bits = 24;
constexpr std::uint64_t path_max_draws = std::uint64_t(1) << path_draw_bits;
/// The first path index of the Longstaff–Schwartz regression paths.
constexpr Index lsm_regression_first_path = Index(1) << 39;

/// The Philox stream of one path of one option.
struct PathDraws {
    std::uint64_t seed, option_id;
    Index path;

    /// Two uniforms in (0, 1] from draw d.
    SIMT_INLINE void uniforms(std::uint64_t d, double& u0, double& u1) const {
        const Philox4 r = philox_bits(seed, option_id, (std::uint64_t(path) << path_draw_bits) | d);
        u0 = u64_to_uniform(r.v[0], r.v[1]);
        u1 = u64_to_uniform(r.v[2], r.v[3]);
    }
    /// Two standard normals from draw d by Box–Muller in double precision (std::log, std::sqrt,
    /// std::cos, std::sin: the host's libm, CUDA's double functions on the device).
    SIMT_INLINE void normals(std::uint64_t d, double& z0, double& z1) const {
        double u1, u2;
        uniforms(d, u1, u2);
        const double radius = std::sqrt(-2.0 * std::log(u1)), angle = 6.283185307179586 * u2;
        z0 = radius * std::cos(angle);
        z1 = radius * std::sin(angle);
    }
};
}  // namespace simt::montecarlo
