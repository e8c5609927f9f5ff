// SPDX-License-Identifier: MIT
// A book priced across ranks. With at least as many options as ranks each rank simulates one
// contiguous block of the options; with fewer, every rank simulates every option and a share of
// each one's paths (batch_engine.hpp). Either way every rank receives the sums of the whole book
// in its order. An option's random numbers depend only on (seed, id, path) and its sums are added
// in an order fixed per option, never across options or ranks, so every option's price, standard
// error and Greeks are the one-process bits on any rank count.
#pragma once
#include <cstddef>
#include <vector>
#include <simt/core/comm.hpp>
#include <simt/montecarlo/book_pricer.hpp>
#include <simt/montecarlo/rank_share.hpp>

namespace simt::montecarlo {
/// What one rank simulates of a book.
struct BookShare {
    RankShare options;         ///< the options [first, last) it simulates
    bool split_paths = false;  ///< every rank simulates every option, a share of each one's paths
};

/// Rank `rank`'s share of a book of `count` options over `ranks` ranks: blocks of options
/// (rank_share) when count >= ranks, every option's paths shared otherwise.
BookShare book_share(std::size_t count, int ranks, int rank);

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
