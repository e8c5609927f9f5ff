// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cstring>
#include <string>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/spins/block_chain.hpp>
#include <simt/spins/checkerboard.hpp>

namespace simt::spins {
namespace {
/// Sites of a face across `axis`: the owned extents of the other two axes.
Index face_sites(const SpinBlock& b, int axis) { return b.owned() / b.n[axis]; }

/// Copies the sites of layer `layer` (-1 and n are halos) across `axis` between the padded
/// spins and a face buffer (the other two axes' owned sites).
void copy_face(const Context& ctx, const char* label, const SpinBlock& b, int axis, int layer, std::uint8_t* s,
               std::uint8_t* face, bool to_face) {
    const int u_axis = axis == 0 ? 1 : 0, v_axis = axis == 2 ? 1 : 2;
    const int nu = b.n[u_axis];
    for_each(ctx, Kernel(label, double(face_sites(b, axis))), Range<2>{nu, b.n[v_axis]}, SIMT_LAMBDA(int u, int v) {
        int c[3] = {0, 0, 0};
        c[axis] = layer;
        c[u_axis] = u;
        c[v_axis] = v;
        const Index i = b.at(c[0], c[1], c[2]), f = Index(u) + Index(nu) * v;
        if (to_face) {
            face[f] = s[i];
        } else {
            s[i] = face[f];
        }
    });
}

/// Copies between a block's padded spins and its owned ones (x fastest over the block).
void copy_owned(const Context& ctx, const SpinBlock& b, std::uint8_t* p, std::uint8_t* owned, bool to_owned) {
    const int nx = b.n[0], ny = b.n[1];
    for_each(ctx, Kernel("spins.block.owned", double(b.owned())), Range<3>{nx, ny, b.n[2]},
             SIMT_LAMBDA(int x, int y, int z) {
        const Index i = b.at(x, y, z), o = x + Index(nx) * (y + Index(ny) * z);
        if (to_owned) {
            owned[o] = p[i];
        } else {
            p[i] = owned[o];
        }
    });
}

// The owned sites' start, keyed by global site; a free function because nvcc takes no extended
// lambda inside a constructor.
void fill_start(const Context& ctx, const SpinBlock b, std::uint64_t seed, int q, std::uint8_t* s) {
    for_each(ctx, Kernel("spins.block.start", double(b.owned())), Range<3>{b.n[0], b.n[1], b.n[2]},
             SIMT_LAMBDA(int x, int y, int z) { s[b.at(x, y, z)] = random_start_state(seed, q, b.global_index(x, y, z)); });
}
}  // namespace

BlockChain::BlockChain(const Context& ctx, const ChainParams& params, const SpinBlock& block, const Comm& ranks)
    : m_ctx(ctx),
      m_params(params),
      m_block(block),
      m_ranks(ranks),
      m_padded(ctx.backend(), std::size_t(block.padded_sites())),
      m_owned(ctx.backend(), std::size_t(block.owned())) {
    check_chain(params);
    if (params.algorithm == Algorithm::wolff || params.algorithm == Algorithm::swendsen_wang)
        throw Error("spins: cluster updates do not run across ranks");
    // The largest message: a face of bytes, or a multispin row of words.
    Index largest = Index(block.lattice.L) / 2;
    for (int a = 0; a < block.lattice.dim; ++a) largest = std::max(largest, face_sites(block, a));
    m_face_send = Buffer<std::uint8_t>(ctx.backend(), std::size_t(largest));
    m_face_recv = Buffer<std::uint8_t>(ctx.backend(), std::size_t(largest));
    if (ctx.on_gpu()) {
        m_host_send.resize(std::size_t(largest));
        m_host_recv.resize(std::size_t(largest));
    }
    const int q = params.start == Start::random ? params.model.q : 1;  // q = 1 draws state 0: ordered
    std::uint8_t* s = m_padded.data();
    fill_start(ctx, block, params.seed, q, s);
    if (params.algorithm == Algorithm::multispin) {
        m_packed = std::make_unique<PackedIsingBlock>(ctx.backend(), block);
        m_packed->pack(ctx, s);
    }
}

void BlockChain::sendrecv(const void* send, void* recv, std::size_t bytes, int dest, int source, int tag) {
    m_ctx.synchronize();
    if (!m_ctx.on_gpu()) return m_ranks.sendrecv(send, bytes, dest, recv, bytes, source, tag);
    detail::copy_bytes(m_host_send.data(), Backend::Cpu, send, Backend::Cuda, bytes);
    m_ranks.sendrecv(m_host_send.data(), bytes, dest, m_host_recv.data(), bytes, source, tag);
    detail::copy_bytes(recv, Backend::Cuda, m_host_recv.data(), Backend::Cpu, bytes);
}

void BlockChain::exchange_rows(int colour) {
    const int W = m_packed->words_per_row(), ny = m_block.n[1];
    const std::size_t bytes = std::size_t(W) * sizeof(std::uint64_t);
    std::uint64_t* rows = m_packed->rows(colour);  // row y of the block at rows + (y + 1) W
    const int below = m_block.neighbour[1][0], above = m_block.neighbour[1][1];
    sendrecv(rows + W, rows + Index(ny + 1) * W, bytes, below, above, 6);
    sendrecv(rows + Index(ny) * W, rows, bytes, above, below, 7);
}

void BlockChain::sync_bytes() {
    if (!m_bytes_stale) return;
    m_packed->unpack(m_ctx, m_padded.data());
    m_bytes_stale = false;
}

void BlockChain::exchange_halos() {
    const SpinBlock& b = m_block;
    std::uint8_t* s = m_padded.data();
    std::uint8_t* send = m_face_send.data();
    std::uint8_t* recv = m_face_recv.data();
    for (int axis = 0; axis < b.lattice.dim; ++axis) {
        const std::size_t bytes = std::size_t(face_sites(b, axis));
        for (int side = 0; side < 2; ++side) {
            // The owned layer on this side goes to the rank across it; the rank across the
            // other side sends its layer on this side, the halo beyond the other side.
            copy_face(m_ctx, "spins.block.halo.pack", b, axis, side == 0 ? 0 : b.n[axis] - 1, s, send, true);
            sendrecv(send, recv, bytes, b.neighbour[axis][side], b.neighbour[axis][1 - side], 2 * axis + side);
            copy_face(m_ctx, "spins.block.halo.unpack", b, axis, side == 0 ? b.n[axis] : -1, s, recv, false);
        }
    }
}

void BlockChain::sweep(std::int64_t n) {
    const LocalUpdate u = m_params.algorithm == Algorithm::heat_bath ? LocalUpdate::heat_bath : LocalUpdate::metropolis;
    if (m_packed) {
        const IsingFlipTable table = ising_flip_table(2, m_params.model, LocalUpdate::metropolis);
        for (std::int64_t k = 0; k < n; ++k, ++m_sweeps) {
            for (int colour = 0; colour < 2; ++colour) {
                exchange_rows(1 - colour);
                m_packed->half_sweep(m_ctx, table, m_params.seed, half_sweep_stream(std::uint64_t(m_sweeps), colour),
                                     colour);
            }
        }
        if (n > 0) m_bytes_stale = true;
        return;
    }
    for (std::int64_t k = 0; k < n; ++k, ++m_sweeps) {
        for (int colour = 0; colour < 2; ++colour) {
            exchange_halos();
            checkerboard_block_half_sweep(m_ctx, m_block, m_params.model, u, m_padded.data(), m_params.seed,
                                          std::uint64_t(m_sweeps), colour);
        }
    }
}

Sample BlockChain::measure() {
    sync_bytes();
    exchange_halos();
    return measure_block(m_ctx, m_block, m_params.model, m_padded.data(), m_ranks);
}

void BlockChain::set_model(const ModelParams& m) {
    ChainParams next = m_params;
    next.model = m;
    check_chain(next);
    m_params = next;
}

const std::uint8_t* BlockChain::bytes() {
    sync_bytes();
    copy_owned(m_ctx, m_block, m_padded.data(), m_owned.data(), true);
    return m_owned.data();
}

std::vector<std::uint8_t> BlockChain::spins() {
    bytes();
    m_ctx.synchronize();
    // Each block travels after its place (lo and n), so rank 0 can put it in the whole lattice.
    const std::vector<std::uint8_t> owned = m_owned.to_host();
    std::vector<std::uint8_t> mine(sizeof m_block.lo + sizeof m_block.n + owned.size());
    std::memcpy(mine.data(), m_block.lo, sizeof m_block.lo);
    std::memcpy(mine.data() + sizeof m_block.lo, m_block.n, sizeof m_block.n);
    std::copy(owned.begin(), owned.end(), mine.begin() + sizeof m_block.lo + sizeof m_block.n);
    const std::vector<std::uint8_t> all = m_ranks.gather(mine.data(), mine.size());
    if (!m_ranks.root()) return {};
    const Lattice& lat = m_block.lattice;
    std::vector<std::uint8_t> whole(std::size_t(lat.sites()));
    for (std::size_t at = 0; at < all.size();) {
        SpinBlock part;
        std::memcpy(part.lo, all.data() + at, sizeof part.lo);
        std::memcpy(part.n, all.data() + at + sizeof part.lo, sizeof part.n);
        part.lattice = lat;
        at += sizeof part.lo + sizeof part.n;
        for (int z = 0; z < part.n[2]; ++z)
            for (int y = 0; y < part.n[1]; ++y, at += std::size_t(part.n[0]))
                std::copy_n(all.data() + at, part.n[0], whole.begin() + part.global_index(0, y, z));
    }
    return whole;
}

void BlockChain::restore(const std::vector<std::uint8_t>& spins, std::int64_t sweeps) {
    const Lattice& lat = m_block.lattice;
    SIMT_REQUIRE(spins.size() == std::size_t(lat.sites()), "spins: restore with " + std::to_string(spins.size()) +
                                                               " spins for a lattice of " +
                                                               std::to_string(lat.sites()));
    SIMT_REQUIRE(sweeps >= 0, "spins: restored sweep count " + std::to_string(sweeps) + " is negative");
    std::vector<std::uint8_t> owned(std::size_t(m_block.owned()));
    auto next = owned.begin();
    for (int z = 0; z < m_block.n[2]; ++z)
        for (int y = 0; y < m_block.n[1]; ++y, next += m_block.n[0])
            std::copy_n(spins.begin() + m_block.global_index(0, y, z), m_block.n[0], next);
    for (std::size_t i = 0; i < owned.size(); ++i) {
        SIMT_REQUIRE(owned[i] < m_params.model.q, "spins: a restored spin has state " + std::to_string(int(owned[i])) +
                                                      ", not below q = " + std::to_string(m_params.model.q));
    }
    m_owned.copy_from_host(owned.data());
    copy_owned(m_ctx, m_block, m_padded.data(), m_owned.data(), false);
    if (m_packed) m_packed->pack(m_ctx, m_padded.data());
    m_bytes_stale = false;
    m_sweeps = sweeps;
}
}  // namespace simt::spins
