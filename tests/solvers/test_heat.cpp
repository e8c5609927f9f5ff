// SPDX-License-Identifier: MIT
// The heat solver against the analytic solution of the diffusion equation:
// a mode  u0 = prod_a phi_a(x_a)  that fits the boundaries decays as  exp(-alpha q^2 t),
// q^2 = sum_a q_a^2, with q_a the mode's wavenumber along axis a. The oracle below is written
// from the textbook solution, not from the solver's code.
#include <doctest/doctest.h>

#include <cmath>
#include <fmt/format.h>
#include "../approx.hpp"
#include "../backends.hpp"
#include "../skip.hpp"
#include "sim_helpers.hpp"

using namespace simt;

namespace {
const double pi = 3.141592653589793;

struct Axis {
    std::string lo, hi;  // boundary types
    int k;
    double length;
    double q() const {
        if (lo == "periodic") return 2 * pi * k / length;
        if (lo == hi) return pi * k / length;
        return (k - 0.5) * pi / length;
    }
    double phi(double x) const {
        if (lo == "periodic") return std::cos(q() * x);
        if (lo == "dirichlet") return std::sin(q() * x);
        return std::cos(q() * x);
    }
};

std::string scenario(int n, const Axis (&ax)[3], bool three_d, const std::string& precision, double t_end,
                     double alpha, int* steps_out) {
    const double h = ax[0].length / n;
    const int dims = three_d ? 3 : 2;
    // dt = cfl h^2 / (alpha dims): fixed cfl, so the time error shrinks like h^2 as well.
    const double dt0 = 0.2 * h * h / (alpha * dims);
    const int steps = int(std::ceil(t_end / dt0));
    *steps_out = steps;
    std::string faces;
    const char* names[3] = {"x", "y", "z"};
    for (int a = 0; a < dims; ++a) {
        faces += fmt::format("  {}_min: {{type: {}}}\n  {}_max: {{type: {}}}\n", names[a], ax[a].lo, names[a], ax[a].hi);
    }
    return fmt::format(
        "solver: heat\nprecision: {}\n"
        "grid: {{nx: {}, ny: {}, nz: {}, lx: {}, ly: {}, lz: {}}}\n"
        "physics: {{diffusivity: {}, dt: {:.17g}}}\n"
        "initial: {{type: mode, kx: {}, ky: {}, kz: {}, amplitude: 1.0}}\n"
        "boundaries:\n{}"
        "output: {{observables_every: 0}}\n",
        precision, n, n, three_d ? n : 1, ax[0].length, ax[1].length, ax[2].length, alpha, t_end / steps,
        ax[0].k, ax[1].k, three_d ? ax[2].k : 0, faces);
}

/// Max-norm error against the analytic mode at t_end, relative to the amplitude at t_end.
double mode_error(int n, const Axis (&ax)[3], bool three_d, const std::string& precision, Backend b) {
    const double alpha = 0.7, t_end = 0.02;
    int steps = 0;
    auto sim = test::make_sim(scenario(n, ax, three_d, precision, t_end, alpha, &steps), b);
    sim.step(steps);
    const auto u = test::field_values(sim, "u");
    double q2 = ax[0].q() * ax[0].q() + ax[1].q() * ax[1].q() + (three_d ? ax[2].q() * ax[2].q() : 0);
    const double decay = std::exp(-alpha * q2 * sim.time());
    const int nz = three_d ? n : 1;
    double err = 0;
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < n; ++j)
            for (int i = 0; i < n; ++i) {
                double exact = decay * ax[0].phi((i + 0.5) * ax[0].length / n) * ax[1].phi((j + 0.5) * ax[1].length / n);
                if (three_d) exact *= ax[2].phi((k + 0.5) * ax[2].length / n);
                err = std::max(err, std::abs(u[i + n * (j + std::size_t(n) * k)] - exact));
            }
    CHECK(sim.time() == test::relative(t_end, 1e-12));
    return err / decay;
}
}  // namespace

TEST_CASE("heat: a Fourier mode decays at the analytic rate, second order in h, for every boundary type") {
    // Same length on every axis so one h describes the grid; lengths other than 1 catch a
    // solver that forgets L.
    const Axis cases[][3] = {
        {{"periodic", "periodic", 1, 2.0}, {"periodic", "periodic", 2, 2.0}, {"periodic", "periodic", 1, 2.0}},
        {{"dirichlet", "dirichlet", 1, 2.0}, {"neumann", "neumann", 1, 2.0}, {"dirichlet", "dirichlet", 1, 2.0}},
        {{"dirichlet", "neumann", 1, 2.0}, {"neumann", "dirichlet", 2, 2.0}, {"periodic", "periodic", 1, 2.0}},
    };
    for (Backend b : test::backends()) {
        for (const auto& ax : cases) {
            CAPTURE(backend_name(b));
            CAPTURE(ax[0].lo);
            CAPTURE(ax[1].lo);
            const double e16 = mode_error(16, ax, false, "double", b);
            const double e32 = mode_error(32, ax, false, "double", b);
            const double e64 = mode_error(64, ax, false, "double", b);
            // A wrong rate (diffusivity, dt or h) leaves an O(1) error; a first-order boundary
            // halves it per refinement instead of quartering it.
            CHECK(e16 < 3e-2);
            CHECK(e32 / e64 == test::relative(4.0, 0.1));
            CHECK(e16 / e32 == test::relative(4.0, 0.15));
        }
    }
}

TEST_CASE("heat: 3-D modes converge at second order, in double and in float") {
    const Axis ax[3] = {{"periodic", "periodic", 1, 1.0}, {"dirichlet", "dirichlet", 1, 1.0}, {"neumann", "neumann", 1, 1.0}};
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        const double e8 = mode_error(8, ax, true, "double", b);
        const double e16 = mode_error(16, ax, true, "double", b);
        const double e32 = mode_error(32, ax, true, "double", b);
        CHECK(e16 / e32 == test::relative(4.0, 0.15));
        CHECK(e8 / e16 == test::relative(4.0, 0.25));
        // float: the discretisation error still dominates rounding at this size.
        const double f16 = mode_error(16, ax, true, "float", b);
        CHECK(f16 == test::relative(e16, 0.02));
    }
}

TEST_CASE("heat: fixed-value faces reach the linear steady profile") {
    // u(0) = 1, u(L) = 3, periodic in y: the steady state is u = 1 + 2 x / L.
    const std::string yaml =
        "solver: heat\ngrid: {nx: 16, ny: 4}\nphysics: {diffusivity: 1.0, cfl: 0.45}\n"
        "initial: {type: constant, mean: 0}\n"
        "boundaries: {x_min: {type: dirichlet, value: 1.0}, x_max: {type: dirichlet, value: 3.0}}\n"
        "output: {observables_every: 0}\n";
    for (Backend b : test::backends()) {
        auto sim = test::make_sim(yaml, b);
        sim.step(4000);
        const auto u = test::field_values(sim, "u");
        for (int i = 0; i < 16; ++i) CHECK(u[i] == test::relative(1 + 2 * (i + 0.5) / 16, 1e-9));
    }
}

TEST_CASE("heat: Neumann fluxes change the mean at alpha (g_lo + g_hi) / L, and zero flux conserves it") {
    const std::string yaml =
        "solver: heat\nseed: 3\ngrid: {nx: 20, ny: 6, lx: 2.0}\nphysics: {diffusivity: 0.5}\n"
        "initial: {type: random, amplitude: 1.0, mean: 0.25}\n"
        "boundaries: {x_min: {type: neumann, value: 0.3}, x_max: {type: neumann, value: 0.1},\n"
        "             y_min: {type: neumann}, y_max: {type: neumann}}\n";
    for (Backend b : test::backends()) {
        auto sim = test::make_sim(yaml, b);
        const double m0 = sim.observables()[0].second;
        sim.step(500);
        const double m1 = sim.observables()[0].second;
        CHECK(sim.observables()[0].first == "u_mean");
        CHECK(m1 - m0 == test::relative(0.5 * (0.3 + 0.1) / 2.0 * sim.time(), 1e-9));
        sim.set("boundaries.x_min.value", 0.0);
        sim.set("boundaries.x_max.value", 0.0);
        sim.step(500);
        CHECK(sim.observables()[0].second == test::relative(m1, 1e-12));
    }
}

TEST_CASE("heat: CPU and GPU give the same field to rounding" * doctest::test_suite("gpu")) {
    if (test::backends().size() < 2) return test::skip("no GPU: runs in scripts/gpu-check.sh");
    for (const char* precision : {"double", "float"}) {
        const std::string yaml = fmt::format(
            "solver: heat\nprecision: {}\nseed: 9\ngrid: {{nx: 37, ny: 23, nz: 11}}\n"
            "initial: {{type: random}}\nboundaries: {{x_min: {{type: dirichlet, value: 1}}, "
            "x_max: {{type: dirichlet}}, z_min: {{type: neumann, value: 0.5}}, z_max: {{type: neumann}}}}\n",
            precision);
        CAPTURE(precision);
        test::check_cpu_gpu_agree(yaml, 301, std::string(precision) == "double" ? 1e-12 : 1e-5);
    }
}
