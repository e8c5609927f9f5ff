// SPDX-License-Identifier: MIT
// The lbm solver's obstacles and open boundaries: the solid mask of the shapes, the momentum
// exchange against momentum balances, the Schäfer-Turek 2D-1 cylinder benchmark, mass through a
// velocity inlet and a pressure outlet, and exact restart. Oracles come from geometry, global
// momentum conservation and the published benchmark values, not from the solver's code.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include "../backends.hpp"
#include "../temp_dir.hpp"
#include "sim_helpers.hpp"

using namespace simt;

namespace {
const double pi = 3.141592653589793;

double observable(Simulation& sim, const std::string& name) {
    for (const auto& [key, value] : sim.observables())
        if (key == name) return value;
    FAIL("no observable ", name);
    return 0;
}

/// Solid cells of an n x n periodic box holding one obstacle: the cells whose velocity_x stays
/// exactly 0 after one step of a uniform force (solid cells report u = 0).
int solid_cells(const std::string& obstacle, int n) {
    const std::string yaml = fmt::format(
        "solver: lbm\ngrid: {{nx: {0}, ny: {0}}}\nphysics: {{force_x: 1.0e-4}}\nobstacle_1: {{{1}}}\n"
        "output: {{observables_every: 0}}\n",
        n, obstacle);
    auto sim = test::make_sim(yaml, Backend::Cpu);
    sim.step(1);
    int solid = 0;
    for (double u : test::field_values(sim, "velocity_x")) solid += u == 0;
    return solid;
}

}  // namespace

TEST_CASE("lbm obstacles: a circle covers about pi r^2 cells, a rectangle exactly its area") {
    // Counting error ~ perimeter / area: 2% holds from r = 10 up (r = 6 is 2.6% off).
    for (double r : {10.0, 15.5, 20.0}) {
        CAPTURE(r);
        const std::string circle = fmt::format("shape: circle, center_x: 32, center_y: 31.3, radius: {}", r);
        const int cells = solid_cells(circle, 64);
        CHECK(std::abs(cells - pi * r * r) < 0.02 * pi * r * r);
    }
    CHECK(solid_cells("shape: rectangle, center_x: 20, center_y: 15, size_x: 12, size_y: 6", 40) == 72);
    CHECK(solid_cells("shape: rectangle, center_x: 20.5, center_y: 15.5, size_x: 5, size_y: 7", 40) == 35);
}

TEST_CASE("lbm obstacles: momentum exchange balances the body force and vanishes at rest") {
    // A periodic box: at steady state the obstacle takes all the momentum the force puts in.
    const int nx = 40, ny = 24;
    const double force = 1e-6;
    const std::string yaml = fmt::format(
        "solver: lbm\ngrid: {{nx: {}, ny: {}}}\nphysics: {{viscosity: 0.1, force_x: {}, force_y: {}}}\n"
        "obstacle_1: {{shape: circle, center_x: 20, center_y: 12, radius: 5}}\n"
        "output: {{observables_every: 0}}\n",
        nx, ny, force, 0.25 * force);
    auto sim = test::make_sim(yaml, Backend::Cpu);
    sim.step(8000);
    int fluid = 0;
    for (double u : test::field_values(sim, "velocity_x")) fluid += u != 0;
    CHECK(observable(sim, "force_x") == doctest::Approx(force * fluid).epsilon(1e-3));
    CHECK(observable(sim, "force_y") == doctest::Approx(0.25 * force * fluid).epsilon(1e-3));

    // A closed box at rest with an obstacle: no force at all, and none without an obstacle.
    auto rest = test::make_sim(
        "solver: lbm\ngrid: {nx: 20, ny: 16}\nboundaries: {x_min: {type: wall}, x_max: {type: wall}, "
        "y_min: {type: wall}, y_max: {type: wall}}\nobstacle_1: {shape: rectangle, center_x: 10, center_y: 8, "
        "size_x: 4, size_y: 6}\noutput: {observables_every: 0}\n",
        Backend::Cpu);
    rest.step(100);
    CHECK(std::abs(observable(rest, "force_x")) < 1e-14);  // rounding of the rest populations
    CHECK(std::abs(observable(rest, "force_y")) < 1e-14);
    auto channel = test::make_sim(
        "solver: lbm\ngrid: {nx: 4, ny: 16}\nphysics: {force_x: 1.0e-5}\n"
        "boundaries: {y_min: {type: wall}, y_max: {type: wall}}\noutput: {observables_every: 0}\n",
        Backend::Cpu);
    channel.step(100);
    CHECK(observable(channel, "force_x") == 0);
    CHECK(observable(channel, "drag_coefficient") == 0);
}

TEST_CASE("lbm obstacles: Schäfer-Turek 2D-1 (Re 20): drag and lift of the cylinder in a channel" * doctest::test_suite("slow")) {
    // Channel 2.2 x 0.41 with a cylinder of diameter 0.1 at (0.2, 0.2), at D = 20 cells; the
    // inlet parabola peaks at 0.3 (U_mean = 0.2 = 2/3 of the peak); Re = U_mean D / nu = 20.
    const int d = 20;
    const double u_max = 0.1, u_mean = 2 * u_max / 3, nu = u_mean * d / 20;
    const std::string yaml = fmt::format(
        "solver: lbm\ngrid: {{nx: {}, ny: {}}}\nphysics: {{viscosity: {:.17g}, velocity: {:.17g}}}\n"
        "boundaries: {{x_min: {{type: velocity_inlet, profile: parabolic, velocity_x: {}}},\n"
        "  x_max: {{type: pressure_outlet}}, y_min: {{type: wall}}, y_max: {{type: wall}}}}\n"
        "obstacle_1: {{shape: circle, center_x: {}, center_y: {}, radius: {}}}\n"
        "output: {{observables_every: 0}}\n",
        22 * d, 41 * d / 10, nu, u_mean, u_max, 2 * d, 2 * d, d / 2);
    auto sim = test::make_sim(yaml, Backend::Cpu);
    // Steady after ~2 flow-throughs; sound waves bouncing between inlet and outlet still move cd
    // by ~0.3%, so it is averaged over the last 1000 steps.
    sim.step(15000);
    double cd = 0, cl = 0;
    const int samples = 10;
    for (int s = 0; s < samples; ++s) {
        sim.step(100);
        cd += observable(sim, "drag_coefficient") / samples;
        cl += observable(sim, "lift_coefficient") / samples;
    }
    MESSAGE("Schäfer-Turek 2D-1 at D = 20: cd ", cd, " (5.5795), cl ", cl, " (0.0106)");
    CHECK(cd == doctest::Approx(5.58).epsilon(0.05));
    CHECK(cl > 0);
    CHECK(cl < 0.03);
}

TEST_CASE("lbm obstacles: a velocity inlet and a pressure outlet pass the same flow, parabolic") {
    const int nx = 60, ny = 20;
    const double u_max = 0.05;
    const std::string yaml = fmt::format(
        "solver: lbm\ngrid: {{nx: {}, ny: {}}}\nphysics: {{viscosity: 0.1}}\n"
        "boundaries: {{x_min: {{type: velocity_inlet, profile: parabolic, velocity_x: {}}},\n"
        "  x_max: {{type: pressure_outlet}}, y_min: {{type: wall}}, y_max: {{type: wall}}}}\n"
        "output: {{observables_every: 0}}\n",
        nx, ny, u_max);
    auto sim = test::make_sim(yaml, Backend::Cpu);
    sim.step(6000);  // 15 viscous times ny^2 / nu
    const auto rho = test::field_values(sim, "density");
    const auto u = test::field_values(sim, "velocity_x");
    // Mid-channel the mass flux rho u is the parabola (the pressure drop makes rho > 1 there);
    // at the outlet the anti-bounce-back bends the two wall cells' velocity (3.8% of u_max).
    double inflow = 0, outflow = 0, worst = 0;
    for (int j = 0; j < ny; ++j) {
        const double s = (j + 0.5) / ny, parabola = u_max * 4 * s * (1 - s);
        const std::size_t mid = nx / 2 + std::size_t(nx) * j, out = nx - 1 + std::size_t(nx) * j;
        inflow += parabola;  // the inlet imposes rho_w u_w with rho_w = 1, link by link
        outflow += rho[out] * u[out];
        worst = std::max(worst, std::abs(rho[mid] * u[mid] - parabola) / u_max);
    }
    MESSAGE("inlet/outlet: outflow / inflow ", outflow / inflow, ", mid-channel flux off the parabola by ", worst,
            " u_max");
    CHECK(outflow == doctest::Approx(inflow).epsilon(0.01));
    CHECK(worst < 0.01);
}

TEST_CASE("lbm obstacles: restart is bit-exact with an obstacle, an inlet and an outlet") {
    for (Backend b : test::backends()) {
        for (const char* lattice : {"D2Q9", "D3Q19"}) {
            CAPTURE(backend_name(b));
            CAPTURE(lattice);
            const bool d3 = std::string(lattice) == "D3Q19";
            const std::string yaml = fmt::format(
                "solver: lbm\nlattice: {}\ngrid: {{nx: 24, ny: 12, nz: {}}}\nphysics: {{viscosity: 0.05}}\n"
                "boundaries: {{x_min: {{type: velocity_inlet, profile: parabolic, velocity_x: 0.08}},\n"
                "  x_max: {{type: pressure_outlet}}, y_min: {{type: wall}}, y_max: {{type: wall}}}}\n"
                "obstacle_1: {{shape: {}, center_x: 8, center_y: 6.3, center_z: 2.5, radius: 3}}\n"
                "output: {{observables_every: 10}}\n",
                lattice, d3 ? 5 : 1, d3 ? "sphere" : "circle");
            test::TempDir tmp;
            test::check_exact_restart(yaml, b, 70, tmp.path.string());
        }
    }
}

TEST_CASE("lbm obstacles: configuration rules name the keys that break them") {
    const auto fails = [](const std::string& body, const char* fragment) {
        CAPTURE(body);
        CHECK_THROWS_WITH_AS(test::make_sim("solver: lbm\n" + body, Backend::Cpu), doctest::Contains(fragment),
                             ConfigError);
    };
    fails("obstacle_2: {shape: sphere, radius: 3}\n", "D3Q19");
    fails("obstacle_1: {shape: circle}\n", "obstacle_1.radius");
    fails("obstacle_3: {shape: rectangle, size_x: 2}\n", "obstacle_3.size_");
    fails("boundaries: {y_min: {type: velocity_inlet}, y_max: {type: wall}}\n", "x faces");
    fails("boundaries: {x_min: {type: wall, profile: parabolic}, x_max: {type: wall}}\n", "velocity_inlet");
    fails("boundaries: {x_min: {type: velocity_inlet, velocity_y: 0.01}, x_max: {type: pressure_outlet}}\n",
          "normal component");
}
