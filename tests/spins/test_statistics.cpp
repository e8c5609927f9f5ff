// SPDX-License-Identifier: MIT
// Autocorrelation time and binned errors against an AR(1) process, whose values are known in
// closed form: rho(t) = a^t, tau_int = (1 + a) / (2 (1 - a)), var(mean) = 2 tau_int sigma^2 / n.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <simt/spins/statistics.hpp>
#include "approx.hpp"

using namespace simt;

namespace {
std::vector<double> ar1(double a, std::size_t n, unsigned seed) {
    std::mt19937_64 gen(seed);
    std::normal_distribution<double> normal;
    std::vector<double> x(n);
    double v = normal(gen);
    for (auto& xi : x) {
        v = a * v + std::sqrt(1 - a * a) * normal(gen);
        xi = v;
    }
    return x;
}
}  // namespace

TEST_CASE("spins statistics: tau_int of an AR(1) series is (1 + a) / (2 (1 - a))") {
    for (double a : {0.0, 0.5, 0.9}) {
        const double tau = (1 + a) / (2 * (1 - a));
        const double measured = spins::autocorrelation_time(ar1(a, 400000, 3));
        CAPTURE(a);
        CHECK(std::fabs(measured - tau) <= 0.05 * tau);
    }
}

TEST_CASE("spins statistics: the binned error of a correlated mean is sqrt(2 tau_int / n), not sqrt(1 / n)") {
    const double a = 0.9, tau = (1 + a) / (2 * (1 - a));
    const std::size_t n = 400000;
    const auto x = ar1(a, n, 8);
    const double expected = std::sqrt(2 * tau / double(n));  // unit variance
    const spins::Estimate binned = spins::binned_mean(x, 500);
    CHECK(std::fabs(binned.error - expected) <= 0.15 * expected);
    // Without binning the error is sqrt(2 tau) = 4.4 times too small.
    CHECK(spins::binned_mean(x, 1).error < 0.3 * expected);
}

TEST_CASE("spins statistics: thermodynamics of independent samples: variances as the definitions say") {
    // e uniform on {-1, 1}: <e> = 0, N var(e) / T^2 = N / T^2; |m| = 1/2 always: chi = 0, U = 2/3.
    std::vector<spins::Sample> s(4096);
    for (std::size_t i = 0; i < s.size(); ++i) s[i] = {(i * 2654435761u >> 7) % 2 ? 1.0 : -1.0, 0.5, 0.5};
    const auto t = spins::thermodynamics(s, 2.0, 100);
    CHECK(std::fabs(t.energy.value) <= 4 * t.energy.error);
    CHECK(std::fabs(t.specific_heat.value - 100 / 4.0) <= 4 * t.specific_heat.error + 1.0);
    CHECK(std::fabs(t.susceptibility.value) < 1e-12);
    CHECK(t.binder.value == test::relative(2.0 / 3.0, 1e-12));
}
