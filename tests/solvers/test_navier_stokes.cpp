// SPDX-License-Identifier: MIT
// The navier_stokes solver against the Taylor-Green vortex (an exact solution: second-order
// convergence), Ghia, Ghia & Shin's lid-driven cavity, the divergence left by the projection,
// the two Poisson solvers against each other, exact restart and CPU/GPU agreement.
#include <doctest/doctest.h>

#include <cmath>
#include <fmt/format.h>
#include "../approx.hpp"
#include "../backends.hpp"
#include "../skip.hpp"
#include "../temp_dir.hpp"
#include "ghia_cavity.hpp"
#include "sim_helpers.hpp"

using namespace simt;

namespace {
const double pi = 3.141592653589793;

/// A periodic unit box with the Taylor-Green vortex, U = 1, k = 2 pi, nu = 0.01.
struct Vortex {
    int n = 16, nz = 1, kz = 0, observables_every = 0;
    std::string physics;  ///< more physics keys, ", key: value" each
    std::string pressure = "fft";
    std::string precision = "double";
};
std::string taylor_green(const Vortex& o) {
    return fmt::format(
        "solver: navier_stokes\nprecision: {}\ngrid: {{nx: {}, ny: {}, nz: {}}}\n"
        "physics: {{viscosity: 0.01{}}}\npressure: {{solver: {}, tolerance: 1.0e-12}}\n"
        "initial: {{type: taylor_green, velocity: 1.0, kz: {}}}\noutput: {{observables_every: {}}}\n",
        o.precision, o.n, o.n, o.nz, o.physics, o.pressure, o.kz, o.observables_every);
}

/// Max-norm error of the cell-centred velocity against u = sin(kx) cos(ky) e^{-2 nu k^2 t},
/// v = -cos(kx) sin(ky) e^{-2 nu k^2 t} at t = 0.5, with dt = h / 4.
double taylor_green_error(int n, const std::string& physics, int nz = 1) {
    const double t_end = 0.5, nu = 0.01, k = 2 * pi;
    const int steps = 2 * n;
    Vortex o;
    o.n = n, o.nz = nz;
    o.physics = physics + fmt::format(", dt: {:.17g}", t_end / steps);
    auto sim = test::make_sim(taylor_green(o), Backend::Cpu);
    sim.step(steps);
    const auto u = test::field_values(sim, "velocity_x"), v = test::field_values(sim, "velocity_y");
    const double decay = std::exp(-2 * nu * k * k * sim.time());
    double err = 0;
    for (int z = 0; z < nz; ++z)
        for (int j = 0; j < n; ++j)
            for (int i = 0; i < n; ++i) {
                const double x = (i + 0.5) / n, y = (j + 0.5) / n;
                const std::size_t at = i + std::size_t(n) * (j + std::size_t(n) * z);
                err = std::max(err, std::abs(u[at] - decay * std::sin(k * x) * std::cos(k * y)));
                err = std::max(err, std::abs(v[at] + decay * std::cos(k * x) * std::sin(k * y)));
            }
    CHECK(sim.time() == test::relative(t_end, 1e-12));
    return err / decay;
}
}  // namespace

TEST_CASE("navier_stokes: the Taylor-Green vortex converges at second order") {
    // 16^2 and 32^2 keep the test short under the sanitizers; 64^2 gives 8.9e-4 (ratio 3.97).
    const double e16 = taylor_green_error(16, ""), e32 = taylor_green_error(32, "");
    MESSAGE("Taylor-Green central: error 16^2 ", e16, ", 32^2 ", e32, "; ratio ", e16 / e32);
    CHECK(e16 / e32 == test::relative(4, 0.1));
    CHECK(e32 < 5e-3);
}

namespace {
/// The unit cavity with walls all round and the lid y = 1 sliding at U = 1: Re = 1 / nu; the
/// pressure by CG (to 1e-9) or the spectral solver (cosine transforms).
std::string cavity(int n, double reynolds, const std::string& precision = "double", const std::string& pressure = "cg") {
    return fmt::format(
        "solver: navier_stokes\nprecision: {0}\ngrid: {{nx: {1}, ny: {1}}}\n"
        "physics: {{viscosity: {2}, cfl: 1.0}}\npressure: {{solver: {3}, tolerance: 1.0e-9}}\n"
        "boundaries: {{x_min: {{type: wall}}, x_max: {{type: wall}}, y_min: {{type: wall}},\n"
        "  y_max: {{type: moving_wall, velocity_x: 1.0}}}}\noutput: {{observables_every: 0}}\n",
        precision, n, 1 / reynolds, pressure);
}

/// Runs the cavity to t_end (the last tenth of the time must leave the flow steady to 1e-3
/// lid speeds) and returns the largest deviation from Ghia et al. along both centrelines.
double cavity_deviation(int n, double reynolds, double t_end, const std::string& pressure = "cg") {
    auto sim = test::make_sim(cavity(n, reynolds, "double", pressure), Backend::Cpu);
    while (sim.time() < 0.9 * t_end) sim.step(1);
    const auto u_before = test::field_values(sim, "velocity_x");
    while (sim.time() < t_end) sim.step(1);
    const auto u = test::field_values(sim, "velocity_x"), v = test::field_values(sim, "velocity_y");
    double change = 0;
    for (std::size_t c = 0; c < u.size(); ++c) change = std::max(change, std::abs(u[c] - u_before[c]));
    CHECK(change < 1e-3);
    // The projection leaves a divergence at the CG tolerance: |div| ~ 1e-9 of the rhs ~ U / h.
    CHECK(test::observable(sim, "max_divergence") < 1e-6);
    return test::deviation_from_ghia(int(reynolds), n, u, v, 1.0);
}
}  // namespace

// Slow: 5 s in Release, minutes under the sanitizers (the debug preset skips the slow label).
TEST_CASE("navier_stokes: the lid-driven cavity at Re 100 matches Ghia et al. (1982) along both centrelines" *
          doctest::test_suite("slow")) {
    for (const char* pressure : {"cg", "fft"}) {
        CAPTURE(pressure);
        const double worst = cavity_deviation(32, 100, 15, pressure);
        MESSAGE("cavity 32x32 Re 100, ", std::string(pressure), " pressure: largest deviation from Ghia et al. ", worst,
                " lid speeds");
        CHECK(worst < 0.02);
    }
}

TEST_CASE("navier_stokes: the cavity with the spectral pressure solver follows the CG run") {
    auto fft = test::make_sim(cavity(24, 100, "double", "fft"), Backend::Cpu);
    auto cg = test::make_sim(cavity(24, 100), Backend::Cpu);
    fft.step(100);
    cg.step(100);
    CHECK_FALSE(test::has_observable(fft, "poisson_iterations"));  // a direct solve has none
    CHECK(test::observable(cg, "poisson_iterations") > 0);
    // The direct solve leaves the divergence at rounding; CG at its tolerance (1e-9 of |rhs|).
    MESSAGE("cavity 24x24, 100 steps: max divergence fft ", test::observable(fft, "max_divergence"), ", cg ",
            test::observable(cg, "max_divergence"));
    CHECK(test::observable(fft, "max_divergence") < 1e-11);
    CHECK(fft.time() == test::relative(cg.time(), 1e-6));
    for (const char* name : {"velocity_x", "velocity_y", "pressure"}) {
        CAPTURE(name);
        const auto a = test::field_values(fft, name), b = test::field_values(cg, name);
        double worst = 0, scale = 0;
        for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i])), scale = std::max(scale, std::abs(b[i]));
        MESSAGE(std::string(name), ": largest difference ", worst, " (largest value ", scale, ")");
        CHECK(worst < 1e-8 * scale);
    }
}

// Slow: the flow needs some 40 lid-crossing times to settle; the multigrid-preconditioned CG
// keeps each pressure solve to about ten iterations.
TEST_CASE("navier_stokes: the lid-driven cavity at Re 1000 matches Ghia et al. (1982) along both centrelines" *
          doctest::test_suite("slow")) {
    const double worst = cavity_deviation(64, 1000, 50);
    MESSAGE("cavity 64x64 Re 1000: largest deviation from Ghia et al. ", worst, " lid speeds");
    // Re 100's profiles lie 0.1 to 0.2 lid speeds away from these.
    CHECK(worst < 0.03);
}

namespace {
/// A channel 0 < y < 1 between no-slip walls, 4 long, nu = 0.05: inflow through x_min (mean
/// speed 1: uniform at 1, or parabolic with peak 1.5), outflow through x_max; Re = 20 on the
/// width. The pressure by CG or the spectral solver (a DCT-IV along x: p = 0 at the outflow).
std::string channel(const std::string& profile, int ny, const std::string& pressure = "cg") {
    const double peak = profile == "parabolic" ? 1.5 : 1.0;
    return fmt::format("solver: navier_stokes\ngrid: {{nx: {0}, ny: {1}, lx: 4.0, ly: 1.0}}\n"
                    "physics: {{viscosity: 0.05}}\npressure: {{solver: {4}, tolerance: 1.0e-10}}\n"
                    "boundaries: {{x_min: {{type: inflow, profile: {2}, velocity_x: {3}}}, x_max: {{type: outflow}},\n"
                    "  y_min: {{type: wall}}, y_max: {{type: wall}}}}\noutput: {{observables_every: 0}}\n",
                    4 * ny, ny, profile, peak, pressure);
}

/// Largest deviation of u(y) in the cell column i from Poiseuille's 6 U y (1 - y) (U = 1, the
/// mean), and the mean of u over the column (the flux).
std::pair<double, double> poiseuille_deviation(const std::vector<double>& u, int nx, int ny, int i) {
    double worst = 0, flux = 0;
    for (int j = 0; j < ny; ++j) {
        const double y = (j + 0.5) / ny, exact = 6 * y * (1 - y);
        worst = std::max(worst, std::abs(u[std::size_t(i + nx * j)] - exact));
        flux += u[std::size_t(i + nx * j)] / ny;
    }
    return {worst, flux};
}
}  // namespace

TEST_CASE("navier_stokes: a channel with inflow and outflow develops Poiseuille flow") {
    // Hagen-Poiseuille between plates: u = 6 U y (1 - y) / H^2, dp/dx = -12 nu U / H^2 = -0.6.
    // The cell-centred parabola carries an O(h^2) error at the walls: 16 cells across.
    const int ny = 16, nx = 64;
    for (auto [profile, pressure] : {std::pair{"uniform", "cg"}, std::pair{"parabolic", "cg"}, std::pair{"parabolic", "fft"}}) {
        CAPTURE(profile);
        CAPTURE(pressure);
        auto sim = test::make_sim(channel(profile, ny, pressure), Backend::Cpu);
        while (sim.time() < 20) sim.step(10);  // five flow-throughs, 20 viscous times of the half-width
        const auto u = test::field_values(sim, "velocity_x"), p = test::field_values(sim, "pressure");
        // The developing length of a uniform inflow is ~ 0.05 Re H = 1: judge the last half.
        for (int i : {nx / 2, 3 * nx / 4, nx - 1}) {
            const auto [worst, flux] = poiseuille_deviation(u, nx, ny, i);
            MESSAGE(std::string(profile), " inflow, ", std::string(pressure), " pressure, x = ", (i + 0.5) / ny,
                    ": largest deviation from Poiseuille ", worst, ", flux ", flux);
            CHECK(worst < 0.02);
            // Incompressible: what enters leaves; the parabola sampled on 16 face centres carries
            // a flux of 1 + 1 / (2 ny^2).
            const double inflow = std::string(profile) == "parabolic" ? 1 + 0.5 / (ny * ny) : 1.0;
            CHECK(flux == test::relative(inflow, 1e-6));
        }
        // The pressure gradient along the centre line, over the developed half.
        const int j = ny / 2, i0 = nx / 2, i1 = nx - 8;
        const double gradient = (p[std::size_t(i1 + nx * j)] - p[std::size_t(i0 + nx * j)]) / (double(i1 - i0) / ny);
        MESSAGE(std::string(profile), " inflow, ", std::string(pressure), " pressure: dp/dx ", gradient);
        CHECK(gradient == test::relative(-0.6, 0.02));
        // p = 0 on the outflow face: the last cell's pressure is half a cell's drop above it.
        CHECK(std::abs(p[std::size_t(nx - 1 + nx * j)]) < 0.6 / ny);
        CHECK(test::observable(sim, "max_divergence") < 1e-6);
    }
}

TEST_CASE("navier_stokes: the 2-D vortex on a 3-D grid converges at second order too") {
    // initial.kz = 0 keeps the vortex uniform along z: still an exact solution.
    const double e16 = taylor_green_error(16, "", 4), e32 = taylor_green_error(32, "", 4);
    MESSAGE("Taylor-Green 3-D grid: error 16^2 ", e16, ", 32^2 ", e32, ", ratio ", e16 / e32);
    CHECK(e16 / e32 == test::relative(4, 0.1));
    CHECK(e16 == test::relative(taylor_green_error(16, ""), 1e-6));
}

TEST_CASE("navier_stokes: the bounded upwind scheme converges on the Taylor-Green vortex") {
    // The van Leer limiter clips at the velocity extrema, where it is locally first order: the
    // ratio sits between 2 (first order) and 4 (second order); central is the reference.
    const std::string upwind = ", advection: upwind";
    const double e16 = taylor_green_error(16, upwind), e32 = taylor_green_error(32, upwind);
    MESSAGE("Taylor-Green upwind: error 16^2 ", e16, ", 32^2 ", e32, ", ratio ", e16 / e32);
    CHECK(e16 / e32 > 2.5);
    CHECK(e32 < 0.02);
}

TEST_CASE("navier_stokes: the energy and enstrophy of the vortex decay as the analytic ones") {
    // Per unit area E = 1/2 <u^2 + v^2> = U^2 / 4; both E and the enstrophy decay as exp(-4 nu k^2 t).
    Vortex o;
    o.n = 64;
    auto sim = test::make_sim(taylor_green(o), Backend::Cpu);
    const double k = 2 * pi, nu = 0.01;
    sim.step(50);
    const double decay = std::exp(-4 * nu * k * k * sim.time());
    CHECK(test::observable(sim, "kinetic_energy") == test::relative(0.25 * decay, 2e-3));
    // Enstrophy 1/2 int omega^2 = k^2 U^2 / 2 per unit area (omega = 2 k U sin sin).
    CHECK(test::observable(sim, "enstrophy") == test::relative(0.5 * k * k * decay, 0.01));
    // The spectral projection leaves divergence at rounding: 1e-12 of U / h.
    CHECK(test::observable(sim, "max_divergence") < 1e-12 * 64);
    CHECK(test::observable(sim, "dt") > 0);
}

TEST_CASE("navier_stokes: FFT and CG pressure solvers give the same periodic flow") {
    for (int nz : {1, 8}) {
        CAPTURE(nz);
        Vortex o;
        o.nz = nz, o.kz = 1;
        auto fft = test::make_sim(taylor_green(o), Backend::Cpu);
        o.pressure = "cg";
        auto cg = test::make_sim(taylor_green(o), Backend::Cpu);
        fft.step(20);
        cg.step(20);
        CHECK(test::observable(cg, "poisson_iterations") > 0);
        CHECK(test::observable(cg, "poisson_residual") < 1e-12);
        for (const auto& name : fft.solver().field_names()) {
            CAPTURE(name);
            const auto a = test::field_values(fft, name), b = test::field_values(cg, name);
            double worst = 0;
            for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i]));
            CHECK(worst < 1e-9);
        }
    }
}

TEST_CASE("navier_stokes: restart is exact: N steps equal N/2, checkpoint, restore, N/2 — bit for bit") {
    for (Backend b : test::backends()) {
        for (const char* precision : {"double", "float"}) {
            CAPTURE(backend_name(b));
            CAPTURE(precision);
            test::TempDir tmp;
            Vortex plane;
            plane.precision = precision, plane.observables_every = 3;
            test::check_exact_restart(taylor_green(plane), b, 10, tmp.path.string());
            Vortex box;
            box.precision = precision, box.n = 8, box.nz = 6, box.kz = 1, box.physics = ", advection: upwind";
            test::check_exact_restart(taylor_green(box), b, 6, tmp.path.string());
            test::check_exact_restart(cavity(12, 100, precision), b, 10, tmp.path.string());
            test::check_exact_restart(cavity(12, 100, precision, "fft"), b, 10, tmp.path.string());
            test::check_exact_restart(channel("parabolic", 6), b, 10, tmp.path.string());
            test::check_exact_restart(channel("parabolic", 6, "fft"), b, 10, tmp.path.string());
        }
    }
}

TEST_CASE("navier_stokes: an obstacle stays solid and the flow around it divergence-free") {
    // A channel between walls with a square block, driven by a moving wall.
    const std::string yaml =
        "solver: navier_stokes\ngrid: {nx: 32, ny: 16, lx: 2.0, ly: 1.0}\nphysics: {viscosity: 0.02}\n"
        "pressure: {solver: cg, tolerance: 1.0e-10}\n"
        "boundaries: {y_min: {type: wall}, y_max: {type: moving_wall, velocity_x: 1.0}}\n"
        "obstacle_1: {shape: rectangle, center_x: 1.0, center_y: 0.25, size_x: 0.25, size_y: 0.25}\n"
        "output: {observables_every: 0}\n";
    auto sim = test::make_sim(yaml, Backend::Cpu);
    sim.step(40);
    const auto u = test::field_values(sim, "velocity_x"), v = test::field_values(sim, "velocity_y");
    // Cells with centres inside |x - 1| < 1/8, |y - 1/4| < 1/8: i = 14..17, j = 2..5.
    for (int j = 2; j < 6; ++j)
        for (int i = 14; i < 18; ++i) {
            CHECK(u[i + 32 * j] == 0);
            CHECK(v[i + 32 * j] == 0);
        }
    CHECK(test::observable(sim, "max_divergence") < 1e-6);
    // The flow goes over the block: positive u above it, driven by the lid.
    CHECK(u[16 + 32 * 10] > 0.01);
}

TEST_CASE("navier_stokes: steering changes the viscosity and the lid and refuses other keys") {
    auto sim = test::make_sim(cavity(12, 100), Backend::Cpu);
    sim.step(5);
    sim.set("physics.viscosity", 0.05);
    sim.set("boundaries.y_max.velocity_x", -0.5);
    sim.step(200);
    // The lid now drags the top row backwards.
    const auto u = test::field_values(sim, "velocity_x");
    CHECK(u[6 + 12 * 11] < -0.1);
    CHECK(sim.scenario_text().find("0.05") != std::string::npos);
    CHECK_THROWS_WITH_AS(sim.set("boundaries.y_max.velocity_y", 0.1), doctest::Contains("tangential"), ConfigError);
}

TEST_CASE("navier_stokes: pressure.solver auto takes the spectral solver unless obstacles need CG") {
    const auto uses_cg = [](const std::string& body) {
        auto sim = test::make_sim("solver: navier_stokes\ngrid: {nx: 16, ny: 8}\nphysics: {viscosity: 0.05}\n"
                                  "output: {observables_every: 0}\n" + body,
                                  Backend::Cpu);
        sim.step(1);
        return test::has_observable(sim, "poisson_iterations") && test::observable(sim, "poisson_iterations") > 0;
    };
    const std::string walls = "boundaries: {y_min: {type: wall}, y_max: {type: moving_wall, velocity_x: 1.0}}\n";
    CHECK_FALSE(uses_cg(walls));
    CHECK(uses_cg(walls + "obstacle_1: {shape: circle, center_x: 0.5, center_y: 0.5, radius: 0.2}\n"));
    CHECK_FALSE(uses_cg("boundaries: {x_min: {type: inflow, velocity_x: 1.0}, x_max: {type: outflow}, y_min: {type: wall}, "
                        "y_max: {type: wall}}\n"));
}

TEST_CASE("navier_stokes: configuration rules name the keys that break them") {
    const auto fails = [](const std::string& body, const char* fragment) {
        CAPTURE(body);
        CHECK_THROWS_WITH_AS(test::make_sim("solver: navier_stokes\n" + body, Backend::Cpu),
                             doctest::Contains(fragment), ConfigError);
    };
    fails("boundaries: {x_min: {type: wall}}\n", "must both be periodic or neither");
    fails("obstacle_1: {shape: circle, radius: 0.1}\npressure: {solver: fft}\n", "pressure.solver = cg");
    fails("boundaries: {z_min: {type: wall}, z_max: {type: wall}}\npressure: {solver: cg}\n", "periodic z faces");
    fails("boundaries: {y_min: {type: wall, velocity_x: 1.0}, y_max: {type: wall}}\npressure: {solver: cg}\n", "moving_wall");
    fails("physics: {dt: 1.0}\n", "viscous term");
    fails("obstacle_1: {shape: sphere, radius: 0.1}\npressure: {solver: cg}\n", "3-D grid");
    fails("physics: {advection: quick}\n", "central, upwind");
    fails("boundaries: {x_min: {type: outflow}, x_max: {type: inflow}}\npressure: {solver: cg}\n", "enters through a *_min");
    fails("boundaries: {x_min: {type: inflow, velocity_y: 1.0}, x_max: {type: outflow}}\npressure: {solver: cg}\n",
          "normal to it");
}

TEST_CASE("navier_stokes: CPU and GPU give the same flow to rounding" * doctest::test_suite("gpu")) {
    if (test::backends().size() < 2) return test::skip("no GPU: runs in scripts/gpu-check.sh");
    for (const char* precision : {"double", "float"}) {
        CAPTURE(precision);
        const double tol = std::string(precision) == "double" ? 1e-10 : 1e-4;
        Vortex plane;
        plane.precision = precision, plane.n = 32;
        test::check_cpu_gpu_agree(taylor_green(plane), 20, tol);
        Vortex box;
        box.precision = precision, box.nz = 16, box.kz = 1, box.physics = ", advection: upwind";
        test::check_cpu_gpu_agree(taylor_green(box), 10, tol);
        test::check_cpu_gpu_agree(cavity(32, 100, precision), 50, tol);
        test::check_cpu_gpu_agree(cavity(32, 100, precision, "fft"), 50, tol);
        test::check_cpu_gpu_agree(channel("parabolic", 8, "fft"), 50, tol);
    }
}
