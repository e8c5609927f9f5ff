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
#include "../temp_dir.hpp"
#include "sim_helpers.hpp"

using namespace simt;

namespace {
/// The LAMMPS binary: $SIMT_LAMMPS, else lmp, lmp_serial or lmp_stable on the PATH; "" if none.
std::string lammps_binary() {
    if (const char* env = std::getenv("SIMT_LAMMPS")) return env;
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "");
    std::string dir;
    while (std::getline(dirs, dir, ':'))
        for (const char* name : {"lmp", "lmp_serial", "lmp_stable"}) {
            const auto candidate = std::filesystem::path(dir) / name;
            if (std::filesystem::exists(candidate)) return candidate.string();
        }
    return "";
}

struct Case {
    std::string name;
    double r_cut;             ///< the largest cut-off: the range of the rdf field
    std::string yaml;         ///< the simt scenario (liquid state made by running it)
    double box;               ///< cubic box edge [sigma]
    int types;
    std::string pair_lines;   ///< LAMMPS pair_style, pair_coeff and pair_modify lines
};

/// The thermo columns both programs print, LAMMPS's names and simt's observables.
const char* const thermo_style = "thermo_style custom step pe ke etotal press pxx pyy pzz pxy pxz pyz temp\n"
                                 "thermo_modify norm no format float %.17g\n";
const char* const thermo_names[] = {"potential_energy", "kinetic_energy", "total_energy", "pressure", "pressure_xx",
                                    "pressure_yy", "pressure_zz", "pressure_xy", "pressure_xz", "pressure_yz",
                                    "temperature"};
constexpr int thermo_columns = 11;

/// LAMMPS's thermo rows (thermo_style above), each the step and thermo_columns values.
std::vector<std::vector<double>> lammps_thermo(const std::string& log) {
    std::ifstream in(log);
    std::string line;
    std::vector<std::vector<double>> rows;
    while (std::getline(in, line))
        if (line.find("PotEng") != std::string::npos && line.find("Pxx") != std::string::npos) {
            while (std::getline(in, line) && line.rfind("Loop time", 0) != 0) {
                std::stringstream s(line);
                std::vector<double> row(thermo_columns + 1);
                for (double& x : row) s >> x;
                if (s) rows.push_back(row);
            }
            return rows;
        }
    FAIL("no thermo line in ", log);
    return {};
}

/// Largest deviation of simt's observables from one LAMMPS thermo row (step first): relative for
/// the energies and the temperature, against |p| + 1 for the pressures (off-diagonal terms
/// fluctuate about 0).
double thermo_deviation(const Observables& ours, const std::vector<double>& row) {
    const double pressure_scale = std::abs(row[4]) + 1;
    double worst = 0;
    for (int k = 0; k < thermo_columns; ++k) {
        CAPTURE(thermo_names[k]);
        const auto at = std::find_if(ours.begin(), ours.end(), [&](const auto& o) { return o.first == thermo_names[k]; });
        REQUIRE(at != ours.end());
        const double theirs = row[std::size_t(k + 1)];
        const bool pressure = k >= 3 && k < 10;
        worst = std::max(worst, std::abs(at->second - theirs) / (pressure ? pressure_scale : std::abs(theirs)));
    }
    return worst;
}

/// Writes sim's state as a LAMMPS data file (atom_style atomic, cubic box [0, box)) with these
/// masses of types 1, 2, ...
void write_lammps_data(const std::string& path, Simulation& sim, double box, const std::vector<double>& masses) {
    const auto x = test::field_values(sim, "position"), v = test::field_values(sim, "velocity");
    const auto type = test::field_values(sim, "type");
    const std::size_t n = type.size();
    std::ofstream data(path);
    data << fmt::format("LAMMPS data file written by simt's test_md_lammps\n\n{} atoms\n{} atom types\n\n", n, masses.size());
    for (const char* axis : {"x", "y", "z"}) data << fmt::format("0 {:.17g} {}lo {}hi\n", box, axis, axis);
    data << "\nMasses\n\n";
    for (std::size_t t = 0; t < masses.size(); ++t) data << fmt::format("{} {:.17g}\n", t + 1, masses[t]);
    data << "\nAtoms # atomic\n\n";
    for (std::size_t i = 0; i < n; ++i)
        data << fmt::format("{} {} {:.17g} {:.17g} {:.17g}\n", i + 1, int(type[i]) + 1, x[i], x[n + i], x[2 * n + i]);
    data << "\nVelocities\n\n";
    for (std::size_t i = 0; i < n; ++i) data << fmt::format("{} {:.17g} {:.17g} {:.17g}\n", i + 1, v[i], v[n + i], v[2 * n + i]);
}

/// Runs LAMMPS (one thread) on `input` in dir, beside the data file; the log is dir/log.lammps.
void run_lammps(const test::TempDir& dir, const std::string& input) {
    const std::string lmp = lammps_binary();
    REQUIRE_MESSAGE(!lmp.empty(), "LAMMPS (lmp) is not installed: run scripts/install-deps.sh");
    std::ofstream(dir.file("in.lmp")) << input;
    const std::string command =
        fmt::format("cd '{}' && OMP_NUM_THREADS=1 '{}' -in in.lmp -log log.lammps -screen none", dir.path.string(), lmp);
    REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "LAMMPS failed: see ", dir.file("log.lammps"));
}

/// Skips a LAMMPS dump's header up to its ITEM: ATOMS line.
void skip_dump_header(std::ifstream& dump) {
    std::string line;
    while (std::getline(dump, line) && line.rfind("ITEM: ATOMS", 0) != 0) {}
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
/// Kob and Andersen's pair parameters (Phys. Rev. E 51, 4626 (1995)), in simt's and in LAMMPS's words.
const std::string kob_andersen_pairs =
    "potential: {cutoff: shift, aa: {epsilon: 1.0, sigma: 1.0, r_cut: 2.5}, ab: {epsilon: 1.5, sigma: 0.8, r_cut: 2.0},"
    " bb: {epsilon: 0.5, sigma: 0.88, r_cut: 2.2}}\n";
const std::string kob_andersen_lammps =
    "pair_style lj/cut 2.5\npair_coeff 1 1 1.0 1.0 2.5\npair_coeff 1 2 1.5 0.8 2.0\npair_coeff 2 2 0.5 0.88 2.2\n"
    "pair_modify shift yes\n";
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

    // The final state: positions by the minimum image (LAMMPS wraps only when it rebuilds).
    const auto x = test::field_values(sim, "position"), v = test::field_values(sim, "velocity");
    const std::size_t n = x.size() / 3;
    std::ifstream dump(dir.file("final.dump"));
    skip_dump_header(dump);
    double dx = 0, dv = 0, rms_v = 0;
    for (std::size_t k = 0; k < n; ++k) {
        std::size_t id = 0;
        double g[6];
        dump >> id >> g[0] >> g[1] >> g[2] >> g[3] >> g[4] >> g[5];
        REQUIRE(id == k + 1);
        for (std::size_t a = 0; a < 3; ++a) {
            const double d = x[a * n + k] - g[a];
            dx = std::max(dx, std::abs(d - liquid_box * std::round(d / liquid_box)));
            dv = std::max(dv, std::abs(v[a * n + k] - g[3 + a]));
            rms_v += g[3 + a] * g[3 + a];
        }
    }
    rms_v = std::sqrt(rms_v / double(3 * n));
    MESSAGE("after 50 steps: largest position deviation ", dx, " sigma, velocity deviation / rms velocity ", dv / rms_v);
    CHECK(dx < 1e-10);
    CHECK(dv / rms_v < 1e-10);
}
