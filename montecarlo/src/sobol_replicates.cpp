// SPDX-License-Identifier: MIT
#include <simt/montecarlo/sobol_replicates.hpp>

#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/core/philox.hpp>

namespace simt::montecarlo {
namespace {
/// The scrambles' Philox stream (sobol.cpp), here for each replicate's jump seed.
constexpr std::uint64_t scramble_stream = std::uint64_t(1) << 62;
/// The counter of the jump seed: past every scramble word (33 per dimension, 20,000 dimensions).
constexpr std::uint64_t jump_seed_counter = std::uint64_t(1) << 40;
}  // namespace

SobolReplicates::SobolReplicates(const Context& ctx, std::uint64_t seed, int replicates, int dimensions, Index points,
                                 std::int64_t first_replicate)
    : m_replicates(replicates), m_dimensions(dimensions) {
    if (replicates < 2) throw ConfigError(fmt::format("qmc: {} replicates; at least 2 give an error estimate", replicates));
    if (points < 1 || points > (Index(1) << 32))
        throw ConfigError(fmt::format("qmc: {} points per replicate; 1 to 2^32", points));
    const std::vector<std::uint32_t> directions = sobol_direction_vectors(dimensions);
    const std::size_t words = 33 * std::size_t(dimensions);
    m_tables = Buffer<std::uint32_t>(ctx.backend(), words * std::size_t(replicates));
    if (first_replicate < 0) throw ConfigError(fmt::format("qmc: first replicate {} is negative", first_replicate));
    for (int r = 0; r < replicates; ++r) {
        const std::int64_t scrambling = first_replicate + r;
        const std::vector<std::uint32_t> table = scrambled_sobol_table(directions, dimensions, seed, scrambling);
        simt::detail::copy_bytes(m_tables.data() + words * r, ctx.backend(), table.data(), Backend::Cpu,
                                 words * sizeof(std::uint32_t));
        const Philox4 j = philox_bits(seed, scramble_stream + std::uint64_t(scrambling), jump_seed_counter);
        m_jump_seeds.push_back(std::uint64_t(j.v[0]) | std::uint64_t(j.v[1]) << 32);
    }
}

SobolPoints SobolReplicates::points(int r) const {
    return SobolPoints{m_tables.data() + 33 * std::size_t(m_dimensions) * r, m_dimensions};
}

PathSums sobol_replicate_means(const std::vector<PathSums>& replicates) {
    PathSums means;
    for (const PathSums& r : replicates) {
        const double m = r.y / double(r.samples);
        means = means + PathSums{m, m * m, 0, 0, 0, 1};
    }
    return means;
}

GreekSums sobol_replicate_means(const std::vector<GreekSums>& replicates) {
    GreekSums means;
    std::vector<PathSums> prices;
    for (const GreekSums& r : replicates) {
        prices.push_back(r.price);
        for (int k = 0; k < gbm_greek_count; ++k) {
            const double m = r.g[k] / double(r.price.samples);
            means.g[k] += m;
            means.gg[k] += m * m;
        }
    }
    means.price = sobol_replicate_means(prices);
    return means;
}
}  // namespace simt::montecarlo
