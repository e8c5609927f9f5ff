// SPDX-License-Identifier: MIT
// The md solver's forces, energies and pressure tensor against LAMMPS (Debian's `lammps`
// package, installed by scripts/install-deps.sh) on the same configuration: a liquid state made
// by this solver is written as a LAMMPS data file, LAMMPS evaluates it with `run 0`, and its
// per-atom forces (dump), thermo output (log) and radial distribution function (compute rdf on
// the same bins) are compared at 1e-6 relative.
#include <doctest/doctest.h>

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

/// LAMMPS's thermo line: pe ke etotal press pxx pyy pzz pxy pxz pyz.
std::vector<double> lammps_thermo(const std::string& log) {
    std::ifstream in(log);
    std::string line;
    while (std::getline(in, line))
        if (line.find("PotEng") != std::string::npos && line.find("Pxx") != std::string::npos) {
            std::getline(in, line);
            std::stringstream s(line);
            double step = 0;
            s >> step;
            std::vector<double> v(10);
            for (double& x : v) s >> x;
            return v;
        }
    FAIL("no thermo line in ", log);
    return {};
}

constexpr int rdf_bins = 50;

void compare_with_lammps(const Case& c) {
    CAPTURE(c.name);
    const std::string lmp = lammps_binary();
    REQUIRE_MESSAGE(!lmp.empty(), "LAMMPS (lmp) is not installed: run scripts/install-deps.sh");
    test::TempDir dir;
    auto sim = test::make_sim(c.yaml, Backend::Cpu);
    sim.step(150);  // melt the lattice: a liquid configuration with forces of all sizes
    const auto x = test::field_values(sim, "position"), v = test::field_values(sim, "velocity");
    const auto f = test::field_values(sim, "force"), type = test::field_values(sim, "type");
    const std::size_t n = type.size();

    std::ofstream data(dir.file("data.lmp"));
    data << fmt::format("LAMMPS data file written by simt's test_md_lammps\n\n{} atoms\n{} atom types\n\n", n, c.types);
    for (const char* axis : {"x", "y", "z"}) data << fmt::format("0 {:.17g} {}lo {}hi\n", c.box, axis, axis);
    data << "\nMasses\n\n";
    for (int t = 1; t <= c.types; ++t) data << t << " 1.0\n";
    data << "\nAtoms # atomic\n\n";
    for (std::size_t i = 0; i < n; ++i)
        data << fmt::format("{} {} {:.17g} {:.17g} {:.17g}\n", i + 1, int(type[i]) + 1, x[i], x[n + i], x[2 * n + i]);
    data << "\nVelocities\n\n";
    for (std::size_t i = 0; i < n; ++i) data << fmt::format("{} {:.17g} {:.17g} {:.17g}\n", i + 1, v[i], v[n + i], v[2 * n + i]);
    data.close();
    std::ofstream input(dir.file("in.lmp"));
    input << "units lj\natom_style atomic\nboundary p p p\nread_data data.lmp\n" << c.pair_lines
          << "neighbor 0.3 bin\n"
             "thermo_style custom step pe ke etotal press pxx pyy pzz pxy pxz pyz\n"
             "thermo_modify norm no format float %.17g\n"
             "dump 1 all custom 1 forces.dump id fx fy fz\n"
             "dump_modify 1 format float %.17g sort id\n"
          << fmt::format("compute g all rdf {} cutoff {}\n", rdf_bins, c.r_cut)
          << "fix g all ave/time 1 1 1 c_g[*] file rdf.txt mode vector format \" %.17g\"\n"
             "run 0\n";
    input.close();
    const std::string command =
        fmt::format("cd '{}' && OMP_NUM_THREADS=1 '{}' -in in.lmp -log log.lammps -screen none", dir.path.string(), lmp);
    REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "LAMMPS failed: see ", dir.file("log.lammps"));

    // Forces: the largest deviation of any component against the rms force.
    std::ifstream dump(dir.file("forces.dump"));
    std::string line;
    while (std::getline(dump, line) && line.rfind("ITEM: ATOMS", 0) != 0) {}
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

    const auto lmp_thermo = lammps_thermo(dir.file("log.lammps"));
    const char* names[] = {"potential_energy", "kinetic_energy", "total_energy", "pressure", "pressure_xx",
                           "pressure_yy", "pressure_zz", "pressure_xy", "pressure_xz", "pressure_yz"};
    const double pressure_scale = std::abs(lmp_thermo[3]) + 1;  // off-diagonal terms fluctuate about 0
    double worst_thermo = 0;
    for (int k = 0; k < 10; ++k) {
        CAPTURE(names[k]);
        const double ours = test::observable(sim, names[k]), theirs = lmp_thermo[std::size_t(k)];
        const double scale = k < 3 ? std::abs(theirs) : pressure_scale;
        CHECK(std::abs(ours - theirs) / scale < 1e-6);
        worst_thermo = std::max(worst_thermo, std::abs(ours - theirs) / scale);
    }
    MESSAGE(c.name, ": largest relative deviation of the energies and pressures = ", worst_thermo);

    // g(r): rows "bin r g coordination" after two comment lines and "step rows".
    const auto g = test::field_values(sim, "rdf");
    REQUIRE(g.size() == std::size_t(rdf_bins));
    std::ifstream rdf(dir.file("rdf.txt"));
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
        "potential: {cutoff: shift, aa: {epsilon: 1.0, sigma: 1.0, r_cut: 2.5}, ab: {epsilon: 1.5, sigma: 0.8, r_cut: 2.0},"
        " bb: {epsilon: 0.5, sigma: 0.88, r_cut: 2.2}}\nintegrator: {type: langevin}\n";
    compare_with_lammps({"kob-andersen", 2.5, yaml, std::cbrt(800 / 1.2), 2,
                         "pair_style lj/cut 2.5\npair_coeff 1 1 1.0 1.0 2.5\npair_coeff 1 2 1.5 0.8 2.0\n"
                         "pair_coeff 2 2 0.5 0.88 2.2\npair_modify shift yes\n"});
}
