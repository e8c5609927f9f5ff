// SPDX-License-Identifier: MIT
// A pair potential's energy and force at a distance, and how far its force is from -dV/dr by
// central differences: the checks every potential's test makes.
#pragma once
#include <algorithm>
#include <cmath>
#include <simt/particles/pair_potential.hpp>

namespace simt::test {
template <class P>
double pair_energy(double r, const particles::PairCoeff<double>& c) {
    double e = 0;
    particles::pair_force_over_r<P, true>(r * r, c, e);
    return e;
}
template <class P>
double pair_force(double r, const particles::PairCoeff<double>& c) {
    double e = 0;
    return particles::pair_force_over_r<P, true>(r * r, c, e) * r;
}

/// |F - (-dV/dr)| relative to |F| + 1 over r in [r_from, r_c).
template <class P>
double worst_derivative_error(const particles::PairCoeff<double>& c, double r_from = 0.9) {
    double worst = 0;
    for (double r = r_from; r < double(c.rc) - 1e-3; r += 0.01) {
        const double h = 1e-6, dvdr = (pair_energy<P>(r + h, c) - pair_energy<P>(r - h, c)) / (2 * h);
        worst = std::max(worst, std::abs(pair_force<P>(r, c) + dvdr) / (std::abs(pair_force<P>(r, c)) + 1));
    }
    return worst;
}
}  // namespace simt::test
