// SPDX-License-Identifier: MIT
// Content checks shared by the solvers' checkpoint loads: a file can be valid HDF5 with the right
// shapes and still hold what no run can continue from (an id twice, a type past the species
// table, a particle a light year outside the box). Each check names the dataset, the index, the
// value and the rule through CheckpointReader::reject. Host code only, outside the CUDA sources.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>
#include <simt/io/checkpoint.hpp>

namespace simt::checkpoint_rules {
/// The `count` values of /fields/<dataset> are the ids 0 .. count-1, each once.
void require_permutation(const io::CheckpointReader& in, const char* dataset, const std::int32_t* ids,
                         std::size_t count);

/// require_permutation over a dataset read in slices: add() each slice in any order (n bits).
class PermutationCheck {
   public:
    PermutationCheck(const io::CheckpointReader& in, const char* dataset, std::size_t n);
    /// Elements first .. first + count - 1 of the dataset.
    void add(const std::int32_t* ids, std::size_t first, std::size_t count);

   private:
    const io::CheckpointReader& m_in;
    const char* m_dataset;
    std::string m_rule;
    std::vector<bool> m_seen;
};

/// The `count` values v of /fields/<dataset> from its element `first` on lie in [lo, hi]; `row`
/// is the length of the dataset's rows (0 for a 1-D one), for the index in the message; `rule`
/// says why, e.g. "types run from 0 to 1".
void require_within(const io::CheckpointReader& in, const char* dataset, const std::int32_t* v, std::size_t count,
                    std::size_t row, std::size_t first, std::int64_t lo, std::int64_t hi, const char* rule);
void require_within(const io::CheckpointReader& in, const char* dataset, const std::int64_t* v, std::size_t count,
                    std::size_t row, std::size_t first, std::int64_t lo, std::int64_t hi, const char* rule);
void require_within(const io::CheckpointReader& in, const char* dataset, const float* v, std::size_t count,
                    std::size_t row, std::size_t first, double lo, double hi, const char* rule);
void require_within(const io::CheckpointReader& in, const char* dataset, const double* v, std::size_t count,
                    std::size_t row, std::size_t first, double lo, double hi, const char* rule);

/// /state/<name> >= 0, for counters.
std::int64_t non_negative_state(const io::CheckpointReader& in, const char* name);
/// /state/<name> > 0, for a time step.
double positive_state(const io::CheckpointReader& in, const char* name);
}  // namespace simt::checkpoint_rules
