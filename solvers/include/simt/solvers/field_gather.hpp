// SPDX-License-Identifier: MIT
// A grid field whose blocks lie on the ranks of mpirun, gathered whole on rank 0: what the
// output.images frames of a run across ranks are drawn from.
#pragma once
#include <simt/core/buffer.hpp>
#include <simt/core/comm.hpp>
#include <simt/solvers/field_ref.hpp>

namespace simt {
/// A whole field in memory of its own.
struct GatheredField {
    Buffer<unsigned char> bytes;
    FieldRef field;  ///< points into `bytes`: contiguous, x fastest, the whole field's shape
};

/// Every rank's block `mine` (Solver::field across ranks, with block_offset and whole_shape) put
/// together on `root` in memory of `where`; the other ranks get an empty field. Collective: every
/// rank calls it with its block of the same field.
GatheredField gather_field(const Comm& ranks, const FieldRef& mine, Backend where, int root = 0);
}  // namespace simt
