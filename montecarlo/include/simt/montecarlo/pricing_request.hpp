// SPDX-License-Identifier: MIT
// What a caller asks of a book's pricing: one type with one set of defaults for `simt price`,
// simt.price / simt.price_option and the option_pricing solver, which all build it through
// the same keys (pricing_request_keys.hpp in solvers/). The bounds its keys take are here.
#pragma once
#include <cstdint>
#include <simt/core/context.hpp>
#include <simt/montecarlo/gbm_paths.hpp>

namespace simt::montecarlo {
struct PricingRequest {
    std::uint64_t seed = 0;
    Index paths = 100000;  ///< per option (the solver: each step); antithetic variates round it up to even
    bool antithetic = false;
    bool control_variate = true;  ///< arithmetic Asians: the geometric Asian; single-step payoffs: the underlying
    bool greeks = false;          ///< delta, gamma, vega, rho by bumps; pathwise and LR delta, vega where valid
    bool fp32 = false;            ///< fp32 paths (gbm_fp32.hpp); samples rounded up to a multiple of 4
    bool qmc = false;             ///< scrambled Sobol points, every row (antithetic: the reflected points 1 - u)
    int qmc_replicates = 16;      ///< independent scramblings; `paths` is split among them
    std::int64_t qmc_first_replicate = 0;  ///< the first of the seed's scramblings (a run adding batches moves it on)
};

/// The bounds of `paths`: enough samples for a standard error with a control variate, and no
/// more than one option's Philox stream holds.
constexpr Index pricing_min_paths = 8;
constexpr Index pricing_max_paths = gbm_max_paths;
/// The bounds of `qmc_replicates`: a spread needs two.
constexpr int pricing_min_replicates = 2, pricing_max_replicates = 1 << 16;
}  // namespace simt::montecarlo
