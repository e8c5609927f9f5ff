// SPDX-License-Identifier: MIT
// The cell list by sort and the Verlet list against an O(N^2) search with the minimum image,
// in boxes with many cells and with fewer than three along an axis; the stable sort.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <vector>
#include <simt/core/context.hpp>
#include <simt/core/memory.hpp>
#include <simt/particles/cell_list.hpp>
#include <simt/particles/initial_state.hpp>
#include <simt/particles/sort_by_key.hpp>
#include <simt/particles/verlet_list.hpp>
#include "../backends.hpp"

using namespace simt;
using namespace simt::particles;

namespace {
/// Pairs (i, j), i != j, closer than r_list by the minimum image, for each i.
std::vector<std::set<int>> brute_force(const Positions& x, const std::array<double, 3>& box, double r_list) {
    std::vector<std::set<int>> out(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = 0; j < x.size(); ++j) {
            if (i == j) continue;
            double r2 = 0;
            for (int a = 0; a < 3; ++a) {
                double d = x[i][a] - x[j][a];
                d -= box[a] * std::floor(d / box[a] + 0.5);
                r2 += d * d;
            }
            if (r2 < r_list * r_list) out[i].insert(int(j));
        }
    return out;
}

/// half: every pair once, in the list of one of its two particles; full: every pair in both.
void check_lists(Backend b, const std::array<double, 3>& box, std::int64_t n, double r_list, bool half) {
    const Positions x = random_positions(n, box, 0.5, 17);
    std::vector<double> soa(3 * std::size_t(n));
    for (std::size_t i = 0; i < x.size(); ++i)
        for (int a = 0; a < 3; ++a) soa[a * x.size() + i] = x[i][a];
    Context ctx(b);
    Buffer<double> pos(b, soa.size());
    pos.copy_from_host(soa.data());
    const Box<double> bx(box[0], box[1], box[2]);
    CellList<double> cells(b, n, bx, r_list);
    VerletList<double> list(b, n, bx, r_list, half);
    cells.build(ctx, pos.data());
    list.build(ctx, cells, pos.data());
    ctx.synchronize();
    // Copy the list back and compare as sets.
    const NeighborListView v = list.view();
    std::vector<std::int32_t> counts(static_cast<std::size_t>(n)), entries(std::size_t(n) * (list.capacity() + 1));  // + the spare slot
    simt::detail::copy_bytes(counts.data(), Backend::Cpu, v.counts, b, counts.size() * 4);
    simt::detail::copy_bytes(entries.data(), Backend::Cpu, v.list, b, entries.size() * 4);
    const auto expect = brute_force(x, box, r_list);
    std::vector<std::multiset<int>> got{std::size_t(n)};
    std::size_t pairs = 0, mismatched = 0;
    for (std::int64_t i = 0; i < n; ++i)
        for (int k = 0; k < counts[std::size_t(i)]; ++k) {
            const int j = entries[std::size_t(i * v.particle_stride + k * v.neighbor_stride)];
            got[std::size_t(i)].insert(j);
            if (half) got[std::size_t(j)].insert(int(i));  // the partner's side
            ++pairs;
        }
    for (std::int64_t i = 0; i < n; ++i) {
        const std::multiset<int> want(expect[std::size_t(i)].begin(), expect[std::size_t(i)].end());
        if (got[std::size_t(i)] != want) ++mismatched;  // a multiset: a pair listed twice shows
    }
    CHECK(v.half == half);
    CHECK(mismatched == 0);
    CHECK(pairs > 0);
    CHECK(Index(pairs) == list.entries());
}
}  // namespace

TEST_CASE("neighbor lists: cell and Verlet lists find exactly the pairs of a brute-force search") {
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        for (bool half : {false, true}) {
            CAPTURE(half);
            check_lists(b, {9.0, 7.5, 12.0}, 600, 2.8, half);  // 3 x 2 x 4 cells: fewer than three along y
            check_lists(b, {20.0, 20.0, 20.0}, 2000, 2.8, half);  // 7^3 cells
            check_lists(b, {9.0, 9.0, 9.0}, 300, 2.8, half);  // 3^3 cells: the fewest layers a half list takes
        }
        check_lists(b, {6.0, 6.0, 6.0}, 150, 2.9, false);  // 2 x 2 x 2 cells
    }
}

TEST_CASE("neighbor lists: the sort by key is stable") {
    for (Backend b : test::backends()) {
        Context ctx(b);
        const std::vector<std::uint32_t> keys{3, 1, 3, 0, 1, 3, 2, 0};
        std::vector<std::int32_t> values(keys.size());
        for (std::size_t i = 0; i < keys.size(); ++i) values[i] = std::int32_t(i);
        Buffer<std::uint32_t> k(b, keys.size()), k2(b, keys.size());
        Buffer<std::int32_t> v(b, keys.size()), v2(b, keys.size());
        k.copy_from_host(keys.data());
        v.copy_from_host(values.data());
        sort_by_key(ctx, k, v, k2, v2, Index(keys.size()), 4);
        ctx.synchronize();
        CHECK(k2.to_host() == std::vector<std::uint32_t>{0, 0, 1, 1, 2, 3, 3, 3});
        CHECK(v2.to_host() == std::vector<std::int32_t>{3, 7, 1, 4, 6, 0, 2, 5});
    }
}
