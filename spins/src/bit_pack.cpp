// SPDX-License-Identifier: MIT
#include <string>
#include <simt/core/error.hpp>
#include <simt/spins/bit_pack.hpp>

namespace simt::spins {
int bits_per_spin(int q) {
    int b = 1;
    while ((1 << b) < q) ++b;
    return b;
}

std::vector<std::uint64_t> pack_spins(const std::vector<std::uint8_t>& spins, int q) {
    const int b = bits_per_spin(q);
    std::vector<std::uint64_t> words((spins.size() * b + 63) / 64, 0);
    for (std::size_t i = 0; i < spins.size(); ++i) {
        const std::size_t bit = i * b;
        // b divides 64 only for powers of two, so a spin may straddle two words.
        words[bit / 64] |= std::uint64_t(spins[i]) << (bit % 64);
        if (bit % 64 + b > 64) words[bit / 64 + 1] |= std::uint64_t(spins[i]) >> (64 - bit % 64);
    }
    return words;
}

std::vector<std::uint8_t> unpack_spins(const std::vector<std::uint64_t>& words, std::size_t n, int q) {
    const int b = bits_per_spin(q);
    SIMT_REQUIRE(words.size() * 64 >= n * b, "spins: " + std::to_string(words.size()) + " words hold fewer than " +
                                                 std::to_string(n) + " spins of " + std::to_string(b) + " bits");
    const std::uint64_t mask = (std::uint64_t(1) << b) - 1;
    std::vector<std::uint8_t> spins(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t bit = i * b;
        std::uint64_t v = words[bit / 64] >> (bit % 64);
        if (bit % 64 + b > 64) v |= words[bit / 64 + 1] << (64 - bit % 64);
        v &= mask;
        if (v >= std::uint64_t(q)) {
            throw Error("spins: spin " + std::to_string(i) + " has state " + std::to_string(v) +
                        ", not below q = " + std::to_string(q));
        }
        spins[i] = std::uint8_t(v);
    }
    return spins;
}
}  // namespace simt::spins
