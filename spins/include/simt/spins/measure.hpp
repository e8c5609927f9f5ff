// SPDX-License-Identifier: MIT
// The instantaneous observables of a configuration, reduced on the context's backend.
#pragma once
#include <cstdint>
#include <simt/core/comm.hpp>
#include <simt/core/context.hpp>
#include <simt/spins/lattice.hpp>
#include <simt/spins/spin_block.hpp>
#include <simt/spins/spin_model.hpp>

namespace simt::spins {
/// Per-site values of one configuration. Ising: m = sum s_i / N. Potts: the order parameter
/// m_vec = sum_i e^{2 pi i s_i / q} / N; m is its component along state 0 (the field's) and
/// abs_m its length (for q = 2 both reduce to the Ising ones, with state 0 as up).
struct Sample {
    double energy = 0;  ///< H / N [energy]
    double m = 0;
    double abs_m = 0;
};

/// Measures spins (in the context's memory) with integer reductions: the same on every
/// backend and thread count.
Sample measure(const Context& ctx, const Lattice& lattice, const ModelParams& model, const std::uint8_t* spins);
/// The same numbers, bit for bit, for a lattice split over `ranks`: each measures its block's
/// padded spins (the upper halos current) and the integer counts are summed. Collective.
Sample measure_block(const Context& ctx, const SpinBlock& block, const ModelParams& model, const std::uint8_t* padded,
                     const Comm& ranks);
}  // namespace simt::spins
