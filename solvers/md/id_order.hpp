// SPDX-License-Identifier: MIT
// Per-particle values of every rank put in particle-id order on rank 0: the whole system's
// arrays for fields and checkpoints, and sums taken in an order that no rank count changes.
// Host code.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>
#include <simt/core/comm.hpp>

namespace simt::md {
/// `components` values of each of this rank's `count` particles (component c of particle k at
/// values[c stride + k], its id ids[k]) gathered from all ranks into [c][id] for the n particles
/// on rank 0; empty elsewhere. Collective.
template <class T>
std::vector<T> gather_by_id(const Comm& ranks, const std::int32_t* ids, const T* values, std::size_t count,
                            std::size_t stride, int components, std::size_t n);

/// For each component, the sum over all n particles taken one after the other in id order (as
/// one process adds them), on every rank. Collective; arguments as gather_by_id's.
std::vector<double> sums_in_id_order(const Comm& ranks, const std::int32_t* ids, const double* values,
                                     std::size_t count, std::size_t stride, int components, std::size_t n);
}  // namespace simt::md
