// SPDX-License-Identifier: MIT
// Reading a checkpoint's fields in the MPI tests, to compare runs on different rank counts.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <simt/io/checkpoint.hpp>

namespace simt::test {
/// Field `name` of a checkpoint as raw bytes, with its dims.
template <class Real>
inline std::vector<Real> field(const std::string& checkpoint, const std::string& name) {
    simt::io::CheckpointReader in(checkpoint);
    std::size_t count = 1;
    for (std::size_t d : in.field_dims(name)) count *= d;
    std::vector<Real> values(count);
    in.read_field(name, values.data(), count);
    return values;
}

template <class Real>
void check_same_bits(const std::vector<Real>& a, const std::vector<Real>& b) {
    REQUIRE(a.size() == b.size());
    CHECK(std::memcmp(a.data(), b.data(), a.size() * sizeof(Real)) == 0);
}

/// The field names of checkpoints `a` and `b`, which must be the same and not none.
inline std::vector<std::string> shared_field_names(const std::string& a, const std::string& b) {
    const std::vector<std::string> names = simt::io::CheckpointReader(a).field_names();
    REQUIRE(names == simt::io::CheckpointReader(b).field_names());
    REQUIRE(!names.empty());
    return names;
}

/// Every field of checkpoint `a` equal to the bit to the same field of `b`, and no field more or
/// less; `Real` is the fields' type (16-bit words, as lbm's fp16 populations, compare as such).
template <class Real>
void check_same_fields(const std::string& a, const std::string& b) {
    const simt::io::CheckpointReader in(a);
    for (const auto& name : shared_field_names(a, b)) {
        CAPTURE(name);
        if (in.field_dtype(name) == simt::io::DType::U16)
            check_same_bits(field<std::uint16_t>(a, name), field<std::uint16_t>(b, name));
        else
            check_same_bits(field<Real>(a, name), field<Real>(b, name));
    }
}

/// Every field of checkpoint `a` within `relative` of the same field of `b`, measured on the
/// field's own scale: max |a - b| <= relative max |b|; and no field more or less.
template <class Real>
void check_close_fields(const std::string& a, const std::string& b, double relative) {
    for (const auto& name : shared_field_names(a, b)) {
        CAPTURE(name);
        const std::vector<Real> x = field<Real>(a, name), y = field<Real>(b, name);
        REQUIRE(x.size() == y.size());
        double difference = 0, scale = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            difference = std::max(difference, std::abs(double(x[i]) - double(y[i])));
            scale = std::max(scale, std::abs(double(y[i])));
        }
        CAPTURE(difference);
        CAPTURE(scale);
        CHECK(difference <= relative * scale);
    }
}

/// The checkpoint a run writes into `dir` at `step`.
inline std::string checkpoint(const std::string& dir, int step) {
    return (std::filesystem::path(dir) / fmt::format("checkpoint_{:09d}.h5", step)).string();
}
}  // namespace simt::test
