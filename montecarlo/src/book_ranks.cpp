// SPDX-License-Identifier: MIT
#include <simt/montecarlo/book_ranks.hpp>

#include <cstring>
#include <type_traits>
#include <simt/core/error.hpp>

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

BookShare book_share(std::size_t count, int ranks, int rank) {
    if (count < std::size_t(ranks)) return {{0, std::int64_t(count)}, true};
    return {rank_share(std::int64_t(count), ranks, rank), false};
}

BookSums simulate_book_on_ranks(const Comm& comm, const Context& ctx, const std::vector<OptionSpec>& options,
                                const PricingRequest& settings, Index first_sample, Index samples,
                                const BookProgress& progress) {
    const BookShare mine = book_share(options.size(), comm.size(), comm.rank());
    if (mine.split_paths) return simulate_book(ctx, options, settings, first_sample, samples, progress, comm);
    const std::vector<OptionSpec> block(options.begin() + mine.options.first, options.begin() + mine.options.last);
    BookSums sums = simulate_book(ctx, block, settings, first_sample, samples, progress);
    if (!comm.parallel()) return sums;
    // Rank order is book order: the blocks are contiguous and ascending.
    return {all_ranks(comm, sums.sums, options.size()), all_ranks(comm, sums.seconds, options.size())};
}

std::vector<OptionResult> price_book_on_ranks(const Comm& comm, const Context& ctx,
                                              const std::vector<OptionSpec>& options, const PricingRequest& settings,
                                              const BookProgress& progress) {
    return book_results(options, settings,
                        simulate_book_on_ranks(comm, ctx, options, settings, 0, book_samples(settings), progress));
}
}  // namespace simt::montecarlo
