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
#include <simt/spins/spin_block.hpp>
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

/// PackedIsing2d's words for a rank's block of whole rows (a 2-D lattice split along y only),
/// each colour with one halo row below and one above. The draws are the whole lattice's.
class PackedIsingBlock {
   public:
    /// Throws simt::Error unless the lattice is 2-D with L a multiple of 32 and the block is whole along x.
    PackedIsingBlock(Backend where, const SpinBlock& block);
    int words_per_row() const { return m_block.lattice.L / 2 / PackedIsing2d::spins_per_word; }
    /// Words of one colour, halo rows included.
    Index colour_words() const { return Index(m_block.n[1] + 2) * words_per_row(); }
    /// Colour c's rows from the halo row below the block: row y of the block starts at
    /// rows(c) + (y + 1) * words_per_row().
    std::uint64_t* rows(int colour) const { return m_words.data() + colour * colour_words(); }

    /// Packs the block's owned spins (padded, one byte each; read only) into the words, or
    /// unpacks the words into them.
    void pack(const Context& ctx, std::uint8_t* padded) { copy(ctx, padded, true); }
    void unpack(const Context& ctx, std::uint8_t* padded) const { copy(ctx, padded, false); }
    /// One colour's half of a sweep; the other colour's halo rows must be current.
    void half_sweep(const Context& ctx, const IsingFlipTable& table, std::uint64_t seed, std::uint64_t stream,
                    int colour);

   private:
    void copy(const Context& ctx, std::uint8_t* padded, bool to_words) const;
    SpinBlock m_block;
    Buffer<std::uint64_t> m_words;
};
}  // namespace simt::spins
