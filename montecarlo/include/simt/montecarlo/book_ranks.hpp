// SPDX-License-Identifier: MIT
// A book priced across ranks: each rank simulates one contiguous block of the options and every
// rank receives the sums of the whole book in its order. An option's random numbers depend only on (seed, id, path)
// and its sums are added in an order fixed per option (batch_engine.hpp), never across options,
// so every option's price, standard error and Greeks are the one-process bits on any rank count.
#pragma once
#include <cstddef>
#include <vector>
#include <simt/core/comm.hpp>
#include <simt/montecarlo/book_pricer.hpp>

namespace simt::montecarlo {
/// Options [first, last) of a book.
struct OptionBlock {
    std::size_t first = 0, last = 0;
};

/// Rank `rank`'s block of `count` options over `ranks` ranks: count / ranks each, the first
/// count % ranks ranks one more, in rank order.
OptionBlock option_block(std::size_t count, int ranks, int rank);

/// simulate_book of this rank's block; every rank receives the sums of the whole book, in its
/// order. `progress` counts this rank's block. Collective.
BookSums simulate_book_on_ranks(const Comm& comm, const Context& ctx, const std::vector<OptionSpec>& options,
                                const PricingRequest& settings, Index first_sample, Index samples,
                                const BookProgress& progress = {});

/// price_book across ranks: the whole book's results on every rank. Collective.
std::vector<OptionResult> price_book_on_ranks(const Comm& comm, const Context& ctx,
                                              const std::vector<OptionSpec>& options, const PricingRequest& settings,
                                              const BookProgress& progress = {});
}  // namespace simt::montecarlo
