// SPDX-License-Identifier: MIT
// lattice_mc's two solver classes, one chain (solver.cpp) and parallel tempering
// (tempering_solver.cpp), and what both write and read: the spin field and packed spins.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>
#include <simt/core/context.hpp>
#include <simt/solvers/solver.hpp>
#include <simt/spins/spin_block.hpp>
#include "lattice_mc/params.hpp"

namespace simt::lattice_mc {
std::unique_ptr<Solver> make_chain_solver(const Params& p, const Context& ctx);
std::unique_ptr<Solver> make_tempering_solver(const Params& p, const Context& ctx);

/// One process's block: the whole lattice.
spins::SpinBlock whole_lattice(const spins::Lattice& lattice);
/// The field "spin": one byte a site of `block` (x fastest), with its place in the whole
/// lattice when it is a rank's part.
FieldRef spin_field(const spins::SpinBlock& block, const std::uint8_t* spins, Backend where);
/// /fields/<name>: the lattice's spins bit-packed (spins::pack_spins) in 64-bit words, stored as
/// int64. Collective: `spins` is empty on every rank but the one that writes.
void write_packed_spins(io::CheckpointWriter& out, const std::string& name, const std::vector<std::uint8_t>& spins,
                        const spins::Lattice& lattice, int q);
/// The inverse of write_packed_spins for `sites` spins; a state >= q is rejected naming the dataset.
std::vector<std::uint8_t> read_packed_spins(const io::CheckpointReader& in, const std::string& name, std::size_t sites,
                                            int q);
}  // namespace simt::lattice_mc
