// SPDX-License-Identifier: MIT
#include <simt/montecarlo/book_ranks.hpp>

#include <algorithm>
#include <cstring>
#include <type_traits>
#include <simt/core/error.hpp>

namespace simt::montecarlo {
OptionBlock option_block(std::size_t count, int ranks, int rank) {
    const std::size_t n = std::size_t(ranks), r = std::size_t(rank), base = count / n, extra = count % n;
    const std::size_t first = r * base + std::min(r, extra);
    return {first, first + base + (r < extra ? 1 : 0)};
}

std::vector<OptionResult> price_book_on_ranks(const Comm& comm, const Context& ctx,
                                              const std::vector<OptionSpec>& options, const PricingRequest& settings,
                                              const BookProgress& progress) {
    static_assert(std::is_trivially_copyable_v<OptionResult>, "results travel between ranks as bytes");
    const OptionBlock mine = option_block(options.size(), comm.size(), comm.rank());
    const std::vector<OptionSpec> block(options.begin() + std::ptrdiff_t(mine.first),
                                        options.begin() + std::ptrdiff_t(mine.last));
    const std::vector<OptionResult> priced = price_book(ctx, block, settings, progress);
    if (!comm.parallel()) return priced;
    // Rank order is book order: the blocks are contiguous and ascending.
    const std::vector<unsigned char> bytes = comm.gather(priced.data(), priced.size() * sizeof(OptionResult));
    std::vector<OptionResult> all(bytes.size() / sizeof(OptionResult));
    if (!all.empty()) std::memcpy(all.data(), bytes.data(), bytes.size());
    SIMT_REQUIRE(!comm.root() || all.size() == options.size(), "price_book_on_ranks: a rank's results went missing");
    return all;
}
}  // namespace simt::montecarlo
