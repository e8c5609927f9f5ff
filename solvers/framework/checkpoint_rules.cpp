// SPDX-License-Identifier: MIT
#include "framework/checkpoint_rules.hpp"

#include <vector>
#include <fmt/format.h>

namespace simt::checkpoint_rules {
namespace {
// "/fields/state_image[2, 17]" for rows of a 2-D array, "/fields/state_id[7]" for a 1-D one.
std::string element(const char* dataset, std::size_t i, std::size_t row) {
    if (row == 0) return fmt::format("/fields/{}[{}]", dataset, i);
    return fmt::format("/fields/{}[{}, {}]", dataset, i / row, i % row);
}

template <class T, class Bound>
void within(const io::CheckpointReader& in, const char* dataset, const T* v, std::size_t count, std::size_t row,
            std::size_t first, Bound lo, Bound hi, const char* rule) {
    for (std::size_t i = 0; i < count; ++i)
        if (!(v[i] >= lo && v[i] <= hi))
            in.reject(fmt::format("{} = {}", element(dataset, first + i, row), v[i]), rule);
}
}  // namespace

void require_permutation(const io::CheckpointReader& in, const char* dataset, const std::int32_t* ids,
                         std::size_t count) {
    PermutationCheck(in, dataset, count).add(ids, 0, count);
}

PermutationCheck::PermutationCheck(const io::CheckpointReader& in, const char* dataset, std::size_t n)
    : m_in(in),
      m_dataset(dataset),
      m_rule(fmt::format("ids run from 0 to {}, each once", std::int64_t(n) - 1)),
      m_seen(n, false) {}

void PermutationCheck::add(const std::int32_t* ids, std::size_t first, std::size_t count) {
    require_within(m_in, m_dataset, ids, count, 0, first, 0, std::int64_t(m_seen.size()) - 1, m_rule.c_str());
    for (std::size_t i = 0; i < count; ++i) {
        if (m_seen[std::size_t(ids[i])])
            m_in.reject(fmt::format("/fields/{}[{}] = {}", m_dataset, first + i, ids[i]),
                        "an id appears twice; " + m_rule);
        m_seen[std::size_t(ids[i])] = true;
    }
}

void require_within(const io::CheckpointReader& in, const char* dataset, const std::int32_t* v, std::size_t count,
                    std::size_t row, std::size_t first, std::int64_t lo, std::int64_t hi, const char* rule) {
    within(in, dataset, v, count, row, first, lo, hi, rule);
}
void require_within(const io::CheckpointReader& in, const char* dataset, const std::int64_t* v, std::size_t count,
                    std::size_t row, std::size_t first, std::int64_t lo, std::int64_t hi, const char* rule) {
    within(in, dataset, v, count, row, first, lo, hi, rule);
}
void require_within(const io::CheckpointReader& in, const char* dataset, const float* v, std::size_t count,
                    std::size_t row, std::size_t first, double lo, double hi, const char* rule) {
    within(in, dataset, v, count, row, first, lo, hi, rule);
}
void require_within(const io::CheckpointReader& in, const char* dataset, const double* v, std::size_t count,
                    std::size_t row, std::size_t first, double lo, double hi, const char* rule) {
    within(in, dataset, v, count, row, first, lo, hi, rule);
}

std::int64_t non_negative_state(const io::CheckpointReader& in, const char* name) {
    const std::int64_t v = in.read_state_integer(name);
    if (v < 0) in.reject(fmt::format("/state/{} = {}", name, v), "a count cannot be negative");
    return v;
}

double positive_state(const io::CheckpointReader& in, const char* name) {
    const double v = in.read_state_real(name);
    if (!(v > 0)) in.reject(fmt::format("/state/{} = {}", name, v), "a time step must be positive");
    return v;
}
}  // namespace simt::checkpoint_rules
