// SPDX-License-Identifier: MIT
// The md solver's forces, energies and pressure tensor against LAMMPS (Debian's `lammps`
// package, installed by scripts/install-deps.sh) on the same configuration: a liquid state made
// by this solver is written as a LAMMPS data file, LAMMPS evaluates it with `run 0`, and its
// per-atom forces (dump), thermo output (log) and radial distribution function (compute rdf on
// the same bins) are compared at 1e-6 relative. A two-mass mixture then runs 50 NVE steps in
// both programs from one state: the energies, temperature and pressures of every step and the
// final positions and velocities agree to rounding.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <fmt/format.h>
#include "../lammps_files.hpp"
#include "../temp_dir.hpp"
#include "sim_helpers.hpp"

using namespace simt;
using simt::test::kob_andersen_lammps;
using simt::test::kob_andersen_pairs;
using simt::test::lammps_thermo;
using simt::test::run_lammps;
using simt::test::skip_dump_header;
using simt::test::thermo_deviation;
using simt::test::thermo_style;

namespace {
struct Case {
    std::string name;
    double r_cut;             ///< the largest cut-off: the range of the rdf field
    std::string yaml;         ///< the simt scenario (liquid state made by running it)
    double box;               ///< cubic box edge [sigma]
    int types;
    std::string pair_lines;   ///< LAMMPS pair_style, pair_coeff and pair_modify lines
};

/// Writes sim's state as a LAMMPS data file (test::write_lammps_data).
void write_lammps_data(const std::string& path, Simulation& sim, double box, const std::vector<double>& masses) {
    test::write_lammps_data(path, test::field_values(sim, "position"), test::field_values(sim, "velocity"),
                            test::field_values(sim, "type"), box, masses);
}

constexpr int rdf_bins = 50;

void compare_with_lammps(const Case& c) {
    CAPTURE(c.name);
    test::TempDir dir;
    auto sim = test::make_sim(c.yaml, Backend::Cpu);
    sim.step(150);  // melt the lattice: a liquid configuration with forces of all sizes
    write_lammps_data(dir.file("data.lmp"), sim, c.box, std::vector<double>(std::size_t(c.types), 1.0));
    run_lammps(dir, "units lj\natom_style atomic\nboundary p p p\nread_data data.lmp\n" + c.pair_lines +
                        "neighbor 0.3 bin\n" + thermo_style +
                        "dump 1 all custom 1 forces.dump id fx fy fz\n"
                        "dump_modify 1 format float %.17g sort id\n" +
                        fmt::format("compute g all rdf {} cutoff {}\n", rdf_bins, c.r_cut) +
                        "fix g all ave/time 1 1 1 c_g[*] file rdf.txt mode vector format \" %.17g\"\n"
                        "run 0\n");
    const auto f = test::field_values(sim, "force");
    const std::size_t n = f.size() / 3;

    // Forces: the largest deviation of any component against the rms force.
    std::ifstream dump(dir.file("forces.dump"));
    skip_dump_header(dump);
    double worst = 0, rms = 0;
    for (std::size_t k = 0; k < n; ++k) {
        std::size_t id = 0;
        double g[3];
        dump >> id >> g[0] >> g[1] >> g[2];
        REQUIRE(id == k + 1);
        for (int a = 0; a < 3; ++a) {
            worst = std::max(worst, std::abs(f[a * n + k] - g[a]));
            rms += g[a] * g[a];
        }
    }
    rms = std::sqrt(rms / double(3 * n));
    MESSAGE(c.name, ": largest force deviation / rms force = ", worst / rms);
    CHECK(worst / rms < 1e-6);

    const double worst_thermo = thermo_deviation(sim.observables(), lammps_thermo(dir.file("log.lammps")).at(0));
    MESSAGE(c.name, ": largest relative deviation of the energies, pressures and temperature = ", worst_thermo);
    CHECK(worst_thermo < 1e-6);

    // g(r): rows "bin r g coordination" after two comment lines and "step rows".
    const auto g = test::field_values(sim, "rdf");
    REQUIRE(g.size() == std::size_t(rdf_bins));
    std::ifstream rdf(dir.file("rdf.txt"));
    std::string line;
    for (int skip = 0; skip < 4; ++skip) std::getline(rdf, line);
    double worst_rdf = 0, peak = 0;
    for (int b = 0; b < rdf_bins; ++b) {
        int row = 0;
        double r = 0, theirs = 0, coordination = 0;
        rdf >> row >> r >> theirs >> coordination;
        REQUIRE(row == b + 1);
        worst_rdf = std::max(worst_rdf, std::abs(g[std::size_t(b)] - theirs));
        peak = std::max(peak, theirs);
    }
    MESSAGE(c.name, ": largest deviation of g(r) = ", worst_rdf, " (peak ", peak, ")");
    CHECK(peak > 1);
    CHECK(worst_rdf < 1e-6 * peak);
}

const double liquid_box = 5 * std::cbrt(4 / 0.8442);
std::string liquid(const std::string& potential) {
    return "solver: md\nseed: 3\nsystem: {lattice: fcc, nx: 5, ny: 5, nz: 5, density: 0.8442}\ninitial: {temperature: 1.44}\n"
           "output: {observables_every: 0}\nobservables: {rdf_bins: 50}\n" + potential;
}
}  // namespace

TEST_CASE("md vs LAMMPS: Lennard-Jones with plain and shifted and force-shifted cut-offs" * doctest::test_suite("lammps")) {
    compare_with_lammps({"lj/cut", 2.5, liquid("potential: {cutoff: plain}\n"), liquid_box, 1,
                         "pair_style lj/cut 2.5\npair_coeff * * 1.0 1.0 2.5\n"});
    compare_with_lammps({"lj/cut shift", 2.5, liquid("potential: {cutoff: shift}\n"), liquid_box, 1,
                         "pair_style lj/cut 2.5\npair_coeff * * 1.0 1.0 2.5\npair_modify shift yes\n"});
    compare_with_lammps({"lj/smooth/linear", 2.5, liquid("potential: {cutoff: force_shift}\n"), liquid_box, 1,
                         "pair_style lj/smooth/linear 2.5\npair_coeff * * 1.0 1.0 2.5\n"});
}

TEST_CASE("md vs LAMMPS: Morse and WCA" * doctest::test_suite("lammps")) {
    compare_with_lammps({"morse", 2.2, liquid("potential: {type: morse, cutoff: shift, aa: {epsilon: 0.9, sigma: 1.1, alpha: 2.5, r_cut: 2.2}}\n"),
                         liquid_box, 1, "pair_style morse 2.2\npair_coeff * * 0.9 2.5 1.1 2.2\npair_modify shift yes\n"});
    compare_with_lammps({"wca", 1.122462048309373, liquid("potential: {type: wca}\n"), liquid_box, 1,
                         "pair_style lj/cut 1.122462048309373\npair_coeff * * 1.0 1.0 1.122462048309373\npair_modify shift yes\n"});
}

TEST_CASE("md vs LAMMPS: Kob-Andersen mixture" * doctest::test_suite("lammps")) {
    const std::string yaml =
        "solver: md\nseed: 4\nsystem: {lattice: random, particles: 800, density: 1.2, min_distance: 0.8, types: 2, "
        "fraction_b: 0.2}\ninitial: {temperature: 1.0}\noutput: {observables_every: 0}\nobservables: {rdf_bins: 50}\n"
        "integrator: {type: langevin}\n" + kob_andersen_pairs;
    compare_with_lammps({"kob-andersen", 2.5, yaml, std::cbrt(800 / 1.2), 2, kob_andersen_lammps});
}

TEST_CASE("md vs LAMMPS: an NVE trajectory of a two-mass mixture" * doctest::test_suite("lammps")) {
    // 500 particles, 40% of type B with mass 3 (A: 1), Kob-Andersen pair parameters; 150 NVE steps
    // from an fcc lattice at T = 1.44 melt it, then both programs run 50 steps from that state.
    // simt's skin of 0.2 makes three list cells per axis: the CPU's half list.
    const std::string yaml =
        "solver: md\nseed: 6\nsystem: {lattice: fcc, nx: 5, ny: 5, nz: 5, density: 0.8442, types: 2, fraction_b: 0.4, "
        "mass_b: 3.0}\ninitial: {temperature: 1.44}\nneighbor: {skin: 0.2}\noutput: {observables_every: 0}\n" +
        kob_andersen_pairs;
    constexpr int steps = 50;
    test::TempDir dir;
    auto sim = test::make_sim(yaml, Backend::Cpu);
    sim.step(150);
    write_lammps_data(dir.file("data.lmp"), sim, liquid_box, {1.0, 3.0});
    std::vector<Observables> ours{sim.observables()};
    for (int s = 0; s < steps; ++s) {
        sim.step(1);
        ours.push_back(sim.observables());
    }
    run_lammps(dir, "units lj\natom_style atomic\nboundary p p p\nread_data data.lmp\n" + kob_andersen_lammps +
                        "neighbor 0.3 bin\nneigh_modify delay 0 every 1 check yes\n"
                        "timestep 0.005\nfix 1 all nve\nthermo 1\n" +
                        thermo_style + fmt::format("run {}\n", steps) +
                        "write_dump all custom final.dump id x y z vx vy vz modify format float %.17g sort id\n");

    const auto rows = lammps_thermo(dir.file("log.lammps"));
    REQUIRE(rows.size() == std::size_t(steps + 1));
    double worst = 0;
    for (int s = 0; s <= steps; ++s) {
        CAPTURE(s);
        REQUIRE(rows[std::size_t(s)][0] == s);
        worst = std::max(worst, thermo_deviation(ours[std::size_t(s)], rows[std::size_t(s)]));
    }
    MESSAGE("two masses, 50 NVE steps: largest relative deviation of the energies, pressures and temperature = ", worst);
    CHECK(worst < 1e-10);

    const test::StateDeviation d = test::state_deviation(dir.file("final.dump"), test::field_values(sim, "position"),
                                                         test::field_values(sim, "velocity"), liquid_box);
    MESSAGE("after 50 steps: largest position deviation ", d.position, " sigma, velocity deviation / rms velocity ",
            d.velocity / d.rms_velocity);
    CHECK(d.position < 1e-10);
    CHECK(d.velocity / d.rms_velocity < 1e-10);
}
