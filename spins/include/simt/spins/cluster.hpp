// SPDX-License-Identifier: MIT
// Cluster updates on the host for the critical region, where local updates slow down: Wolff
// (one cluster grown from a random site, flipped) and Swendsen-Wang (every cluster of the bond
// configuration, by union-find, given a new random state). Bonds between equal neighbours are
// active with p = 1 - e^{-2J/T} (Ising) or 1 - e^{-J/T} (Potts). Both need h = 0 and J > 0.
#pragma once
#include <cstdint>
#include <vector>
#include <simt/spins/lattice.hpp>
#include <simt/spins/spin_model.hpp>

namespace simt::spins {
/// Throws simt::Error unless the model suits a cluster update (h = 0, J > 0).
void check_cluster_model(const ModelParams& m);

/// `clusters` Wolff clusters, drawn from one Philox stream keyed by (seed, sweep). The count is
/// fixed, not "until N sites have flipped": a stop that depends on the cluster sizes would
/// sample ordered states (large clusters, early stops) too often. Returns the sites flipped.
std::int64_t wolff_sweep(const Lattice& lattice, const ModelParams& model, std::uint8_t* host_spins, std::uint64_t seed,
                         std::uint64_t sweep, int clusters);

/// One Swendsen-Wang update. Bond draws are keyed by (seed, site, sweep); each cluster's
/// root is its smallest site, so its new state (keyed by the root) does not depend on the
/// order in which bonds are joined. Returns the number of clusters.
std::int64_t swendsen_wang_sweep(const Lattice& lattice, const ModelParams& model, std::uint8_t* host_spins,
                                 std::uint64_t seed, std::uint64_t sweep);
}  // namespace simt::spins
