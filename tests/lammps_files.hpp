// SPDX-License-Identifier: MIT
// Running Debian's LAMMPS (`lmp`) beside simt and reading what it writes: a data file from a
// state, the thermo rows of its log, its dumps. Shared by the one-process cross-checks
// (solvers/test_md_lammps.cpp) and the ones across ranks (mpi/test_md_ranks.cpp).
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include "temp_dir.hpp"

namespace simt::test {
/// The LAMMPS binary: $SIMT_LAMMPS, else lmp, lmp_serial or lmp_stable on the PATH; "" if none.
inline std::string lammps_binary() {
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

/// Kob and Andersen's pair parameters (Phys. Rev. E 51, 4626 (1995)), in simt's and in LAMMPS's words.
inline const std::string kob_andersen_pairs =
    "potential: {cutoff: shift, aa: {epsilon: 1.0, sigma: 1.0, r_cut: 2.5}, ab: {epsilon: 1.5, sigma: 0.8, r_cut: 2.0},"
    " bb: {epsilon: 0.5, sigma: 0.88, r_cut: 2.2}}\n";
inline const std::string kob_andersen_lammps =
    "pair_style lj/cut 2.5\npair_coeff 1 1 1.0 1.0 2.5\npair_coeff 1 2 1.5 0.8 2.0\npair_coeff 2 2 0.5 0.88 2.2\n"
    "pair_modify shift yes\n";

/// The thermo columns both programs print, LAMMPS's names and simt's observables.
inline const char* const thermo_style =
    "thermo_style custom step pe ke etotal press pxx pyy pzz pxy pxz pyz temp\n"
    "thermo_modify norm no format float %.17g\n";
inline const char* const thermo_names[] = {"potential_energy", "kinetic_energy", "total_energy", "pressure",
                                           "pressure_xx",      "pressure_yy",    "pressure_zz",  "pressure_xy",
                                           "pressure_xz",      "pressure_yz",    "temperature"};
constexpr int thermo_columns = 11;

/// LAMMPS's thermo rows (thermo_style above), each the step and thermo_columns values.
inline std::vector<std::vector<double>> lammps_thermo(const std::string& log) {
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

/// Largest deviation of simt's observables (simt::Observables) from one LAMMPS thermo row (step first): relative for
/// the energies and the temperature, against |p| + 1 for the pressures (off-diagonal terms
/// fluctuate about 0).
inline double thermo_deviation(const std::vector<std::pair<std::string, double>>& ours,
                               const std::vector<double>& row) {
    const double pressure_scale = std::abs(row[4]) + 1;
    double worst = 0;
    for (int k = 0; k < thermo_columns; ++k) {
        CAPTURE(thermo_names[k]);
        const auto at =
            std::find_if(ours.begin(), ours.end(), [&](const auto& o) { return o.first == thermo_names[k]; });
        REQUIRE(at != ours.end());
        const double theirs = row[std::size_t(k + 1)];
        const bool pressure = k >= 3 && k < 10;
        worst = std::max(worst, std::abs(at->second - theirs) / (pressure ? pressure_scale : std::abs(theirs)));
    }
    return worst;
}

/// Writes a state as a LAMMPS data file (atom_style atomic, cubic box [0, box)) with these masses
/// of types 1, 2, ...: x and v [axis][id], type[id] from 0.
inline void write_lammps_data(const std::string& path, const std::vector<double>& x, const std::vector<double>& v,
                              const std::vector<double>& type, double box, const std::vector<double>& masses) {
    const std::size_t n = type.size();
    std::ofstream data(path);
    data << fmt::format("LAMMPS data file written by simt's tests\n\n{} atoms\n{} atom types\n\n", n, masses.size());
    for (const char* axis : {"x", "y", "z"}) data << fmt::format("0 {:.17g} {}lo {}hi\n", box, axis, axis);
    data << "\nMasses\n\n";
    for (std::size_t t = 0; t < masses.size(); ++t) data << fmt::format("{} {:.17g}\n", t + 1, masses[t]);
    data << "\nAtoms # atomic\n\n";
    for (std::size_t i = 0; i < n; ++i)
        data << fmt::format("{} {} {:.17g} {:.17g} {:.17g}\n", i + 1, int(type[i]) + 1, x[i], x[n + i], x[2 * n + i]);
    data << "\nVelocities\n\n";
    for (std::size_t i = 0; i < n; ++i)
        data << fmt::format("{} {:.17g} {:.17g} {:.17g}\n", i + 1, v[i], v[n + i], v[2 * n + i]);
}

/// Runs LAMMPS (one thread a rank) on `input` in dir, beside the data file, through `launcher`
/// ("" for one process, "mpirun ... -np 2 " for ranks); the log is dir/log.lammps.
inline void run_lammps(const TempDir& dir, const std::string& input, const std::string& launcher = "") {
    const std::string lmp = lammps_binary();
    REQUIRE_MESSAGE(!lmp.empty(), "LAMMPS (lmp) is not installed: run scripts/install-deps.sh");
    std::ofstream(dir.file("in.lmp")) << input;
    const std::string command =
        fmt::format("cd '{}' && OMP_NUM_THREADS=1 {}'{}' -in in.lmp -log log.lammps -screen none", dir.path.string(),
                    launcher, lmp);
    REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "LAMMPS failed: see ", dir.file("log.lammps"));
}

/// Skips a LAMMPS dump's header up to its ITEM: ATOMS line.
inline void skip_dump_header(std::ifstream& dump) {
    std::string line;
    while (std::getline(dump, line) && line.rfind("ITEM: ATOMS", 0) != 0) {
    }
}
/// How far a final state is from LAMMPS's dump of it.
struct StateDeviation {
    double position, velocity, rms_velocity;  ///< largest |dx| (minimum image), largest |dv|, LAMMPS's rms v
};

/// x and v [axis][id] against a dump of "id x y z vx vy vz" sorted by id, in a cubic box (LAMMPS
/// wraps positions only when it rebuilds its lists).
inline StateDeviation state_deviation(const std::string& dump_file, const std::vector<double>& x,
                                      const std::vector<double>& v, double box) {
    const std::size_t n = x.size() / 3;
    std::ifstream dump(dump_file);
    skip_dump_header(dump);
    StateDeviation d{0, 0, 0};
    for (std::size_t k = 0; k < n; ++k) {
        std::size_t id = 0;
        double g[6];
        dump >> id >> g[0] >> g[1] >> g[2] >> g[3] >> g[4] >> g[5];
        REQUIRE(id == k + 1);
        for (std::size_t a = 0; a < 3; ++a) {
            const double dx = x[a * n + k] - g[a];
            d.position = std::max(d.position, std::abs(dx - box * std::round(dx / box)));
            d.velocity = std::max(d.velocity, std::abs(v[a * n + k] - g[3 + a]));
            d.rms_velocity += g[3 + a] * g[3 + a];
        }
    }
    d.rms_velocity = std::sqrt(d.rms_velocity / double(3 * n));
    return d;
}
}  // namespace simt::test
