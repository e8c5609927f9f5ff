// SPDX-License-Identifier: MIT
// Spins in checkpoints: ceil(log2 q) bits each (one for Ising), packed into 64-bit words,
// spin i at bits [i b, i b + b) counted from the low end of word 0.
#pragma once
#include <cstdint>
#include <vector>

namespace simt::spins {
/// Bits a spin of q states takes.
int bits_per_spin(int q);
std::vector<std::uint64_t> pack_spins(const std::vector<std::uint8_t>& spins, int q);
/// The inverse of pack_spins for n spins; throws simt::Error naming the first spin whose value
/// is not below q, or if the words are too few.
std::vector<std::uint8_t> unpack_spins(const std::vector<std::uint64_t>& words, std::size_t n, int q);
}  // namespace simt::spins
