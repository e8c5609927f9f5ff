// SPDX-License-Identifier: MIT
#include <simt/montecarlo/book_ranks.hpp>

#include <algorithm>
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

OptionBlock option_block(std::size_t count, int ranks, int rank) {
    const std::size_t n = std::size_t(ranks), r = std::size_t(rank), base = count / n, extra = count % n;
    const std::size_t first = r * base + std::min(r, extra);
    return {first, first + base + (r < extra ? 1 : 0)};
}

BookSums simulate_book_on_ranks(const Comm& comm, const Context& ctx, const std::vector<OptionSpec>& options,
                                const PricingRequest& settings, Index first_sample, Index samples,
                                const BookProgress& progress) {
    const OptionBlock mine = option_block(options.size(), comm.size(), comm.rank());
    const std::vector<OptionSpec> block(options.begin() + std::ptrdiff_t(mine.first),
                                        options.begin() + std::ptrdiff_t(mine.last));
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
