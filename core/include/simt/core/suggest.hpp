// SPDX-License-Identifier: MIT
// "did you mean ...?" for a misspelt name: a scenario key, a choice value, a book payoff, a solver.
#pragma once
#include <string>
#include <vector>

namespace simt {
/// Optimal string alignment distance: insertions, deletions, substitutions and a swapped pair
/// of neighbours ("gird" for "grid") each count as one edit.
std::size_t edit_distance(const std::string& a, const std::string& b);

/// "; did you mean 'neumann'?" naming the candidate nearest to `name` when it is a near miss
/// (at most two edits, and fewer edits than `name` has letters), else "".
std::string did_you_mean(const std::string& name, const std::vector<std::string>& candidates);
}  // namespace simt
