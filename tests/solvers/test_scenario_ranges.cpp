// SPDX-License-Identifier: MIT
// Numbers a scenario may hold are numbers the engines can run: values that once passed
// `simt validate` and then gave NaN at the first steps (issue 12) are refused at validation
// with the reason, and values at the edge of each range still run.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <simt/core/error.hpp>
#include <simt/io/scenario.hpp>
#include <simt/solvers/registry.hpp>
#include "sim_helpers.hpp"

using namespace simt;

namespace {
/// What `simt validate` does: the schemas, then the solver's cross-key rules.
void validate(const std::string& yaml) {
    const auto scenario = io::Scenario::from_string(yaml, "test.yaml");
    const SolverEntry& entry = builtin_solvers().find(scenario.required_string("solver"));
    io::Schema schema;
    schema.add(common_schema());
    schema.add(entry.schema);
    entry.check(scenario.validate(schema));
}

/// A small scenario of each solver; `grid` (or `system`) adds keys to that map.
std::string heat(const std::string& grid = "") { return "solver: heat\ngrid: {nx: 16, ny: 16" + grid + "}\n"; }
std::string ns(const std::string& grid = "") {
    return "solver: navier_stokes\ngrid: {nx: 16, ny: 16" + grid +
           "}\nboundaries: {y_min: {type: wall}, y_max: {type: moving_wall, velocity_x: 1.0}, "
           "x_min: {type: wall}, x_max: {type: wall}}\n";
}
const std::string lbm = "solver: lbm\ngrid: {nx: 16, ny: 16}\n";
std::string md(const std::string& system = "") { return "solver: md\nsystem: {nx: 4, ny: 4, nz: 4" + system + "}\n"; }
}  // namespace

TEST_CASE("scenario values no engine can run are refused by validate, saying why") {
    struct Case {
        std::string yaml;
        const char* message;
    };
    const Case cases[] = {
        // issue 12: md's box from this density is infinite; positions were NaN at step 0.
        {md(", density: 1.0e-320"), "cells of the neighbour list"},
        // A finite box too dilute for the cell list (the run hung building it).
        {md(", density: 1.0e-9"), "raise system.density"},
        {md() + "potential: {aa: {r_cut: 1.0e-300}}\n", "inside the repulsive core"},
        // Found by fuzzing checkpoints: a drift of 1e30 sigma overflowed the image counts (UB).
        {md() + "initial: {temperature: 1.0e300}\n", "more than half the box"},
        {md(", mass_a: 1.0e-30"), "a particle of mass 1e-30 moves"},
        // issue 12: CG asked for a residual below rounding broke down (NaN at step 2).
        {ns() + "pressure: {solver: cg, tolerance: 1.0e-320}\n", "pressure.tolerance"},
        {ns() + "pressure: {solver: cg, tolerance: 1.0e-300}\n", "pressure.tolerance = 1e-300 must be >= 1e-12"},
        {ns() + "physics: {dt: 1.0e-320}\n", "the pressure solve divides by dt"},
        {ns() + "physics: {cfl: 1.0e-320}\n", "physics.cfl"},
        {ns() + "physics: {viscosity: 1.0e308}\n", "physics.viscosity"},
        {ns(", lx: 1.0e308"), "grid.lx"},
        {heat(", ly: 1.0e-300"), "grid.ly"},
        {heat() + "initial: {amplitude: 1.0e308}\n", "initial.amplitude"},
        {heat(", lx: 1.0e12") + "physics: {diffusivity: 1.0e-320}\n", "not a finite, normal"},
        {heat() + "boundaries: {x_min: {type: dirichlet, value: -1.0e308}, x_max: {type: dirichlet}}\n",
         "boundaries.x_min.value"},
        {lbm + "physics: {force_x: 1.0e300}\n", "past the lattice's speed of sound"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.yaml);
        CHECK_THROWS_WITH_AS(validate(c.yaml), doctest::Contains(c.message), ConfigError);
    }
}

TEST_CASE("values at the edges of the ranges still run") {
    const std::string cases[] = {
        ns() + "pressure: {solver: cg, tolerance: 1.0e-12}\n",
        ns() + "physics: {cfl: 1.0e-6}\n",
        heat(", lx: 1.0e-12, ly: 1.0e-12"),
        heat(", lx: 1.0e12, ly: 1.0e12") + "precision: float\n",
        heat() + "initial: {amplitude: 1.0e30}\nprecision: float\n",
        lbm + "physics: {force_x: 0.1}\n",
        md(", density: 0.001"),
    };
    for (const std::string& yaml : cases) {
        CAPTURE(yaml);
        validate(yaml);
        auto sim = test::make_sim(yaml, Backend::Cpu);
        sim.step(3);
        for (const auto& [name, value] : sim.observables()) {
            CAPTURE(name);
            CHECK(std::isfinite(value));
        }
    }
}
