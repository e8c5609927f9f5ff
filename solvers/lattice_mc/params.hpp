// SPDX-License-Identifier: MIT
// lattice_mc's keys and the parameters they make: one chain, or with tempering.replicas > 1 a
// ladder of replicas from physics.T to tempering.T_max.
#pragma once
#include <array>
#include <cstdint>
#include <simt/io/params.hpp>
#include <simt/io/schema.hpp>
#include <simt/spins/parallel_tempering.hpp>
#include <simt/spins/spin_chain.hpp>

namespace simt::lattice_mc {
io::Schema schema();

struct Params {
    spins::ChainParams chain;
    std::int64_t thermalise = 0, every = 1;
    int replicas = 1;  ///< > 1: parallel tempering
    double T_max = 0;
    int sweeps_per_exchange = 1;
    std::array<int, 3> ranks{};  ///< parallel.ranks_x, _y, _z (read_rank_grid)

    /// ConfigError for a rule the kernels need (multispin sizes, cluster updates with a field...),
    /// or, when Comm::world() has several ranks, for an update that runs in one process only.
    static Params from(const io::Params& p);
    /// The ladder: replicas temperatures from physics.T to T_max, evenly spaced in 1/T.
    spins::TemperingParams tempering() const;
};
}  // namespace simt::lattice_mc
