// SPDX-License-Identifier: MIT
// The pair evaluators against the closed forms: the LJ minimum at 2^(1/6) sigma with depth
// epsilon, the Morse minimum at r0 with depth D0, forces equal to -dV/dr (central differences),
// and the cut-off treatments (shifted energy zero at r_c; force-shifted force and energy zero).
#include <doctest/doctest.h>

#include <cmath>
#include <simt/particles/potentials/lennard_jones.hpp>
#include <simt/particles/potentials/morse.hpp>
#include "../approx.hpp"
#include "pair_checks.hpp"

using namespace simt::particles;

using simt::test::pair_energy, simt::test::pair_force, simt::test::worst_derivative_error;

TEST_CASE("pair potentials: Lennard-Jones minimum and depth") {
    const double eps = 1.7, sigma = 1.3, rmin = std::pow(2.0, 1.0 / 6.0) * sigma;
    const double lj[] = {eps, sigma};
    const auto c = pair_coefficients<LennardJones, double>(lj, 3 * sigma, CutoffMode::Plain);
    CHECK(pair_energy<LennardJones>(rmin, c) == simt::test::relative(-eps, 1e-14));
    CHECK(std::abs(pair_force<LennardJones>(rmin, c)) < 1e-12);
    CHECK(std::abs(pair_energy<LennardJones>(sigma, c)) < 1e-14);  // absolute: the target is 0
    // V(2 sigma) = 4 eps (2^-12 - 2^-6)
    CHECK(pair_energy<LennardJones>(2 * sigma, c) ==
          simt::test::relative(4 * eps * (std::pow(2.0, -12) - std::pow(2.0, -6)), 1e-14));
    CHECK(worst_derivative_error<LennardJones>(c) < 1e-7);
}

TEST_CASE("pair potentials: Morse minimum and depth") {
    const double d0 = 0.8, alpha = 1.9, r0 = 1.1;
    const double morse[] = {d0, r0, alpha};  // the order of Morse::parameters: epsilon, sigma, alpha
    const auto c = pair_coefficients<Morse, double>(morse, 2.8, CutoffMode::Plain);
    CHECK(pair_energy<Morse>(r0, c) == simt::test::relative(-d0, 1e-14));
    CHECK(std::abs(pair_force<Morse>(r0, c)) < 1e-14);
    CHECK(pair_energy<Morse>(r0 + std::log(2.0) / alpha, c) == simt::test::relative(d0 * (0.25 - 1), 1e-14));
    CHECK(worst_derivative_error<Morse>(c) < 1e-7);
}

TEST_CASE("pair potentials: cut-off treatments") {
    const double lj[] = {1.0, 1.0};
    const auto raw = pair_coefficients<LennardJones, double>(lj, 2.5, CutoffMode::Plain);
    const double v_rc = 4 * (std::pow(2.5, -12) - std::pow(2.5, -6));
    const auto plain = apply_cutoff<LennardJones>(raw, CutoffMode::Plain);
    const auto shifted = apply_cutoff<LennardJones>(raw, CutoffMode::EnergyShift);
    const auto smooth = apply_cutoff<LennardJones>(raw, CutoffMode::ForceShift);
    const double r_near = 2.5 - 1e-9;
    CHECK(pair_energy<LennardJones>(r_near, plain) == simt::test::relative(v_rc, 1e-7));
    CHECK(std::abs(pair_energy<LennardJones>(r_near, shifted)) < 1e-9);
    CHECK(pair_force<LennardJones>(1.5, shifted) == simt::test::relative(pair_force<LennardJones>(1.5, plain), 1e-15));
    CHECK(std::abs(pair_energy<LennardJones>(r_near, smooth)) < 1e-9);
    CHECK(std::abs(pair_force<LennardJones>(r_near, smooth)) < 1e-8);
    CHECK(worst_derivative_error<LennardJones>(smooth) < 1e-7);
    // V_fs(r) = V(r) - V(r_c) - (r - r_c) V'(r_c), V'(r) = -24 (2 r^-13 - r^-7)
    const double dv_rc = -24 * (2 * std::pow(2.5, -13) - std::pow(2.5, -7));
    const double r = 1.2, v = 4 * (std::pow(r, -12) - std::pow(r, -6));
    CHECK(pair_energy<LennardJones>(r, smooth) == simt::test::relative(v - v_rc - (r - 2.5) * dv_rc, 1e-13));
}

TEST_CASE("pair potentials: WCA is Lennard-Jones cut and shifted at its minimum, whatever the keys say") {
    const double sigma = 1.3, lj[] = {1.7, sigma};
    CHECK(Wca::cutoff(lj, 2.5) == simt::test::relative(std::pow(2.0, 1.0 / 6.0) * sigma, 1e-15));
    CHECK(Wca::cutoff_mode(CutoffMode::ForceShift) == CutoffMode::EnergyShift);
    CHECK(LennardJones::cutoff(lj, 2.5) == 2.5);
    CHECK(LennardJones::cutoff_mode(CutoffMode::ForceShift) == CutoffMode::ForceShift);
}
