// SPDX-License-Identifier: MIT
// BlockChain: SpinChain's checkerboard Metropolis and heat-bath sweeps on a lattice split over
// MPI ranks, each rank holding one SpinBlock. A layer of halo spins is exchanged before each
// colour's half of a sweep; draws, colours and measurement sums follow global coordinates, so
// the spins and the samples after n sweeps are SpinChain's to the bit whatever the rank count.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>
#include <simt/core/buffer.hpp>
#include <simt/core/comm.hpp>
#include <simt/core/context.hpp>
#include <simt/spins/measure.hpp>
#include <simt/spins/packed_ising.hpp>
#include <simt/spins/spin_block.hpp>
#include <simt/spins/spin_chain.hpp>

namespace simt::spins {
class BlockChain {
   public:
    /// Throws simt::Error for a cluster update, for multispin on a block not whole along x, or
    /// as check_chain.
    BlockChain(const Context& ctx, const ChainParams& params, const SpinBlock& block, const Comm& ranks);
    BlockChain(const BlockChain&) = delete;
    BlockChain& operator=(const BlockChain&) = delete;

    const ChainParams& params() const { return m_params; }
    std::int64_t sweeps() const { return m_sweeps; }
    /// Collective, as measure, spins and restore.
    void sweep(std::int64_t n);
    Sample measure();
    void set_model(const ModelParams& m);

    /// The whole lattice's spins, x fastest, on rank 0 (gathered from every block); empty elsewhere.
    std::vector<std::uint8_t> spins();
    /// Every rank passes the whole lattice and keeps its block; throws on a wrong count or a state >= q.
    void restore(const std::vector<std::uint8_t>& spins, std::int64_t sweeps);
    /// This block's spins in the context's memory, x fastest over the block, current.
    const std::uint8_t* bytes();

   private:
    /// Fills every halo layer from the rank across it (along x, then y, then z).
    void exchange_halos();
    /// Multispin: fills colour c's halo rows from the ranks below and above.
    void exchange_rows(int colour);
    /// Comm::sendrecv of context memory, through host memory on the GPU.
    void sendrecv(const void* send, void* recv, std::size_t bytes, int dest, int source, int tag);
    /// Multispin: brings the one-byte spins up to date with the words.
    void sync_bytes();
    const Context& m_ctx;
    ChainParams m_params;
    SpinBlock m_block;
    const Comm& m_ranks;
    Buffer<std::uint8_t> m_padded;                       // the block and its halos
    Buffer<std::uint8_t> m_owned;                        // bytes(): the block without halos
    Buffer<std::uint8_t> m_face_send, m_face_recv;       // one face at a time, the largest size
    std::vector<std::uint8_t> m_host_send, m_host_recv;  // the GPU: messages through host memory
    std::unique_ptr<PackedIsingBlock> m_packed;          // multispin only: the current state
    bool m_bytes_stale = false;                          // multispin: the words are newer than m_padded
    std::int64_t m_sweeps = 0;
};
}  // namespace simt::spins
