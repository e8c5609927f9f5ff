// SPDX-License-Identifier: MIT
// Quasi-Monte Carlo runs: R independently scrambled Sobol replicates (sobol.hpp) in the
// context's memory, whose points feed SobolSource paths (path_sources.hpp) of any model, and
// the replicates' means as the estimate (Owen 1997): the R means are independent unbiased
// estimates, so their spread is the standard error.
#pragma once
#include <cstdint>
#include <vector>
#include <simt/core/buffer.hpp>
#include <simt/core/context.hpp>
#include <simt/montecarlo/gbm_batch.hpp>
#include <simt/montecarlo/sobol.hpp>

namespace simt::montecarlo {
/// The scrambled tables of `replicates` replicates over `dimensions` dimensions, for runs of
/// `points` points each: the seed's scramblings first_replicate, first_replicate + 1, ... (a run
/// that adds replicates batch after batch takes fresh ones each time). ConfigError: fewer than
/// 2 replicates, points outside 1..2^32, a build without Sobol directions, too many dimensions.
class SobolReplicates {
   public:
    SobolReplicates(const Context& ctx, std::uint64_t seed, int replicates, int dimensions, Index points,
                    std::int64_t first_replicate = 0);
    int count() const { return m_replicates; }
    /// Replicate r's points (device memory of the context).
    SobolPoints points(int r) const;
    /// Replicate r's Philox seed for the inputs a model keeps pseudo-random (Merton's jumps):
    /// drawn from Philox(seed, 2^62 + r), the scrambles' stream, so each replicate's are its own.
    std::uint64_t jump_seed(int r) const { return m_jump_seeds[std::size_t(r)]; }

   private:
    int m_replicates, m_dimensions;
    Buffer<std::uint32_t> m_tables;
    std::vector<std::uint64_t> m_jump_seeds;
};

/// R replicate sums as the sums of R samples, the replicates' means: sums_result of it is the
/// mean of the means with the standard error of that mean over the replicates (R - 1 degrees
/// of freedom).
PathSums sobol_replicate_means(const std::vector<PathSums>& replicates);
/// The same for the price and every Greek (gbm_greek of it: the mean and its standard error).
GreekSums sobol_replicate_means(const std::vector<GreekSums>& replicates);
}  // namespace simt::montecarlo
