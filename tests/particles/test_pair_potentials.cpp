// SPDX-License-Identifier: MIT
// The pair evaluators against the closed forms: the LJ minimum at 2^(1/6) sigma with depth
// epsilon, the Morse minimum at r0 with depth D0, forces equal to -dV/dr (central differences),
// and the cut-off treatments (shifted energy zero at r_c; force-shifted force and energy zero).
#include <doctest/doctest.h>

#include <cmath>
#include <simt/particles/pair_potentials.hpp>
#include "../approx.hpp"

using namespace simt::particles;

namespace {
template <class P>
double energy(double r, const PairCoeff<double>& c) {
    double e = 0;
    pair_force_over_r<P, true>(r * r, c, e);
    return e;
}
template <class P>
double force(double r, const PairCoeff<double>& c) {
    double e = 0;
    return pair_force_over_r<P, true>(r * r, c, e) * r;
}

/// |F - (-dV/dr)| relative to |F| + 1 over r in [0.9 sigma, r_c).
template <class P>
double worst_derivative_error(const PairCoeff<double>& c) {
    double worst = 0;
    for (double r = 0.9; r < double(c.rc) - 1e-3; r += 0.01) {
        const double h = 1e-6, dvdr = (energy<P>(r + h, c) - energy<P>(r - h, c)) / (2 * h);
        worst = std::max(worst, std::abs(force<P>(r, c) + dvdr) / (std::abs(force<P>(r, c)) + 1));
    }
    return worst;
}
}  // namespace

TEST_CASE("pair potentials: Lennard-Jones minimum and depth") {
    const double eps = 1.7, sigma = 1.3, rmin = std::pow(2.0, 1.0 / 6.0) * sigma;
    const auto c = LennardJones::coefficients<double>(eps, sigma, 3 * sigma);
    CHECK(energy<LennardJones>(rmin, c) == simt::test::relative(-eps, 1e-14));
    CHECK(std::abs(force<LennardJones>(rmin, c)) < 1e-12);
    CHECK(std::abs(energy<LennardJones>(sigma, c)) < 1e-14);  // absolute: the target is 0
    // V(2 sigma) = 4 eps (2^-12 - 2^-6)
    CHECK(energy<LennardJones>(2 * sigma, c) == simt::test::relative(4 * eps * (std::pow(2.0, -12) - std::pow(2.0, -6)), 1e-14));
    CHECK(worst_derivative_error<LennardJones>(c) < 1e-7);
}

TEST_CASE("pair potentials: Morse minimum and depth") {
    const double d0 = 0.8, alpha = 1.9, r0 = 1.1;
    const auto c = Morse::coefficients<double>(d0, alpha, r0, 2.8);
    CHECK(energy<Morse>(r0, c) == simt::test::relative(-d0, 1e-14));
    CHECK(std::abs(force<Morse>(r0, c)) < 1e-14);
    CHECK(energy<Morse>(r0 + std::log(2.0) / alpha, c) == simt::test::relative(d0 * (0.25 - 1), 1e-14));
    CHECK(worst_derivative_error<Morse>(c) < 1e-7);
}

TEST_CASE("pair potentials: cut-off treatments") {
    const auto raw = LennardJones::coefficients<double>(1.0, 1.0, 2.5);
    const double v_rc = 4 * (std::pow(2.5, -12) - std::pow(2.5, -6));
    const auto plain = apply_cutoff<LennardJones>(raw, CutoffMode::Plain);
    const auto shifted = apply_cutoff<LennardJones>(raw, CutoffMode::EnergyShift);
    const auto smooth = apply_cutoff<LennardJones>(raw, CutoffMode::ForceShift);
    const double r_near = 2.5 - 1e-9;
    CHECK(energy<LennardJones>(r_near, plain) == simt::test::relative(v_rc, 1e-7));
    CHECK(std::abs(energy<LennardJones>(r_near, shifted)) < 1e-9);
    CHECK(force<LennardJones>(1.5, shifted) == simt::test::relative(force<LennardJones>(1.5, plain), 1e-15));
    CHECK(std::abs(energy<LennardJones>(r_near, smooth)) < 1e-9);
    CHECK(std::abs(force<LennardJones>(r_near, smooth)) < 1e-8);
    CHECK(worst_derivative_error<LennardJones>(smooth) < 1e-7);
    // V_fs(r) = V(r) - V(r_c) - (r - r_c) V'(r_c), V'(r) = -24 (2 r^-13 - r^-7)
    const double dv_rc = -24 * (2 * std::pow(2.5, -13) - std::pow(2.5, -7));
    const double r = 1.2, v = 4 * (std::pow(r, -12) - std::pow(r, -6));
    CHECK(energy<LennardJones>(r, smooth) == simt::test::relative(v - v_rc - (r - 2.5) * dv_rc, 1e-13));
}
