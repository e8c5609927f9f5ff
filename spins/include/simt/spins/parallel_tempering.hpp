// SPDX-License-Identifier: MIT
// Parallel tempering (replica exchange): one replica of the lattice per temperature of a
// ladder, all in one job. After every `sweeps_per_exchange` sweeps, neighbouring temperatures
// (the even pairs, then the odd pairs on the next exchange) swap replicas with probability
// min(1, e^{(1/T_i - 1/T_j)(E_i - E_j)}), which keeps each temperature's distribution the
// Boltzmann one. A round trip is a replica's walk from the lowest temperature to the highest
// and back; their rate says whether the ladder is well spaced.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>
#include <simt/core/buffer.hpp>
#include <simt/spins/spin_chain.hpp>
#include <simt/spins/update_tables.hpp>

namespace simt::spins {
struct TemperingParams {
    ChainParams chain;                 ///< everything but the temperature (chain.model.T is ignored)
    std::vector<double> temperatures;  ///< the ladder, strictly increasing, at least 2
    int sweeps_per_exchange = 1;
    /// Ising Metropolis or heat bath with L a multiple of 8: every replica's sweep in one launch
    /// per colour (ising_replicas_sweep). False, or any other update: one replica after another.
    /// The spins are the same either way.
    bool batched = true;
};

/// Throws simt::Error unless the ladder is valid and every replica's chain is.
void check_tempering(const TemperingParams& p);

/// Everything a restart needs besides the parameters.
struct TemperingState {
    std::vector<std::vector<std::uint8_t>> spins;  ///< by replica, one byte a spin
    std::vector<int> replica_at;                   ///< by temperature slot
    std::vector<int> heading;                      ///< by replica: 0 none, 1 up, 2 down
    std::vector<std::int64_t> tried, accepted;     ///< by pair
    std::int64_t exchanges = 0, round_trips = 0;
};

class ParallelTempering {
   public:
    ParallelTempering(const Context& ctx, const TemperingParams& params);

    int replicas() const { return int(m_chains.size()); }
    /// Sweeps every replica, then tries the exchanges; `exchanges` times.
    void step(std::int64_t exchanges);
    std::int64_t exchanges() const { return m_exchanges; }
    /// The configuration at temperature slot k (0 = lowest), measured now.
    Sample measure(int k);
    /// Accepted over attempted exchanges of the pair (k, k + 1).
    double acceptance(int k) const;
    /// Completed round trips (lowest -> highest -> lowest), summed over replicas.
    std::int64_t round_trips() const { return m_round_trips; }
    /// Which replica sits at temperature slot k.
    int replica_at(int k) const { return m_replica_at[std::size_t(k)]; }
    /// The spins of the replica at slot k, one byte each in the context's memory.
    const std::uint8_t* bytes(int k) { return m_chains[std::size_t(replica_at(k))]->bytes(); }

    TemperingState state();
    /// Restores a state(); throws simt::Error naming what does not fit the ladder (sizes, a
    /// replica_at that is not a permutation, a heading, counts that are negative or accepted > tried).
    void restore(const TemperingState& s);

   private:
    enum class Heading : int { none, up, down };  // last end of the ladder visited: low -> up
    /// sweeps_per_exchange sweeps of every replica, in one launch per colour.
    void sweep_batched();
    void exchange();
    void note_ends();

    const Context& m_ctx;
    TemperingParams m_params;
    bool m_batched = false;
    // The batched sweeps' arguments by replica, in the context's memory; the tables follow the
    // replicas' temperatures (stale after an exchange moves one).
    Buffer<std::uint8_t*> m_replica_spins;
    Buffer<std::uint64_t> m_replica_seeds;
    Buffer<IsingFlipTable> m_replica_tables;
    bool m_tables_stale = true;
    std::vector<std::unique_ptr<SpinChain>> m_chains;  // by replica
    std::vector<int> m_replica_at;                     // by temperature slot
    std::vector<Heading> m_heading;                    // by replica
    std::vector<std::int64_t> m_tried, m_accepted;     // by pair
    std::int64_t m_exchanges = 0, m_round_trips = 0;
};
}  // namespace simt::spins
