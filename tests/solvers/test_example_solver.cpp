// SPDX-License-Identifier: MIT
// The example solver of docs/extending.md (example_solver/solver.cpp) goes the whole way a
// built-in one does: a registry, the Simulation, observables, a checkpoint with its XDMF
// sidecar, and a restart that continues bit for bit.
#include <cmath>
#include <fstream>
#include <sstream>
#include <doctest/doctest.h>
#include <simt/core/error.hpp>
#include <simt/io/checkpoint.hpp>
#include "../approx.hpp"
#include "../temp_dir.hpp"
#include "sim_helpers.hpp"

namespace simt {
void register_decay_solver(Registry& r);  // example_solver/solver.cpp
}

namespace {
using namespace simt;

/// u = 2 everywhere, decaying at rate 0.5 with dt = 0.1: u_n = 2 (1 - 0.05)^n.
const std::string decay_yaml =
    "simt: 1\nsolver: decay\ngrid: {nx: 4, ny: 3, nz: 2}\n"
    "physics: {rate: 0.5, dt: 0.1}\ninitial: {value: 2}\n";

Registry example_registry() {
    Registry solvers;
    register_decay_solver(solvers);
    return solvers;
}
}  // namespace

TEST_CASE("example solver: built from a registry of the test's own, it decays to the closed form") {
    const Registry solvers = example_registry();
    auto sim = test::make_sim(decay_yaml, Backend::Cpu, solvers);
    sim.step(10);
    // Forward Euler's own recurrence, u_n = 2 * 0.95^n, so only rounding differs.
    const double closed_form = 2 * std::pow(0.95, 10);
    CHECK(test::observable(sim, "u_mean") == test::relative(closed_form, 1e-14));
    CHECK(sim.time() == test::relative(1.0, 1e-14));
    auto single = test::make_sim(decay_yaml + "precision: float\n", Backend::Cpu, solvers);
    single.step(10);
    CHECK(single.solver().field("u").dtype == io::DType::F32);
    CHECK(test::observable(single, "u_mean") == test::relative(closed_form, 1e-6));
    // Registered only here: the built-in registry does not know it.
    CHECK_THROWS_WITH_AS(test::make_sim(decay_yaml, Backend::Cpu), doctest::Contains("decay"), ConfigError);
}

TEST_CASE("example solver: a step that would grow u is a ConfigError naming the keys") {
    const Registry solvers = example_registry();
    const std::string growing = "simt: 1\nsolver: decay\nphysics: {rate: 25, dt: 0.1}\n";
    CHECK_THROWS_WITH_AS(test::make_sim(growing, Backend::Cpu, solvers), doctest::Contains("physics.rate * physics.dt"),
                         ConfigError);
}

TEST_CASE("example solver: a checkpoint with its XDMF sidecar, and a restart bit for bit") {
    const Registry solvers = example_registry();
    test::TempDir tmp;
    auto sim = test::make_sim(decay_yaml, Backend::Cpu, solvers);
    sim.step(3);
    sim.checkpoint(tmp.file("decay.h5"));
    const io::CheckpointReader in(tmp.file("decay.h5"));
    CHECK(in.meta().solver == "decay");
    CHECK(in.field_dims("u") == std::vector<std::size_t>{2, 3, 4});  // z, y, x
    std::ifstream xmf(tmp.file("decay.xmf"));
    std::stringstream text;
    text << xmf.rdbuf();
    CHECK(text.str().find("decay.h5:/fields/u") != std::string::npos);
    test::check_exact_restart(decay_yaml, Backend::Cpu, 10, tmp.path.string(), solvers);
}
