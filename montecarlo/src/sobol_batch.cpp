// SPDX-License-Identifier: MIT
// Launches the Sobol GBM kernels (a CUDA source in a CUDA build: simt_device_sources).
#include <simt/montecarlo/sobol_paths.hpp>

#include <algorithm>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/montecarlo/model_paths.hpp>
#include "batch_engine.hpp"

namespace simt::montecarlo {
int sobol_bridge_dimensions(int steps) {
    int d = 1;
    while (d < steps) d *= 2;
    return d;
}

std::vector<std::vector<PathSums>> sobol_gbm_sums(const Context& ctx, const std::vector<OptionSpec>& options,
                                                  std::uint64_t seed, int replicates, Index points) {
    if (replicates < 2) throw ConfigError(fmt::format("qmc: {} replicates; at least 2 give an error estimate", replicates));
    if (points < 1 || points > (Index(1) << 32))
        throw ConfigError(fmt::format("qmc: {} points per replicate; 1 to 2^32", points));
    int dimensions = 1;
    for (const OptionSpec& o : options) {
        if (o.model != Model::Gbm || !has_path_payoff(o))
            throw ConfigError(fmt::format("qmc: row {}: quasi-Monte Carlo prices model gbm without early exercise only",
                                          o.row));
        dimensions = std::max(dimensions, sobol_bridge_dimensions(path_observations(o)));
    }
    const std::vector<std::uint32_t> directions = sobol_direction_vectors(dimensions);
    const std::size_t words = 33 * std::size_t(dimensions);
    Buffer<std::uint32_t> tables(ctx.backend(), words * std::size_t(replicates));
    std::vector<SobolGbmKernel> kernels;
    for (int r = 0; r < replicates; ++r) {
        const std::vector<std::uint32_t> table = scrambled_sobol_table(directions, dimensions, seed, r);
        simt::detail::copy_bytes(tables.data() + words * r, ctx.backend(), table.data(), Backend::Cpu,
                                 words * sizeof(std::uint32_t));
        for (const OptionSpec& o : options) {
            const GbmModel m = make_gbm_model(o);
            kernels.push_back(SobolGbmKernel{SobolPoints{tables.data() + words * r, dimensions}, m.log_spot, m.drift_dt,
                                             m.vol_sqrt_dt, make_path_payoff(o), 0});
        }
    }
    const std::vector<PathSums> sums =
        detail::batch_sums<PathSums>(ctx, "montecarlo.sobol.blocks", "montecarlo.sobol.options", kernels, points);
    std::vector<std::vector<PathSums>> out(options.size(), std::vector<PathSums>(std::size_t(replicates)));
    for (int r = 0; r < replicates; ++r)
        for (std::size_t o = 0; o < options.size(); ++o) out[o][std::size_t(r)] = sums[r * options.size() + o];
    return out;
}

PathSums sobol_replicate_means(const std::vector<PathSums>& replicates) {
    PathSums means;
    for (const PathSums& r : replicates) {
        const double m = r.y / double(r.samples);
        means = means + PathSums{m, m * m, 0, 0, 0, 1};
    }
    return means;
}
}  // namespace simt::montecarlo
