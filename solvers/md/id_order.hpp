// SPDX-License-Identifier: MIT
// Per-particle values of every rank put in particle-id order on every rank: the whole system's
// arrays for fields and checkpoints, and sums taken in an order that no rank count changes.
// Host code.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>
#include <simt/core/comm.hpp>

namespace simt::md {
/// `components` values of each of this rank's `count` particles (component c of particle k at
/// values[c stride + k], its id ids[k]) gathered from all ranks into [c][id] for the n particles,
/// on every rank. Collective.
template <class T>
std::vector<T> gather_by_id(const Comm& ranks, const std::int32_t* ids, const T* values, std::size_t count,
                            std::size_t stride, int components, std::size_t n);

/// The sum of values[first], ..., values[first + n - 1], one after the other (id order).
double sum_in_order(const std::vector<double>& values, std::size_t first, std::size_t n);
}  // namespace simt::md
