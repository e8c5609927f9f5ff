// SPDX-License-Identifier: MIT
// The worked example of docs/extending.md: a pair potential defined only here (soft_potential.hpp)
// joins md's table in this test binary, and the md solver runs it. Its force is -dV/dr of its
// energy, its closed forms hold, and an NVE run of it conserves the total energy.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <fmt/format.h>
#include <simt/core/context.hpp>
#include <simt/io/scenario.hpp>
#include <simt/solvers/precision.hpp>
#include <simt/solvers/registry.hpp>
#include "../approx.hpp"
#include "../backends.hpp"
#include "md/potentials.hpp"
#include "md/solver.hpp"
#include "particles/pair_checks.hpp"
#include "soft_potential.hpp"

using namespace simt;

/// md's potentials and the example: the one line that offers it to scenarios.
using WithSoft = md::Potentials::with<test::Soft>;

namespace {
/// The md solver with WithSoft's potentials for the scenario `yaml`, as the registry builds it.
std::unique_ptr<Solver> make_md(const std::string& yaml, const Context& ctx) {
    const SolverEntry entry = md::solver_entry<WithSoft>();
    io::Schema schema = common_schema();
    schema.add(entry.schema);
    const io::Params params = io::Scenario::from_string(yaml, "soft.yaml").validate(schema);
    return entry.make(params, scenario_precision(params), ctx);
}

double observable(Solver& solver, const std::string& name) {
    for (const auto& [key, value] : solver.observables())
        if (key == name) return value;
    FAIL("no observable ", name);
    return 0;
}
}  // namespace

TEST_CASE("soft potential: closed forms, and the force is -dV/dr") {
    const double amplitude[] = {2.5}, r_c = 1.2, pi = 3.14159265358979323846;
    const auto c = particles::pair_coefficients<test::Soft, double>(amplitude, r_c, particles::CutoffMode::Plain);
    // V(0) = 2A, V(r_c / 2) = A, V(r_c) = 0; F(r_c / 2) = A pi / r_c (LAMMPS's pair_style soft).
    CHECK(test::pair_energy<test::Soft>(1e-9, c) == test::relative(5.0, 1e-12));
    CHECK(test::pair_energy<test::Soft>(r_c / 2, c) == test::relative(2.5, 1e-14));
    CHECK(std::abs(test::pair_energy<test::Soft>(r_c, c)) < 1e-14);  // absolute: the target is 0
    CHECK(test::pair_force<test::Soft>(r_c / 2, c) == test::relative(2.5 * pi / r_c, 1e-14));
    CHECK(test::worst_derivative_error<test::Soft>(c, 0.05) < 1e-7);
}

TEST_CASE("soft potential: md's table with it offers potential.type soft and its keys") {
    const SolverEntry entry = md::solver_entry<WithSoft>();
    const io::KeySpec* type = entry.schema.find("potential.type");
    REQUIRE(type != nullptr);
    CHECK(type->choices == std::vector<std::string>{"lj", "wca", "morse", "soft"});
    const io::KeySpec* amplitude = entry.schema.find("potential.bc.amplitude");
    REQUIRE(amplitude != nullptr);
    CHECK(std::get<double>(*amplitude->default_value) == 1.0);
    CHECK(amplitude->min == 0);
    CHECK(amplitude->min_exclusive);
    CHECK(amplitude->doc.find("soft: A, half the energy") == 0);
    // A key several potentials read says what it is to each.
    const std::string epsilon = entry.schema.find("potential.aa.epsilon")->doc;
    CHECK(epsilon.find("lj, wca: well depth [epsilon]; morse: D0") == 0);
    // md's own table does not.
    CHECK(md::solver_entry<md::Potentials>().schema.find("potential.aa.amplitude") == nullptr);
}

namespace {
/// Soft under another name, reading a `sigma` of another default than Lennard-Jones's.
struct ClashingSoft : test::Soft {
    using Evaluator = test::Soft;
    static constexpr const char* name = "clashing_soft";
    static constexpr particles::PotentialParameter parameters[] = {
        {"sigma", 2.0, "a sigma of its own default [sigma]"},
    };
};
}  // namespace

TEST_CASE("soft potential: a key that two potentials of a table read has one default and range") {
    std::string message;
    try {
        md::solver_entry<md::Potentials::with<ClashingSoft>>();
    } catch (const Error& e) {
        message = e.what();
    }
    CHECK(message.find("the key sigma of a type pair two defaults or ranges") != std::string::npos);
    CHECK(message.find("clashing_soft") != std::string::npos);
}

TEST_CASE("soft potential: an NVE run through the md solver conserves the total energy") {
    // The rms change of the total energy per particle over t = 1 with time step dt: 256
    // particles on an fcc lattice at density 0.8442, nearest neighbours 1.19 apart, inside
    // r_c = 1.5, so that every particle feels twelve.
    const auto energy_change = [](Backend b, double dt) {
        Context ctx(b);
        auto md =
            make_md(fmt::format("solver: md\nseed: 3\nsystem: {{lattice: fcc, nx: 4, ny: 4, nz: 4, density: 0.8442}}\n"
                                "initial: {{temperature: 1.0}}\n"
                                "potential: {{type: soft, cutoff: plain, aa: {{amplitude: 5, r_cut: 1.5}}}}\n"
                                "integrator: {{type: nve, dt: {}}}\n",
                                dt),
                    ctx);
        CHECK(observable(*md, "potential_energy") / 256 > 1.0);  // the particles do interact
        const double e0 = observable(*md, "total_energy");
        double squares = 0;
        const int samples = 100, steps = int(std::lround(0.01 / dt));  // to t = 1 in samples of 0.01
        for (int sample = 0; sample < samples; ++sample) {
            md->step(steps);
            const double change = (observable(*md, "total_energy") - e0) / 256;
            squares += change * change;
        }
        return std::sqrt(squares / samples);
    };
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        const double coarse = energy_change(b, 0.004), fine = energy_change(b, 0.002);
        MESSAGE("rms change of the total energy per particle to t = 1: ", coarse, " at dt 0.004, ", fine,
                " at dt 0.002");
        // Velocity Verlet's energy error is O(dt^2) when the force is -dV/dr of the energy it
        // integrates: halving dt quarters it (3.5 to 4.5 for amplitudes 2 to 20 and dt 0.001 to
        // 0.008, the force's slope jumping at r_c). A force off by 1 % changes the energy by 1 %
        // of the potential's swings whatever dt: 4e-3 here, the ratio 1.
        CHECK(coarse < 4e-4);
        CHECK(coarse / fine == test::relative(4.0, 0.25));
    }
}
