// SPDX-License-Identifier: MIT
// The md solver with per-type masses (system.mass_a, mass_b, mass_c): momentum conservation in
// NVE, equipartition per type under Langevin, the time scale sqrt(m) of a uniform mass, exact
// restart for every integrator. The NVE trajectory of a two-mass mixture against LAMMPS is in
// test_md_lammps.cpp.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <fmt/format.h>
#include "../approx.hpp"
#include "../backends.hpp"
#include "../skip.hpp"
#include "../temp_dir.hpp"
#include "sim_helpers.hpp"

using namespace simt;

namespace {
constexpr double heavy = 3.0;  // the mass of type B; A has mass 1

/// 4 cells^3 particles (fcc) of a liquid at density 0.8442, half of them of type B, three times
/// heavier; all pairs interact alike. The skin of 0.2 gives 5^3 cells three list cells per axis
/// (the CPU's half list, the kick after its force pass); 4^3 cells have two (the full list).
std::string two_masses(const std::string& integrator, int cells = 4, int observe_every = 10) {
    return fmt::format(
        "solver: md\nseed: 7\nsystem: {{lattice: fcc, nx: {1}, ny: {1}, nz: {1}, density: 0.8442, types: 2, fraction_b: 0.5, "
        "mass_b: {0}}}\ninitial: {{temperature: 1.44}}\nintegrator: {{type: {2}}}\n"
        "thermostat: {{temperature: 1.2, friction: 1.0, tau: 0.2}}\nneighbor: {{skin: 0.2, sort_every: 2}}\n"
        "output: {{observables_every: {3}}}\n",
        heavy, cells, integrator, observe_every);
}

/// Per type t: sum over its particles of m |v|^2 and the particle count, and the total momentum.
struct Kinetics {
    double twice_kinetic[2] = {0, 0}, count[2] = {0, 0};
    std::array<double, 3> momentum{0, 0, 0};
};

Kinetics kinetics(Simulation& sim) {
    const auto v = test::field_values(sim, "velocity"), type = test::field_values(sim, "type");
    const std::size_t n = type.size();
    Kinetics k;
    for (std::size_t i = 0; i < n; ++i) {
        const int t = int(type[i]);
        const double m = t == 1 ? heavy : 1.0;
        k.count[t] += 1;
        for (std::size_t a = 0; a < 3; ++a) {
            k.twice_kinetic[t] += m * v[a * n + i] * v[a * n + i];
            k.momentum[a] += m * v[a * n + i];
        }
    }
    return k;
}
}  // namespace

TEST_CASE("md masses: NVE conserves the total momentum of a two-mass mixture") {
    // Newton's third law makes the forces sum to zero; only kicks of f/m keep sum m v fixed (a
    // kick of f for every particle changes it by about dt sum_B 2 f, of order 1, each step).
    for (Backend b : test::backends())
        for (int cells : {4, 5}) {
            CAPTURE(backend_name(b));
            CAPTURE(cells);
            const double n = 4.0 * cells * cells * cells;
            auto sim = test::make_sim(two_masses("nve", cells), b);
            const auto k0 = kinetics(sim);
            CHECK(k0.count[1] == n / 2);
            CHECK((k0.twice_kinetic[0] + k0.twice_kinetic[1]) / (3 * n - 3) == test::relative(1.44, 1e-12));
            double worst = 0;
            for (int block = 0; block < 20; ++block) {
                sim.step(100);
                for (double p : kinetics(sim).momentum) worst = std::max(worst, std::abs(p));
            }
            for (double p : k0.momentum) CHECK(std::abs(p) < 1e-12);  // drawn with zero momentum
            MESSAGE(backend_name(b), ", ", n, " particles: largest |sum m v| component over 2,000 steps ", worst);
            CHECK(worst < 1e-10);
            CHECK(test::observable(sim, "neighbor_rebuilds") > 10);
        }
}

TEST_CASE("md masses: Langevin gives each type the target temperature") {
    // Equipartition: <m v_a^2> = kT for the light and the heavy type alike (noise of spread
    // sqrt(kT/m)). Samples every 50 steps after 1,000 steps of equilibration, 20 blocks of 10;
    // the standard error comes from the spread of the block means. Each type has 3 x 128
    // degrees of freedom (Langevin does not conserve momentum).
    const double target = 1.2;
    auto sim = test::make_sim(two_masses("langevin", 4, 0), Backend::Cpu);
    sim.step(1000);
    const int blocks = 20, per_block = 10;
    double sum[2] = {0, 0}, sum2[2] = {0, 0};
    for (int b = 0; b < blocks; ++b) {
        double block[2] = {0, 0};
        for (int s = 0; s < per_block; ++s) {
            sim.step(50);
            const auto k = kinetics(sim);
            for (int t = 0; t < 2; ++t) block[t] += k.twice_kinetic[t] / (3 * k.count[t]) / per_block;
        }
        for (int t = 0; t < 2; ++t) sum[t] += block[t], sum2[t] += block[t] * block[t];
    }
    for (int t = 0; t < 2; ++t) {
        CAPTURE(t);
        const double mean = sum[t] / blocks;
        const double error = std::sqrt((sum2[t] / blocks - mean * mean) / (blocks - 1));
        MESSAGE("type ", std::string(1, "AB"[t]), " (mass ", t == 1 ? heavy : 1.0, "): T = ", mean, " +- ", error, " (target ", target, ")");
        CHECK(error < 0.02 * target);  // the check below means something
        CHECK(std::abs(mean - target) < 4 * error);
    }
}

TEST_CASE("md masses: a uniform mass m with time step dt sqrt(m) retraces the unit-mass trajectory") {
    // Reduced units: x(t; m) = x(t / sqrt(m); 1) when the initial velocities are v / sqrt(m),
    // which Maxwell-Boltzmann at the same temperature draws from the same Philox numbers.
    // Two types of one mass: the kernels take the table's uniform path.
    const auto run = [](double mass) {
        auto sim = test::make_sim(
            fmt::format("solver: md\nseed: 4\nsystem: {{lattice: fcc, nx: 4, ny: 4, nz: 4, density: 0.8442, types: 2, "
                        "fraction_b: 0.3, mass_a: {0}, mass_b: {0}}}\ninitial: {{temperature: 1.44}}\n"
                        "integrator: {{dt: {1}}}\n",
                        mass, 0.005 * std::sqrt(mass)),
            Backend::Cpu);
        sim.step(200);
        return test::field_values(sim, "position");
    };
    const auto unit = run(1.0), two = run(2.0);
    double worst = 0;
    for (std::size_t i = 0; i < unit.size(); ++i) worst = std::max(worst, std::abs(unit[i] - two[i]));
    MESSAGE("largest position difference between mass 1 and mass 2 (dt times sqrt 2): ", worst);
    CHECK(worst < 1e-9);
}

TEST_CASE("md masses: a checkpointed two-mass run continues bit for bit") {
    test::TempDir dir;
    for (Backend b : test::backends())
        for (int cells : {4, 5})
            for (const char* integrator : {"nve", "langevin", "bussi", "nose_hoover"}) {
                CAPTURE(backend_name(b));
                CAPTURE(cells);
                CAPTURE(integrator);
                test::check_exact_restart(two_masses(integrator, cells), b, 80, dir.path.string());
            }
}

TEST_CASE("md masses: CPU and GPU two-mass trajectories agree to rounding" * doctest::test_suite("gpu")) {
    if (test::backends().size() < 2) return test::skip("no GPU: runs in scripts/gpu-check.sh");
    for (int cells : {4, 5})
        for (const char* integrator : {"nve", "langevin", "nose_hoover"}) {
            CAPTURE(cells);
            CAPTURE(integrator);
            test::check_cpu_gpu_agree(two_masses(integrator, cells), 100, 1e-9, [](Simulation& cpu, Simulation& gpu) {
                for (const char* name : {"kinetic_energy", "temperature", "pressure_xy"}) {
                    CAPTURE(name);
                    CHECK(test::observable(cpu, name) == test::relative(test::observable(gpu, name), 1e-9));
                }
            }, {"rdf"});
        }
}
