// SPDX-License-Identifier: MIT
// SpinChain: one lattice and one update algorithm, a Markov chain in sweeps. It owns the spins
// on the context's backend (one byte each; the multi-spin algorithm keeps them packed and
// unpacks when they are read) and numbers its sweeps, which key the random draws: the state
// after n sweeps depends only on the initial spins, the seed and n (not on the backend,
// the thread count or how the sweeps were split into calls).
#pragma once
#include <cstdint>
#include <memory>
#include <vector>
#include <simt/core/buffer.hpp>
#include <simt/core/context.hpp>
#include <simt/core/philox.hpp>
#include <simt/spins/lattice.hpp>
#include <simt/spins/measure.hpp>
#include <simt/spins/packed_ising.hpp>
#include <simt/spins/spin_model.hpp>
#include <simt/spins/update_tables.hpp>

namespace simt::spins {
enum class Algorithm { metropolis, heat_bath, multispin, wolff, swendsen_wang };

/// The start: every spin in state 0 (Ising: down; ordered) or each uniform (random).
enum class Start { ordered, random };

struct ChainParams {
    Lattice lattice;
    ModelParams model;
    Algorithm algorithm = Algorithm::metropolis;
    std::uint64_t seed = 1;
    Start start = Start::random;
    /// Wolff clusters per sweep (a fixed count: see wolff_sweep). Their mean size, from
    /// SpinChain::mean_cluster_fraction, converts to sweeps of a local update.
    int wolff_clusters = 1;
};

/// The random start's state of the site with global index `site`, from a Philox stream beyond
/// any sweep's: the same whichever rank or thread draws it.
SIMT_INLINE std::uint8_t random_start_state(std::uint64_t seed, int q, Index site) {
    return std::uint8_t(scale_draw(philox_bits(seed, ~std::uint64_t(0), std::uint64_t(site)).v[0], std::uint32_t(q)));
}

/// Throws simt::Error if the lattice, the model or their pairing with the algorithm is not
/// valid (multi-spin: 2-D Ising, L a multiple of 32; cluster updates: h = 0, J > 0;
/// wolff_clusters >= 1).
void check_chain(const ChainParams& p);

class SpinChain {
   public:
    SpinChain(const Context& ctx, const ChainParams& params);
    SpinChain(const SpinChain&) = delete;
    SpinChain& operator=(const SpinChain&) = delete;

    const ChainParams& params() const { return m_params; }
    /// Sweeps done since the start.
    std::int64_t sweeps() const { return m_sweeps; }
    void sweep(std::int64_t n);
    Sample measure();
    /// Steering: the next sweeps run with the new model (its temperature or field; checked as
    /// at the start).
    void set_model(const ModelParams& m);
    void set_temperature(double T);

    /// Wolff: mean sites per cluster so far over the lattice's sites (0 before the first).
    double mean_cluster_fraction() const;

    /// The spins on the host, one byte each, x fastest.
    std::vector<std::uint8_t> spins();
    /// Replaces the spins and the sweep count (a restart); throws on a wrong count or a state >= q.
    void restore(const std::vector<std::uint8_t>& spins, std::int64_t sweeps);
    /// The one-byte spins in the context's memory, current.
    const std::uint8_t* bytes();
    /// The same spins for a checkerboard update run outside the chain (ParallelTempering sweeps
    /// every replica in one launch), keyed as sweep() would key it; counted by counted_sweeps.
    /// Throws simt::Error for multispin and the cluster algorithms.
    std::uint8_t* checkerboard_bytes();
    /// Counts n sweeps made through checkerboard_bytes.
    void counted_sweeps(std::int64_t n) { m_sweeps += n; }

   private:
    const Context& m_ctx;
    ChainParams m_params;
    Buffer<std::uint8_t> m_bytes;
    std::unique_ptr<PackedIsing2d> m_packed;  // multi-spin only: the current state
    bool m_bytes_stale = false;               // multi-spin: the words are newer than m_bytes
    std::int64_t m_sweeps = 0;
    std::int64_t m_clusters = 0, m_cluster_sites = 0;  // Wolff clusters flipped and their sites
};
}  // namespace simt::spins
