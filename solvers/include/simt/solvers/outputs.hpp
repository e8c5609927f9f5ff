// SPDX-License-Identifier: MIT
// Outputs: how a solver's state is shown in the files the Simulation writes beside the
// checkpoint's own datasets. The Simulation knows the formats (XDMF for grids, H5MD for
// particles), never the solver families: a solver lists what it has, so a new solver whose
// output takes one of these forms needs no change to the driver.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <simt/io/table.hpp>
#include <simt/io/xdmf.hpp>

namespace simt {
/// Cell data on one uniform grid: solver fields of the grid's shape that the solver's save()
/// writes as /fields/<name>. An XDMF sidecar beside each checkpoint describes them.
struct GridFields {
    io::XdmfGrid mesh;
    std::vector<std::string> names;
};

/// Particles in particle-id order: solver fields of shape (N, 3), with the periodic box and
/// each particle's species and mass. One H5MD frame of them goes into every checkpoint and,
/// every output.trajectory_every steps, into trajectory.h5.
struct ParticleFields {
    std::array<double, 3> box{};
    std::vector<std::string> names;
    std::vector<std::int32_t> species;
    std::vector<double> masses;
};

/// A table of results, one row per item (a priced book: one row per option): results.csv, and
/// the same columns under /results in results.h5, beside each checkpoint (the newest results).
/// `left_out` says why each item that has no row was left out (a price that is not finite).
struct ResultsTable {
    std::vector<io::TableColumn> columns;
    std::vector<std::string> left_out;
};

/// What a solver has to show, in any of these forms, or nothing.
struct Outputs {
    std::optional<GridFields> grid;
    std::optional<ParticleFields> particles;
    std::optional<ResultsTable> results;
};
}  // namespace simt
