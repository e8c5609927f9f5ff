// SPDX-License-Identifier: MIT
// Checkerboard sweeps of a one-byte-per-spin lattice: all sites of colour 0, then all of
// colour 1, each in parallel. The draws of a site come from Philox keyed by (seed, site,
// sweep), so the result does not depend on the backend, the thread count or the order.
#pragma once
#include <cstdint>
#include <simt/core/context.hpp>
#include <simt/spins/lattice.hpp>
#include <simt/spins/spin_block.hpp>
#include <simt/spins/spin_model.hpp>
#include <simt/spins/update_tables.hpp>

namespace simt::spins {
/// The Philox stream of one colour's half of a sweep.
constexpr std::uint64_t half_sweep_stream(std::uint64_t sweep, int colour) { return 2 * sweep + std::uint64_t(colour); }

/// One sweep (both colours) of Metropolis or heat-bath updates on spins in the context's
/// memory. Ising: the sites of a colour go in groups of four consecutive (in that colour's
/// order) that share one Philox call, draw k for site k of the group, as in PackedIsing2d.
/// Potts: one Philox call per site, draw 0 the proposal (Metropolis) or the choice (heat bath,
/// draws 0 and 1 as 64 bits), draw 1 the acceptance.
void checkerboard_sweep(const Context& ctx, const Lattice& lattice, const ModelParams& model, LocalUpdate update,
                        std::uint8_t* spins, std::uint64_t seed, std::uint64_t sweep);

/// One sweep of Ising updates of `replicas` lattices of one shape, both colours each in one launch
/// (parallel tempering's ladder): replica r has its spins at spins[r], its seed seeds[r] and its
/// Metropolis or heat-bath table tables[r], the three arrays in the context's memory. Each replica
/// takes the draws and decisions of checkerboard_sweep with its seed and table. L a multiple of 8
/// (throws simt::Error otherwise).
void ising_replicas_sweep(const Context& ctx, const Lattice& lattice, const IsingFlipTable* tables,
                          const std::uint64_t* seeds, std::uint8_t* const* spins, int replicas, std::uint64_t sweep);

/// One colour's half of a sweep on a block's padded spins, its halos current: each site takes the
/// same draws and the same decision as in checkerboard_sweep of the whole lattice, whichever
/// block holds the other sites of its Philox group.
void checkerboard_block_half_sweep(const Context& ctx, const SpinBlock& block, const ModelParams& model,
                                   LocalUpdate update, std::uint8_t* padded, std::uint64_t seed, std::uint64_t sweep,
                                   int colour);
}  // namespace simt::spins
