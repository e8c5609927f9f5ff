// SPDX-License-Identifier: MIT
#include <simt/montecarlo/book_ranks.hpp>

#include <cstring>
#include <type_traits>
#include <simt/core/error.hpp>
#include <simt/montecarlo/gbm_batch.hpp>

namespace simt::montecarlo {
namespace {
/// Every rank's `mine` concatenated in rank order, on every rank; `total` elements in all.
template <class T>
std::vector<T> all_ranks(const Comm& comm, const std::vector<T>& mine, std::size_t total) {
    static_assert(std::is_trivially_copyable_v<T>, "values travel between ranks as bytes");
    const std::vector<unsigned char> gathered = comm.gather(mine.data(), mine.size() * sizeof(T));
    SIMT_REQUIRE(!comm.root() || gathered.size() == total * sizeof(T), "all_ranks: a rank's share went missing");
    std::vector<T> all(total);
    if (comm.root() && total > 0) std::memcpy(all.data(), gathered.data(), gathered.size());
    comm.broadcast(all.data(), total * sizeof(T));
    return all;
}
}  // namespace

BookShare book_share(std::size_t count, int ranks, int rank, Index samples) {
    const std::int64_t runs = gbm_sample_runs(samples), options = std::int64_t(count);
    const auto ceil_div = [](std::int64_t a, std::int64_t b) { return (a + b - 1) / b; };
    BookShare share;
    std::int64_t least = -1;
    for (int groups = 1; groups <= ranks; ++groups) {
        if (ranks % groups != 0 || (groups > 1 && groups > options)) continue;
        const std::int64_t busiest = ceil_div(options, groups) * ceil_div(runs, ranks / groups);
        if (least >= 0 && busiest > least) continue;
        least = busiest;
        share.groups = groups;
    }
    share.group_ranks = ranks / share.groups;
    share.group = rank / share.group_ranks;
    share.options = rank_share(options, share.groups, share.group);
    return share;
}

BookSums simulate_book_on_ranks(const Comm& comm, const Context& ctx, const std::vector<OptionSpec>& options,
                                const PricingRequest& settings, Index first_sample, Index samples,
                                const BookProgress& progress) {
    const BookShare mine = book_share(options.size(), comm.size(), comm.rank(), samples);
    if (!comm.parallel()) return simulate_book(ctx, options, settings, first_sample, samples, progress);
    // A group of one rank talks to no one; a group of every rank is the whole communicator.
    const Comm group = mine.group_ranks == 1 ? Comm{} : mine.groups == 1 ? comm : comm.split(mine.group, comm.rank());
    const std::vector<OptionSpec> block(options.begin() + mine.options.first, options.begin() + mine.options.last);
    BookSums sums = simulate_book(ctx, block, settings, first_sample, samples, progress, group);
    // Every rank of a group holds its block's sums; the groups' first ranks send them, and rank
    // order is book order: the blocks are contiguous and ascending.
    if (group.rank() != 0) sums = BookSums{};
    return {all_ranks(comm, sums.sums, options.size()), all_ranks(comm, sums.seconds, options.size())};
}

std::vector<OptionResult> price_book_on_ranks(const Comm& comm, const Context& ctx,
                                              const std::vector<OptionSpec>& options, const PricingRequest& settings,
                                              const BookProgress& progress) {
    return book_results(options, settings,
                        simulate_book_on_ranks(comm, ctx, options, settings, 0, book_samples(settings), progress));
}
}  // namespace simt::montecarlo
