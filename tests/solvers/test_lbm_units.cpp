// SPDX-License-Identifier: MIT
// The lbm solver in physical units: a scenario written in metres, seconds and m^2/s runs the
// same lattice flow as its lattice-unit twin, and reports time, velocities and forces in SI.
// The oracle is the hand conversion dx = L / ny, dt = dx U_lattice / U, nu_lattice = nu dt / dx^2.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include "approx.hpp"
#include "sim_helpers.hpp"

using namespace simt;

namespace {
// Schäfer & Turek's channel at D = 10 cells: 2.2 m x 0.41 m, cylinder of 0.1 m at (0.2, 0.2),
// peak inflow 0.3 m/s, mean 0.2 m/s, nu = 1e-3 m^2/s (Re 20); the mean speed is 1/15 cell/step.
const std::string physical =
    "solver: lbm\ngrid: {nx: 220, ny: 41}\nunits: {system: physical, length: 0.41, velocity: 0.2, density: 1000}\n"
    "physics: {viscosity: 1.0e-3, velocity: 0.0666666666666667}\n"
    "boundaries: {x_min: {type: velocity_inlet, profile: parabolic, velocity_x: 0.3},\n"
    "  x_max: {type: pressure_outlet}, y_min: {type: wall}, y_max: {type: wall}}\n"
    "obstacle_1: {shape: circle, center_x: 0.2, center_y: 0.2, radius: 0.05}\noutput: {observables_every: 0}\n";
const std::string lattice =
    "solver: lbm\ngrid: {nx: 220, ny: 41}\n"
    "physics: {viscosity: 0.0333333333333333, velocity: 0.0666666666666667}\n"
    "boundaries: {x_min: {type: velocity_inlet, profile: parabolic, velocity_x: 0.1},\n"
    "  x_max: {type: pressure_outlet}, y_min: {type: wall}, y_max: {type: wall}}\n"
    "obstacle_1: {shape: circle, center_x: 20, center_y: 20, radius: 5}\noutput: {observables_every: 0}\n";
}  // namespace

TEST_CASE("lbm units: a physical scenario runs its lattice twin and reports SI values") {
    auto si = test::make_sim(physical, Backend::Cpu);
    auto lu = test::make_sim(lattice, Backend::Cpu);
    si.step(300);
    lu.step(300);
    const double dx = 0.41 / 41, dt = dx * (0.2 / 3) / 0.2;
    CHECK(si.time() == test::relative(300 * dt, 1e-12));
    CHECK(lu.time() == 300);
    // The same lattice flow: velocities scaled by dx / dt, up to the rounding of the conversion.
    const auto u_si = test::field_values(si, "velocity_x"), u_lu = test::field_values(lu, "velocity_x");
    double worst = 0;
    for (std::size_t i = 0; i < u_si.size(); ++i) worst = std::max(worst, std::abs(u_si[i] * dt / dx - u_lu[i]));
    CHECK(worst < 1e-12);
    const auto rho_si = test::field_values(si, "density"), rho_lu = test::field_values(lu, "density");
    CHECK(rho_si[500] == test::relative(1000 * rho_lu[500], 1e-12));
    // Dimensionless coefficients agree; the force is in newtons per metre of depth.
    CHECK(test::observable(si, "drag_coefficient") == test::relative(test::observable(lu, "drag_coefficient"), 1e-9));
    CHECK(test::observable(si, "force_x") ==
          test::relative(test::observable(lu, "force_x") * 1000 * dx * dx * dx / (dt * dt), 1e-9));
    // Vorticity is in 1/s: lattice vorticity / dt.
    const auto w_si = test::field_values(si, "vorticity"), w_lu = test::field_values(lu, "vorticity");
    CHECK(w_si[1000] * dt == test::relative(w_lu[1000], 1e-9));
}

TEST_CASE("lbm units: steering takes SI values and the limits are checked in lattice units") {
    auto si = test::make_sim(physical, Backend::Cpu);
    si.step(2);
    si.set("boundaries.x_min.velocity_x", 0.45);  // 0.15 cells/step
    si.step(2);
    // 1.6 m/s would be 0.53 cells/step, beyond the lattice.
    CHECK_THROWS_WITH_AS(si.set("boundaries.x_min.velocity_x", 1.6), doctest::Contains("lattice limit 0.5"),
                         ConfigError);
    CHECK_THROWS_WITH_AS(test::make_sim("solver: lbm\nunits: {system: physical, length: 1}\n", Backend::Cpu),
                         doctest::Contains("units.velocity > 0"), ConfigError);
}
