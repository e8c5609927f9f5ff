// SPDX-License-Identifier: MIT
// The Simulation driver: exact restart, the output schedule, the NaN watchdog, steering.
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <simt/core/error.hpp>
#include <simt/io/checkpoint.hpp>
#include "../backends.hpp"
#include "../temp_dir.hpp"
#include "sim_helpers.hpp"

using namespace simt;
namespace fs = std::filesystem;
using simt::test::TempDir;

namespace {

const char* random_3d =
    "solver: heat\nseed: 17\ngrid: {nx: 12, ny: 10, nz: 6}\nphysics: {diffusivity: 0.8}\n"
    "initial: {type: random}\noutput: {observables_every: 10}\n"
    "boundaries: {x_min: {type: dirichlet, value: 2}, x_max: {type: dirichlet}, y_min: {type: neumann, value: 1},\n"
    "             y_max: {type: neumann}}\n";

}  // namespace

TEST_CASE("restart is exact: N steps equal N/2, checkpoint, restore, N/2 — bit for bit") {
    for (Backend b : test::backends()) {
        for (const char* precision : {"double", "float"}) {
            CAPTURE(backend_name(b));
            CAPTURE(precision);
            TempDir tmp;
            const std::string yaml = std::string(random_3d) + "precision: " + precision + "\n";
            test::check_exact_restart(yaml, b, 250, tmp.path.string());
        }
    }
}

TEST_CASE("steering survives restart: the steered value is in the checkpoint's scenario") {
    for (Backend b : test::backends()) {
        TempDir tmp;
        auto straight = test::make_sim(random_3d, b);
        straight.step(40);
        straight.set("physics.diffusivity", 0.3);
        straight.step(60);

        auto first = test::make_sim(random_3d, b);
        first.step(40);
        first.set("physics.diffusivity", 0.3);
        first.step(20);
        first.checkpoint((tmp.path / "c.h5").string());
        auto second = Simulation::restore((tmp.path / "c.h5").string(), std::string(backend_name(b)));
        CHECK(second->params().real("physics.diffusivity") == 0.3);
        second->step(40);
        CHECK(test::same_bits(test::field_values(*second, "u"), test::field_values(straight, "u")));
    }
}

TEST_CASE("steering rejects keys that are not steerable and values that would blow up") {
    auto sim = test::make_sim(random_3d, Backend::Cpu);
    try {
        sim.set("grid.nx", std::int64_t(5));
        FAIL("expected ConfigError");
    } catch (const ConfigError& e) {
        const std::string m = e.what();
        CHECK(m.find("'grid.nx' cannot be changed during a run") != std::string::npos);
        CHECK(m.find("physics.diffusivity") != std::string::npos);
    }
    CHECK_THROWS_WITH_AS(sim.set("physics.diffusivity", -1.0), doctest::Contains("physics.diffusivity"), ConfigError);
    CHECK_THROWS_WITH_AS(sim.set("physics.diffusivity", 50.0), doctest::Contains("blow up"), ConfigError);
    CHECK_THROWS_WITH_AS(sim.set("physics.nope", 1.0), doctest::Contains("unknown key 'physics.nope'"), ConfigError);
}

TEST_CASE("the output schedule writes observables CSV and HDF5, checkpoints with XDMF") {
    TempDir tmp;
    auto sim = test::make_sim(std::string(random_3d) + "run: {steps: 120}\n", Backend::Cpu);
    sim.set_output_dir(tmp.path.string());
    // A checkpoint by hand at step 50; finish() adds the final one at 120.
    sim.step(50);
    sim.checkpoint((tmp.path / "at50.h5").string());
    sim.step(70);
    const std::string last = sim.finish();
    CHECK(fs::exists(tmp.path / "at50.h5"));
    CHECK(fs::exists(tmp.path / "at50.xmf"));
    CHECK(last == (tmp.path / "checkpoint_000000120.h5").string());
    CHECK(fs::exists(tmp.path / "checkpoint_000000120.xmf"));
    CHECK(fs::exists(tmp.path / "observables.h5"));
    std::ifstream csv(tmp.path / "observables.csv");
    std::string line;
    std::getline(csv, line);
    CHECK(line == "step,time,u_mean,u_rms,u_min,u_max");
    int rows = 0;
    while (std::getline(csv, line)) ++rows;
    CHECK(rows == 13);  // steps 0, 10, ..., 120
    io::CheckpointReader r(last);
    CHECK(r.meta().step == 120);
    CHECK(r.meta().solver == "heat");
    CHECK(r.read_series("step").size() == 13);
}

TEST_CASE("files go only to the chosen output directory, and never after an earlier run's rows") {
    TempDir tmp;
    const fs::path scenario_dir = tmp.path / "from_scenario", chosen = tmp.path / "chosen";
    std::string yaml = random_3d;
    yaml.replace(yaml.find("observables_every: 10"), 21, "observables_every: 10, dir: " + scenario_dir.string());
    const auto lines_of = [](const fs::path& csv) {
        std::ifstream in(csv);
        std::vector<std::string> lines;
        for (std::string line; std::getline(in, line);) lines.push_back(line);
        return lines;
    };
    auto sim = test::make_sim(yaml, Backend::Cpu);
    CHECK_FALSE(fs::exists(scenario_dir));  // the step-0 row waits until the directory is chosen
    sim.set_output_dir(chosen.string());
    sim.step(20);
    CHECK_FALSE(fs::exists(scenario_dir));
    CHECK(lines_of(chosen / "observables.csv").size() == 4);  // header, steps 0, 10, 20

    // Left at the scenario's directory, a new run replaces a stale observables.csv there.
    fs::create_directories(scenario_dir);
    std::ofstream(scenario_dir / "observables.csv") << "step,time,u_mean,u_rms,u_min,u_max\n0,0,9,9,9,9\n50,5,9,9,9,9\n";
    auto again = test::make_sim(yaml, Backend::Cpu);
    again.step(10);
    const auto lines = lines_of(scenario_dir / "observables.csv");
    REQUIRE(lines.size() == 3);
    CHECK(lines[1].rfind("0,0,", 0) == 0);
    CHECK(lines[1].find(",9,9,9,9") == std::string::npos);
    CHECK(lines[2].rfind("10,", 0) == 0);

    // A run that ends where it began (output.dir from the scenario) still leaves its one row.
    std::string idle_yaml = random_3d;
    idle_yaml.replace(idle_yaml.find("observables_every: 10"), 21,
                      "observables_every: 10, dir: " + (tmp.path / "idle").string());
    auto idle = test::make_sim(idle_yaml, Backend::Cpu);
    idle.finish();
    CHECK(lines_of(tmp.path / "idle" / "observables.csv").size() == 2);
}

TEST_CASE("the scheduled checkpoints land every m steps") {
    TempDir tmp;
    std::string yaml = random_3d;
    yaml.replace(yaml.find("observables_every: 10"), 21, "observables_every: 10, checkpoint_every: 30");
    auto every = test::make_sim(yaml, Backend::Cpu);
    every.set_output_dir(tmp.path.string());
    every.step(100);
    CHECK(fs::exists(tmp.path / "checkpoint_000000030.h5"));
    CHECK(fs::exists(tmp.path / "checkpoint_000000060.h5"));
    CHECK(fs::exists(tmp.path / "checkpoint_000000090.h5"));
    CHECK(every.last_checkpoint() == (tmp.path / "checkpoint_000000090.h5").string());
}

TEST_CASE("the watchdog stops a run that overflows, names step and field, keeps the last good checkpoint") {
    for (Backend b : test::backends()) {
        TempDir tmp;
        // A time step 100 times too long for Lennard-Jones: particles collide head-on and the
        // forces overflow within a few steps (the scenario ranges refuse what overflows at once).
        auto sim = test::make_sim(
            "solver: md\nsystem: {nx: 4, ny: 4, nz: 4}\nintegrator: {dt: 0.5}\noutput: {observables_every: 5}\n", b);
        sim.set_output_dir(tmp.path.string());
        sim.checkpoint((tmp.path / "good.h5").string());
        try {
            sim.step(20);
            FAIL("expected DivergedError");
        } catch (const DivergedError& e) {
            const std::string m = e.what();
            CHECK(m.find("md: step ") != std::string::npos);
            CHECK(m.find(": field '") != std::string::npos);
            CHECK(m.find("NaN/Inf") != std::string::npos);
            CHECK(m.find("The last good checkpoint this run wrote is " + (tmp.path / "good.h5").string()) !=
                  std::string::npos);
        }
        // A restarted run that diverges before its first checkpoint says so, and where it began.
        const auto again = Simulation::restore((tmp.path / "good.h5").string(), "cpu");
        try {
            again->step(20);
            FAIL("expected DivergedError");
        } catch (const DivergedError& e) {
            const std::string m = e.what();
            INFO(m);
            CHECK(m.find("This run wrote no checkpoint; it restarted at step 0 from " + (tmp.path / "good.h5").string()) !=
                  std::string::npos);
            CHECK(m.find("last good") == std::string::npos);
        }
        CHECK_THROWS_AS(sim.checkpoint((tmp.path / "bad.h5").string()), DivergedError);
        CHECK_FALSE(fs::exists(tmp.path / "bad.h5"));
        CHECK_FALSE(fs::exists(tmp.path / "bad.h5.tmp"));
        CHECK(Simulation::restore((tmp.path / "good.h5").string(), "cpu")->steps() == 0);
    }
}

TEST_CASE("an unknown solver names the scenario and the registered solvers") {
    CHECK_THROWS_WITH_AS(test::make_sim("solver: lattice\n", Backend::Cpu),
                         doctest::Contains("test.yaml: unknown solver 'lattice'; registered: heat"), ConfigError);
}
