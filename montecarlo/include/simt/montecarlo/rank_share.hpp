// SPDX-License-Identifier: MIT
// How a count of like pieces of work (a book's options, an option's runs of sample blocks) is
// dealt out to ranks: contiguous, in rank order, as evenly as whole pieces allow.
#pragma once
#include <algorithm>
#include <cstdint>

namespace simt::montecarlo {
/// Pieces [first, last) of a count.
struct RankShare {
    std::int64_t first = 0, last = 0;
    std::int64_t size() const { return last - first; }
};

/// Rank `rank`'s share of `count` pieces over `ranks` ranks: count / ranks each, the first
/// count % ranks ranks one more.
inline RankShare rank_share(std::int64_t count, int ranks, int rank) {
    const std::int64_t base = count / ranks, extra = count % ranks;
    const std::int64_t first = rank * base + std::min<std::int64_t>(rank, extra);
    return {first, first + base + (rank < extra ? 1 : 0)};
}
}  // namespace simt::montecarlo
