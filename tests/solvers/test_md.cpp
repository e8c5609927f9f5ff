// SPDX-License-Identifier: MIT
// The md solver: exact restart for every integrator, the configuration rules, and steering.
#include <doctest/doctest.h>

#include <fmt/format.h>
#include <simt/core/error.hpp>
#include "../backends.hpp"
#include "../temp_dir.hpp"
#include "sim_helpers.hpp"

using namespace simt;

namespace {
/// 256 LJ particles (fcc 4^3) of a liquid at density 0.8442: the box holds twice r_c + skin.
std::string liquid(const std::string& integrator, const std::string& extra = "") {
    return fmt::format(
        "solver: md\nseed: 5\nsystem: {{lattice: fcc, nx: 4, ny: 4, nz: 4, density: 0.8442}}\n"
        "initial: {{temperature: 1.44}}\nintegrator: {{type: {}, dt: 0.005}}\nthermostat: {{temperature: 1.0}}\n"
        "neighbor: {{skin: 0.3, sort_every: 2}}\noutput: {{observables_every: 10}}\n{}",
        integrator, extra);
}
}  // namespace

TEST_CASE("md: a checkpointed run continues bit for bit") {
    test::TempDir dir;
    for (Backend b : test::backends())
        for (const char* integrator : {"nve", "langevin", "bussi"}) {
            CAPTURE(backend_name(b));
            CAPTURE(integrator);
            test::check_exact_restart(liquid(integrator), b, 120, dir.path.string());
        }
}

TEST_CASE("md: a Kob-Andersen mixture with Morse and WCA variants restarts exactly") {
    test::TempDir dir;
    const std::string mixture =
        "system: {lattice: random, particles: 300, density: 1.2, min_distance: 0.8, types: 2, fraction_b: 0.2}\n"
        "potential: {aa: {epsilon: 1.0, sigma: 1.0, r_cut: 2.5}, ab: {epsilon: 1.5, sigma: 0.8, r_cut: 2.0},"
        " bb: {epsilon: 0.5, sigma: 0.88, r_cut: 2.2}}\n";
    for (const std::string& potential : {std::string(""), std::string("potential: {type: morse, cutoff: force_shift}\n"),
                                         std::string("potential: {type: wca}\n")}) {
        const std::string yaml =
            "solver: md\nseed: 2\nintegrator: {type: langevin}\noutput: {observables_every: 10}\n" +
            (potential.empty() ? mixture
                               : "system: {lattice: random, particles: 300, density: 0.8, min_distance: 0.8}\n" + potential);
        CAPTURE(yaml);
        test::check_exact_restart(yaml, Backend::Cpu, 60, dir.path.string());
    }
}

TEST_CASE("md: configuration rules") {
    const auto error_of = [](const std::string& yaml) -> std::string {
        try {
            test::make_sim(yaml, Backend::Cpu);
        } catch (const ConfigError& e) {
            return e.what();
        }
        return "";
    };
    CHECK(error_of("solver: md\nsystem: {nx: 2, ny: 2, nz: 2}\n").find("shorter than twice r_cut + skin") != std::string::npos);
    CHECK(error_of("solver: md\nsystem: {types: 3, fraction_b: 0.7, fraction_c: 0.5}\n").find("fraction") != std::string::npos);
    CHECK(error_of("solver: md\nsystem: {lattice: file}\n").find("system.file") != std::string::npos);
    CHECK(error_of("solver: md\npotential: {type: buckingham}\n").find("lj, wca, morse") != std::string::npos);
}

TEST_CASE("md: the thermostat temperature is steerable and restarts as steered") {
    test::TempDir dir;
    auto sim = test::make_sim(liquid("langevin"), Backend::Cpu);
    sim.step(10);
    sim.set("thermostat.temperature", Value(2.0));
    CHECK_THROWS_AS(sim.set("integrator.dt", Value(0.001)), ConfigError);
    sim.checkpoint(dir.file("steered.h5"));
    auto again = Simulation::restore(dir.file("steered.h5"), "cpu");
    CHECK(again->params().real("thermostat.temperature") == 2.0);
}
