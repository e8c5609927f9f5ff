// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cmath>
#include <simt/core/philox.hpp>

using simt::Philox4;

// Known-answer vectors published with Random123 (Salmon et al., SC'11), kat_vectors file.
TEST_CASE("philox4x32_10 reproduces the Random123 known answers") {
    struct Kat {
        Philox4 ctr;
        std::uint64_t key;
        Philox4 out;
    };
    const Kat kats[] = {
        {{{0, 0, 0, 0}}, 0, {{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}}},
        {{{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}}, 0xffffffffffffffffull,
         {{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}}},
        {{{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}}, 0x299f31d0a4093822ull,
         {{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}}},
    };
    for (const Kat& k : kats) {
        const Philox4 r = simt::philox4x32_10(k.ctr, k.key);
        for (int i = 0; i < 4; ++i) CHECK(r.v[i] == k.out.v[i]);
    }
}

TEST_CASE("PhiloxStream offsets and subsequences address the same sequence") {
    simt::PhiloxStream a(1234, 5, 0);
    std::uint32_t first[11];
    for (auto& x : first) x = a.next_u32();
    for (int skip = 0; skip < 10; ++skip) {
        simt::PhiloxStream b(1234, 5, skip);
        CHECK(b.next_u32() == first[skip]);
    }
    // Subsequence s is block counter (0, 0, s_lo, s_hi): the first block of subsequence 5.
    const Philox4 block = simt::philox4x32_10(Philox4{{0, 0, 5, 0}}, 1234);
    for (int i = 0; i < 4; ++i) CHECK(first[i] == block.v[i]);
}

TEST_CASE("uniform draws are positive, at most 1, with the right mean and variance") {
    simt::PhiloxStream s(42, 0, 0);
    const int n = 200000;
    double sum = 0, sum2 = 0, nsum = 0, nsum2 = 0;
    for (int i = 0; i < n; ++i) {
        const double u = s.uniform_double();
        REQUIRE(u > 0.0);
        REQUIRE(u <= 1.0);
        sum += u;
        sum2 += u * u;
        const double z = s.normal_double();
        nsum += z;
        nsum2 += z * z;
    }
    // Five standard errors: a wrong mapping (e.g. [0,2) or a biased normal) fails.
    CHECK(std::abs(sum / n - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
    CHECK(std::abs(sum2 / n - 1.0 / 3) < 5 * std::sqrt(4.0 / 45 / n));
    CHECK(std::abs(nsum / n) < 5 * std::sqrt(1.0 / n));
    CHECK(std::abs(nsum2 / n - 1.0) < 5 * std::sqrt(2.0 / n));
}
