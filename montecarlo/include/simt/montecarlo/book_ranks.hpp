// SPDX-License-Identifier: MIT
// A book priced across ranks. The ranks form groups of consecutive ranks, each pricing one
// contiguous block of the options and sharing each of those options' paths (batch_engine.hpp)
// among its ranks: one rank per group is a split by option, one group of every rank a split by
// paths, and between them a book of a few more rows than ranks is balanced too. Every rank receives the
// sums of the whole book in its order. An option's random numbers depend only on (seed, id, path)
// and its sums are added in an order fixed per option, never across options or ranks, so every
// option's price, standard error and Greeks are the one-process bits on any rank count.
#pragma once
#include <cstddef>
#include <vector>
#include <simt/core/comm.hpp>
#include <simt/montecarlo/book_pricer.hpp>
#include <simt/montecarlo/rank_share.hpp>

namespace simt::montecarlo {
/// What one rank simulates of a book.
struct BookShare {
    RankShare options;    ///< the options [first, last) its group simulates
    int groups = 1;       ///< groups of ranks, each as many ranks
    int group = 0;        ///< its group (group = rank / ranks per group)
    int group_ranks = 1;  ///< ranks of a group, which share each of its options' paths
};

/// Rank `rank`'s share of a book of `count` options of `samples` samples each over `ranks`
/// ranks. Of the group counts that divide the ranks (at most one per option), the one whose
/// busiest rank simulates the fewest runs of samples (gbm_sample_runs): options per group,
/// rounded up, times each option's runs per rank, rounded up; between equals the most groups,
/// which share the fewest paths.
BookShare book_share(std::size_t count, int ranks, int rank, Index samples);

/// simulate_book of this rank's share; every rank receives the sums of the whole book, in its
/// order. `progress` counts this rank's options. Collective.
BookSums simulate_book_on_ranks(const Comm& comm, const Context& ctx, const std::vector<OptionSpec>& options,
                                const PricingRequest& settings, Index first_sample, Index samples,
                                const BookProgress& progress = {});

/// price_book across ranks: the whole book's results on every rank. Collective.
std::vector<OptionResult> price_book_on_ranks(const Comm& comm, const Context& ctx,
                                              const std::vector<OptionSpec>& options, const PricingRequest& settings,
                                              const BookProgress& progress = {});
}  // namespace simt::montecarlo
