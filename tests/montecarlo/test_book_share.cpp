// SPDX-License-Identifier: MIT
// How a book is dealt out to ranks (book_share): groups of ranks, each a block of options whose
// paths its ranks share, chosen so that the busiest rank simulates the fewest runs of samples.
#include <doctest/doctest.h>

#include <simt/montecarlo/book_ranks.hpp>
#include <simt/montecarlo/gbm_batch.hpp>

using namespace simt::montecarlo;

namespace {
/// Every rank's share: the groups tile the ranks and the options, in rank and book order.
void check_tiling(std::size_t count, int ranks, simt::Index samples, int groups) {
    CAPTURE(count);
    CAPTURE(ranks);
    std::int64_t next = 0;
    for (int r = 0; r < ranks; ++r) {
        const BookShare s = book_share(count, ranks, r, samples);
        CHECK(s.groups == groups);
        CHECK(s.group_ranks * s.groups == ranks);
        CHECK(s.group == r / s.group_ranks);
        if (r % s.group_ranks == 0) {
            CHECK(s.options.first == next);  // a new group takes the next block
            next = s.options.last;
        }
    }
    CHECK(next == std::int64_t(count));
}
}  // namespace

TEST_CASE("book_share: by option, by paths, or both, whichever leaves the busiest rank the least") {
    const simt::Index samples = 2000;  // 63 blocks of 32 samples in 8 runs
    REQUIRE(gbm_sample_runs(samples) == 8);
    check_tiling(10000, 4, samples, 4);  // many rows: one rank a block of rows (2,500 x 8 runs)
    check_tiling(6, 4, samples, 2);      // 2 groups of 2 ranks: 3 rows x 4 runs, not 2 rows x 8
    check_tiling(5, 4, samples, 1);      // every rank 5 rows x 2 runs, not 2 rows x 8
    check_tiling(2, 4, samples, 2);      // fewer rows than ranks: 1 row x 4 runs each
    check_tiling(8, 4, samples, 4);      // even: by option, which shares no paths
    check_tiling(9, 3, samples, 3);      // 3 rows x 8 runs each, not 9 rows x 3
    check_tiling(7, 3, samples, 1);      // 7 rows x 3 runs each, not 3 rows x 8
    // The six-row book of tests/mpi/test_book_ranks.cpp at 500 paths: 16 blocks in 4 runs.
    REQUIRE(gbm_sample_runs(500) == 4);
    check_tiling(6, 4, 500, 2);
    check_tiling(3, 1, samples, 1);
    check_tiling(0, 3, samples, 1);
}
