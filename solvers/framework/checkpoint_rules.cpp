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
    const std::string rule = fmt::format("ids run from 0 to {}, each once", std::int64_t(count) - 1);
    require_within(in, dataset, ids, count, 0, 0, 0, std::int64_t(count) - 1, rule.c_str());
    std::vector<bool> seen(count, false);
    for (std::size_t i = 0; i < count; ++i) {
        if (seen[std::size_t(ids[i])])
            in.reject(fmt::format("/fields/{}[{}] = {}", dataset, i, ids[i]), "an id appears twice; " + rule);
        seen[std::size_t(ids[i])] = true;
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
