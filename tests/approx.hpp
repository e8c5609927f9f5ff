// SPDX-License-Identifier: MIT
// A tolerance that says what it is relative to. doctest::Approx(x).epsilon(e) alone allows
// e * (1 + max(|value|, |x|)), its default scale of 1: about e absolute for a target far below 1
// (a zero passes) and 2e near 1. Absolute bounds are written out: CHECK(std::abs(a - b) < tol).
#pragma once
#include <limits>
#include <doctest/doctest.h>

namespace simt::test {
/// Within `rel` of `reference`, relative: |value - reference| < rel * max(|value|, |reference|).
/// A reference of 0 takes 0 exactly (the smallest normal scale only lets equality through).
inline doctest::Approx relative(double reference, double rel) {
    return doctest::Approx(reference).epsilon(rel).scale(std::numeric_limits<double>::min());
}
}  // namespace simt::test
