// SPDX-License-Identifier: MIT
// Initial states: the fcc lattice (4 sites per cell, nearest neighbours at a / sqrt 2), random
// positions that keep the minimum distance, Maxwell-Boltzmann velocities of two masses with zero
// momentum, the exact temperature shared by mass, and the Gaussian shape (kurtosis 3).
#include <doctest/doctest.h>

#include <cmath>
#include <simt/core/error.hpp>
#include <simt/particles/initial_state.hpp>
#include "../approx.hpp"

using namespace simt::particles;

namespace {
double min_pair_distance(const Positions& x, const std::array<double, 3>& box) {
    double best = 1e300;
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = i + 1; j < x.size(); ++j) {
            double r2 = 0;
            for (int a = 0; a < 3; ++a) {
                double d = x[i][a] - x[j][a];
                d -= box[a] * std::floor(d / box[a] + 0.5);
                r2 += d * d;
            }
            best = std::min(best, r2);
        }
    return std::sqrt(best);
}
}  // namespace

TEST_CASE("initial state: fcc and sc lattices") {
    const double a = 1.6796;
    const Positions fcc = lattice_positions(true, 3, 4, 5, a);
    CHECK(fcc.size() == 4 * 3 * 4 * 5);
    CHECK(min_pair_distance(fcc, {3 * a, 4 * a, 5 * a}) == simt::test::relative(a / std::sqrt(2.0), 1e-12));
    const Positions sc = lattice_positions(false, 4, 4, 4, a);
    CHECK(sc.size() == 64);
    CHECK(min_pair_distance(sc, {4 * a, 4 * a, 4 * a}) == simt::test::relative(a, 1e-12));
}

TEST_CASE("initial state: random positions keep the minimum distance") {
    const std::array<double, 3> box{8, 8, 8};
    const Positions x = random_positions(400, box, 0.9, 3);
    CHECK(x.size() == 400);
    CHECK(min_pair_distance(x, box) >= 0.9);
    for (const auto& xi : x)
        for (int a = 0; a < 3; ++a) CHECK((xi[a] >= 0 && xi[a] <= box[a]));
    CHECK(random_positions(400, box, 0.9, 3) == x);  // the seed decides
    CHECK_THROWS_AS(random_positions(2000, box, 1.2, 3), simt::Error);
}

TEST_CASE("initial state: Maxwell-Boltzmann velocities of two masses") {
    // Alternating masses 1 and 3: each component of v is Gaussian with variance kT/m, so each
    // half holds its share of the temperature (equipartition; a spread independent of the mass
    // would give the heavy half 3 kT).
    const std::int64_t n = 20000;
    const double kT = 1.44, heavy = 3.0;
    std::vector<double> mass(std::size_t(n), 1.0);
    for (std::size_t i = 1; i < mass.size(); i += 2) mass[i] = heavy;
    const Positions v = maxwell_boltzmann(mass, kT, 11);
    double p[3] = {0, 0, 0}, m2[2] = {0, 0}, m4 = 0;
    for (std::size_t i = 0; i < v.size(); ++i)
        for (int a = 0; a < 3; ++a) {
            p[a] += mass[i] * v[i][a];
            m2[i % 2] += mass[i] * v[i][a] * v[i][a];
            m4 += std::pow(mass[i] * v[i][a] * v[i][a], 2);
        }
    for (double pa : p) CHECK(std::abs(pa) < 1e-9);  // zero momentum, not zero mean velocity
    CHECK((m2[0] + m2[1]) / (3.0 * n - 3) == simt::test::relative(kT, 1e-12));
    // Each half: 30,000 chi-squared(1) samples of m v_a^2 / kT, relative spread sqrt(2 / 30000) = 0.8%.
    for (int half = 0; half < 2; ++half) {
        CAPTURE(half);
        CHECK(m2[half] / (1.5 * n) == simt::test::relative(kT, 0.035));
    }
    // A Gaussian has <v^4> = 3 <v^2>^2; 60,000 samples give the ratio to about 2%.
    const double total2 = m2[0] + m2[1];
    const double kurtosis = (m4 / (3.0 * n)) / std::pow(total2 / (3.0 * n), 2);
    CHECK(kurtosis == simt::test::relative(3, 0.05));
}
