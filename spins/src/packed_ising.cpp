// SPDX-License-Identifier: MIT
#include <string>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/philox.hpp>
#include <simt/spins/checkerboard.hpp>
#include <simt/spins/packed_ising.hpp>

namespace simt::spins {
namespace {
constexpr int nibbles = PackedIsing2d::spins_per_word;

/// The third horizontal neighbour word of word w of a row of the other colour: one site left
/// (even rows of this colour) or right (odd rows), the same word shifted by a nibble, the gap
/// filled from the next word.
SIMT_INLINE std::uint64_t side_word(const std::uint64_t* row, int w, int W, bool even) {
    if (even) return (row[w] << 4) | (row[(w + W - 1) % W] >> 60);
    return (row[w] >> 4) | (row[(w + 1) % W] << 60);
}

/// A word's 16 spins after their decisions, `up` holding each nibble's up neighbours. Site
/// index of nibble b in this colour's order: y L/2 + 16 w + b; four per Philox call.
SIMT_INLINE std::uint64_t flip_word(std::uint64_t word, std::uint64_t up, const IsingFlipTable& table,
                                    std::uint64_t seed, std::uint64_t stream, int L, int y, int w) {
    const std::uint64_t first_group = (std::uint64_t(y) * (L / 2) + std::uint64_t(nibbles) * w) / 4;
    // Unrolled: the draws and the shifts are registers and constants on the GPU.
    SIMT_UNROLL
    for (int g = 0; g < nibbles / 4; ++g) {
        const Philox4 r = philox_bits(seed, stream, first_group + g);
        SIMT_UNROLL
        for (int k = 0; k < 4; ++k) {
            const int shift = 4 * (4 * g + k);
            const unsigned s = unsigned(word >> shift) & 1u;
            const unsigned n = unsigned(up >> shift) & 0xFu;
            if (r.v[k] < table.select<2>(s, n)) word ^= std::uint64_t(1) << shift;
        }
    }
    return word;
}

void packed_half_sweep(const Context& ctx, const Lattice& lat, int words_per_row, const IsingFlipTable& table,
                       std::uint64_t* mine, const std::uint64_t* other, std::uint64_t seed, std::uint64_t stream,
                       int colour) {
    const int L = lat.L;
    const int W = words_per_row;
    // Reads the word and four neighbour words (three of them cached), writes the word.
    const double bytes = 3.0 * 8.0 * double(L) * W;
    for_each(ctx, Kernel("spins.ising.multispin", bytes), Range<2>{W, L}, SIMT_LAMBDA(int w, int y) {
        const Index row = Index(y) * W;
        const std::uint64_t above = other[Index((y + 1) % L) * W + w];
        const std::uint64_t below = other[Index((y + L - 1) % L) * W + w];
        const std::uint64_t up = other[row + w] + side_word(other + row, w, W, ((y + colour) & 1) == 0) + above + below;
        mine[row + w] = flip_word(mine[row + w], up, table, seed, stream, L, y, w);
    });
}
}  // namespace

PackedIsing2d::PackedIsing2d(Backend where, const Lattice& lattice) : m_lattice(lattice) {
    check_lattice(lattice);
    if (lattice.dim != 2 || lattice.L % (2 * spins_per_word) != 0) {
        throw Error("spins: the multi-spin Ising kernel needs a 2-D lattice whose side is a multiple of 32; L = " +
                    std::to_string(lattice.L) + ", dim = " + std::to_string(lattice.dim));
    }
    m_words = Buffer<std::uint64_t>(where, std::size_t(2 * colour_words()));
}

void PackedIsing2d::pack(const Context& ctx, const std::uint8_t* spins) {
    const Lattice lat = m_lattice;
    const int W = words_per_row();
    const Index per_colour = colour_words();
    std::uint64_t* words = m_words.data();
    for_each(ctx, Kernel("spins.ising.pack", 2.0 * double(lat.sites())), Range<2>{W, 2 * lat.L},
             SIMT_LAMBDA(int w, int colour_row) {
                 const int colour = colour_row / lat.L, y = colour_row % lat.L;
                 std::uint64_t word = 0;
                 for (int b = 0; b < nibbles; ++b) {
                     const Index idx = Index(y) * (lat.L / 2) + Index(nibbles) * w + b;
                     word |= std::uint64_t(spins[lat.index(lat.colour_site(colour, idx))] & 1u) << (4 * b);
                 }
                 words[colour * per_colour + Index(y) * W + w] = word;
             });
}

void PackedIsing2d::unpack(const Context& ctx, std::uint8_t* spins) const {
    const Lattice lat = m_lattice;
    const int W = words_per_row();
    const Index per_colour = colour_words();
    const std::uint64_t* words = m_words.data();
    for_each(ctx, Kernel("spins.ising.unpack", 2.0 * double(lat.sites())), Range<2>{W, 2 * lat.L},
             SIMT_LAMBDA(int w, int colour_row) {
                 const int colour = colour_row / lat.L, y = colour_row % lat.L;
                 const std::uint64_t word = words[colour * per_colour + Index(y) * W + w];
                 for (int b = 0; b < nibbles; ++b) {
                     const Index idx = Index(y) * (lat.L / 2) + Index(nibbles) * w + b;
                     spins[lat.index(lat.colour_site(colour, idx))] = std::uint8_t((word >> (4 * b)) & 1u);
                 }
             });
}

void PackedIsing2d::sweep(const Context& ctx, const ModelParams& model, LocalUpdate update, std::uint64_t seed,
                          std::uint64_t sweep_index) {
    SIMT_REQUIRE(model.model == Model::ising, "spins: the multi-spin kernel updates the Ising model only");
    const IsingFlipTable table = ising_flip_table(2, model, update);
    std::uint64_t* colour0 = m_words.data();
    std::uint64_t* colour1 = colour0 + colour_words();
    packed_half_sweep(ctx, m_lattice, words_per_row(), table, colour0, colour1, seed, half_sweep_stream(sweep_index, 0),
                      0);
    packed_half_sweep(ctx, m_lattice, words_per_row(), table, colour1, colour0, seed, half_sweep_stream(sweep_index, 1),
                      1);
}

PackedIsingBlock::PackedIsingBlock(Backend where, const SpinBlock& block) : m_block(block) {
    const Lattice& lat = block.lattice;
    if (lat.dim != 2 || lat.L % (2 * nibbles) != 0 || block.lo[0] != 0 || block.n[0] != lat.L) {
        throw Error(
            "spins: the multi-spin Ising kernel across ranks needs a 2-D lattice whose side is a multiple "
            "of 32, split along y only; L = " +
            std::to_string(lat.L) + ", dim = " + std::to_string(lat.dim) + ", block " + std::to_string(block.n[0]) +
            " sites wide");
    }
    m_words = Buffer<std::uint64_t>(where, std::size_t(2 * colour_words()));
}

namespace {
// A free function, not the private member: nvcc takes no extended lambda inside a private one.
void copy_block_words(const Context& ctx, const SpinBlock b, const int W, const Index per_colour, std::uint64_t* words,
                      std::uint8_t* padded, bool to_words) {
    const int ny = b.n[1];
    for_each(ctx, Kernel(to_words ? "spins.ising.block.pack" : "spins.ising.block.unpack", 2.0 * double(b.owned())),
             Range<2>{W, 2 * ny}, SIMT_LAMBDA(int w, int colour_row) {
                 const int colour = colour_row / ny, y = colour_row % ny;
                 const int parity = (b.lo[1] + y + colour) & 1;
                 std::uint64_t* word = words + colour * per_colour + Index(y + 1) * W + w;
                 std::uint64_t packed = 0;
                 for (int k = 0; k < nibbles; ++k) {
                     std::uint8_t& s = padded[b.at(2 * (nibbles * w + k) + parity, y, 0)];
                     if (to_words) {
                         packed |= std::uint64_t(s & 1u) << (4 * k);
                     } else {
                         s = std::uint8_t((*word >> (4 * k)) & 1u);
                     }
                 }
                 if (to_words) *word = packed;
             });
}
}  // namespace

void PackedIsingBlock::copy(const Context& ctx, std::uint8_t* padded, bool to_words) const {
    copy_block_words(ctx, m_block, words_per_row(), colour_words(), m_words.data(), padded, to_words);
}

void PackedIsingBlock::half_sweep(const Context& ctx, const IsingFlipTable& table, std::uint64_t seed,
                                  std::uint64_t stream, int colour) {
    const int L = m_block.lattice.L, W = words_per_row(), lo_y = m_block.lo[1];
    std::uint64_t* mine = rows(colour);
    const std::uint64_t* other = rows(1 - colour);
    const double bytes = 3.0 * 8.0 * double(m_block.n[1]) * W;
    for_each(ctx, Kernel("spins.ising.multispin.block", bytes), Range<2>{W, m_block.n[1]}, SIMT_LAMBDA(int w, int y) {
        const Index row = Index(y + 1) * W;  // past the halo row
        const int gy = lo_y + y;
        const std::uint64_t up = other[row + w] + side_word(other + row, w, W, ((gy + colour) & 1) == 0) +
                                 other[row + W + w] + other[row - W + w];
        mine[row + w] = flip_word(mine[row + w], up, table, seed, stream, L, gy, w);
    });
}
}  // namespace simt::spins
