// SPDX-License-Identifier: MIT
// Multi-spin coding of the 2-D Ising model (as in Romero, Bisson, Fatica and Bernaschi, CPC
// 2020): each colour of the checkerboard is stored apart, 16 spins in a 64-bit word at 4 bits
// each. A word's four neighbour words, one of them shifted by a nibble, add up to the number
// of up neighbours of all 16 spins at once (at most 4, so no carry crosses a nibble).
// The draws are the ones checkerboard_sweep uses for the same site, so for the same seed both
// give the same lattice spin for spin; this one moves an eighth of the bytes.
#pragma once
#include <cstdint>
#include <simt/core/buffer.hpp>
#include <simt/core/context.hpp>
#include <simt/spins/lattice.hpp>
#include <simt/spins/spin_model.hpp>
#include <simt/spins/update_tables.hpp>

namespace simt::spins {
class PackedIsing2d {
   public:
    /// Spins per 64-bit word.
    static constexpr int spins_per_word = 16;

    /// A 2-D lattice whose side is a multiple of 32 (a row of one colour is whole words).
    PackedIsing2d(Backend where, const Lattice& lattice);
    const Lattice& lattice() const { return m_lattice; }
    /// Words of one colour.
    Index colour_words() const { return Index(m_lattice.L) * words_per_row(); }
    int words_per_row() const { return m_lattice.L / 2 / spins_per_word; }

    /// Packs a one-byte-per-spin lattice (in the context's memory) into the words.
    void pack(const Context& ctx, const std::uint8_t* spins);
    /// Writes the words back as one byte per spin.
    void unpack(const Context& ctx, std::uint8_t* spins) const;
    /// One sweep of both colours, Metropolis or heat bath; model.model must be Ising.
    void sweep(const Context& ctx, const ModelParams& model, LocalUpdate update, std::uint64_t seed,
               std::uint64_t sweep_index);

   private:
    Lattice m_lattice;
    Buffer<std::uint64_t> m_words;  // colour 0's rows, then colour 1's
};
}  // namespace simt::spins
