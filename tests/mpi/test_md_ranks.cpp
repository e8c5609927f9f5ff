// SPDX-License-Identifier: MIT
// `mpirun -np K simt run` on the md solver (spatial decomposition, docs/parallel.md) against
// runs in one process: with neighbor.deterministic the positions, velocities, observables and
// trajectories of 2 to 4 ranks are the one-process bits (NVE, Langevin, Bussi, Nosé-Hoover, a
// two-type mixture with its own masses, WCA, Morse in float); in the default order (half lists,
// ghost forces sent back) they agree with the plain solver to 1e-12 and keep its statistics over
// 3000 steps (label slow); energy and momentum are conserved across migrations; the start is the
// one-process start's bits, each rank making only its own particles; a checkpoint written on 3
// ranks restarts on 2, on 4 (read in slices of ids) and in one process; SIGTERM to one rank
// stops both; a sub-box thinner than r_cut + skin is refused.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>
#include <fmt/format.h>
#include <simt/config.hpp>
#include <simt/io/checkpoint.hpp>
#include <simt/io/hdf5_array.hpp>
#include "../lammps_files.hpp"
#include "../skip.hpp"
#include "../temp_dir.hpp"
#include "checkpoint_files.hpp"
#include "launch.hpp"
#include "stop_by_signal.hpp"

using simt::test::check_refused;
using simt::test::checkpoint;
using simt::test::field;
using simt::test::have_mpi;
using simt::test::read_text;
using simt::test::run;
using simt::test::TempDir;
using simt::test::write;

namespace {
// 864 Lennard-Jones particles (box 10.1 sigma, three sub-boxes of r_cut + skin along each axis),
// hot enough that particles cross sub-box faces and the lists are rebuilt within 100 steps.
constexpr const char* liquid = R"(simt: 1
solver: md
device: cpu
precision: double
seed: 4242
system: {lattice: fcc, nx: 6, ny: 6, nz: 6, density: 0.8442}
initial: {temperature: 1.44}
potential: {type: lj, cutoff: shift, aa: {epsilon: 1.0, sigma: 1.0, r_cut: 2.5}}
integrator: {type: nve, dt: 0.005}
thermostat: {temperature: 1.2, tau: 0.1, friction: 2.0}
neighbor: {skin: 0.3, deterministic: true}
run: {steps: 100}
output: {observables_every: 20, checkpoint_every: 50, trajectory_every: 50}
)";

// The Kob-Andersen mixture, B lighter than A, from random positions (800 particles).
constexpr const char* mixture = R"(simt: 1
solver: md
device: cpu
precision: double
seed: 1995
system: {lattice: random, particles: 800, density: 1.2, min_distance: 0.8, types: 2, fraction_b: 0.2, mass_b: 0.5}
initial: {temperature: 1.0}
potential:
  type: lj
  cutoff: shift
  aa: {epsilon: 1.0, sigma: 1.0, r_cut: 2.5}
  ab: {epsilon: 1.5, sigma: 0.8, r_cut: 2.0}
  bb: {epsilon: 0.5, sigma: 0.88, r_cut: 2.2}
integrator: {type: bussi, dt: 0.004}
thermostat: {temperature: 0.8, tau: 0.2}
neighbor: {deterministic: true}
run: {steps: 100}
output: {observables_every: 20}
)";

/// A (3, N) state array of a checkpoint in particle-id order (its storage order may differ).
template <class T = double>
std::vector<T> by_id(const std::string& file, const std::string& name) {
    const auto ids = field<std::int32_t>(file, "state_id");
    const auto values = field<T>(file, name);
    const std::size_t n = ids.size();
    std::vector<T> out(values.size());
    for (std::size_t a = 0; a < 3; ++a)
        for (std::size_t k = 0; k < n; ++k) out[a * n + std::size_t(ids[k])] = values[a * n + k];
    return out;
}

/// The run in `out` ended (step 100) with the reference run's positions and velocities to the
/// bit, wrote the same observables and, where `trajectory`, the same trajectory frames.
void check_same_run(const std::string& out, const std::string& reference, bool trajectory) {
    const std::string mine = checkpoint(out, 100), theirs = checkpoint(reference, 100);
    for (const std::string name : {"state_position", "state_velocity", "state_force"}) {
        CAPTURE(name);
        CHECK(by_id(mine, name) == by_id(theirs, name));
    }
    CHECK(by_id<std::int32_t>(mine, "state_image") == by_id<std::int32_t>(theirs, "state_image"));
    CHECK(read_text(out + "/observables.csv") == read_text(reference + "/observables.csv"));
    if (!trajectory) return;
    for (const char* dataset : {"/particles/all/position/value", "/particles/all/velocity/value"}) {
        CAPTURE(dataset);
        const auto a = simt::io::read_hdf5_array(out + "/trajectory.h5", dataset);
        const auto b = simt::io::read_hdf5_array(reference + "/trajectory.h5", dataset);
        CHECK(a.dims == b.dims);
        CHECK(a.values == b.values);
    }
}

/// Observable `name` of the run in `out`, one value per row.
std::vector<double> series(const std::string& out, const std::string& name) {
    return simt::io::read_hdf5_array(out + "/observables.h5", "/observables/" + name).values;
}

/// The largest |a - b| over two checkpoints' state array `name`, by particle id.
double largest_difference(const std::string& a, const std::string& b, const std::string& name) {
    const auto x = by_id(a, name), y = by_id(b, name);
    REQUIRE(x.size() == y.size());
    double most = 0;
    for (std::size_t k = 0; k < x.size(); ++k) most = std::max(most, std::abs(x[k] - y[k]));
    return most;
}
}  // namespace

TEST_SUITE("mpi") {
    TEST_CASE("mpi: md in particle-id order on 2 to 4 ranks gives the one-process bits") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = write(dir, "liquid.yaml", liquid);
        struct Case {
            const char* integrator;
            int ranks;
            const char* extra;
        };
        // Three ranks cut z alone, four a 1 x 2 x 2 grid; the fixed 2 x 2 x 1 grid has both faces of x
        // and y bordering one rank (each ghost arrives twice and is kept once).
        const Case cases[] = {
            {"nve", 2, ""},
            {"nve", 3, ""},
            {"nve", 4, ""},
            {"langevin", 4, "--set parallel.ranks_x=2 --set parallel.ranks_y=2 --set parallel.ranks_z=1"},
            {"bussi", 3, ""},
            {"nose_hoover", 2, ""}};
        std::string last;
        for (const Case& c : cases) {
            const std::string integrator = c.integrator;
            CAPTURE(integrator);
            CAPTURE(c.ranks);
            const std::string set = fmt::format("--set integrator.type={} {}", c.integrator, c.extra);
            const std::string plain = dir.file(fmt::format("plain_{}", c.integrator));
            if (last != c.integrator) run(0, scenario, plain, set);
            last = c.integrator;
            const std::string out = dir.file(fmt::format("{}_{}", c.integrator, c.ranks));
            run(c.ranks, scenario, out, set);
            check_same_run(out, plain, true);
            // Particles did cross the sub-boxes' faces: the lists were rebuilt.
            const auto rebuilds = series(out, "neighbor_rebuilds");
            CHECK(rebuilds.back() >= 3);
        }
    }

    TEST_CASE("mpi: a two-type mixture with its own masses, WCA and Morse in float, in particle-id order") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = write(dir, "mixture.yaml", mixture);
        run(0, scenario, dir.file("plain"));
        run(3, scenario, dir.file("three"));
        check_same_run(dir.file("three"), dir.file("plain"), false);
        const std::string other = write(dir, "liquid.yaml", liquid);
        const std::string wca = "--set potential.type=wca --set integrator.type=langevin";
        run(0, other, dir.file("wca_plain"), wca);
        run(3, other, dir.file("wca_three"), wca);
        check_same_run(dir.file("wca_three"), dir.file("wca_plain"), true);
        // Morse with its force shifted too, in float (positions go through the ranks' double records).
        const std::string morse = "--set potential.type=morse --set potential.cutoff=force_shift --set precision=float";
        run(0, other, dir.file("morse_plain"), morse);
        run(4, other, dir.file("morse_four"), morse);
        const std::string a = checkpoint(dir.file("morse_four"), 100), b = checkpoint(dir.file("morse_plain"), 100);
        CHECK(field<float>(a, "state_position") == field<float>(b, "state_position"));
        CHECK(field<float>(a, "state_velocity") == field<float>(b, "state_velocity"));
        CHECK(read_text(dir.file("morse_four/observables.csv")) == read_text(dir.file("morse_plain/observables.csv")));
    }

    TEST_CASE("mpi: md's start on 1 to 4 ranks has the one-process bits, each rank making only its own particles") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        struct Case {
            const char* name;
            const char* text;
            const char* extra;
        };
        // An fcc lattice (sites by index), the mixture on an fcc lattice (types split by the
        // Philox keys' bisection over ranks, masses in the velocity draw) and on random
        // positions (drawn whole, then filtered), and the lattice in float.
        const Case cases[] = {
            {"fcc", liquid, ""},
            {"fcc_mixture", mixture, "--set system.lattice=fcc --set system.nx=6 --set system.ny=6 --set system.nz=6"},
            {"random_mixture", mixture, ""},
            {"fcc_float", liquid, "--set precision=float"}};
        const auto frame0 = [](const std::string& out, const char* dataset) {
            const auto a = simt::io::read_hdf5_array(out + "/trajectory.h5", dataset);
            const std::size_t n = a.dims.at(1) * a.dims.at(2);
            return std::vector<double>(a.values.begin(), a.values.begin() + std::ptrdiff_t(n));
        };
        for (const Case& c : cases) {
            const std::string name = c.name;
            CAPTURE(name);
            const std::string scenario = write(dir, name + ".yaml", c.text);
            // The reference: the one-process solver's own start (md/solver.hpp), not the ranks' code.
            const std::string set = std::string(
                                        "--steps 1 --set neighbor.deterministic=false --set "
                                        "output.trajectory_every=1 ") +
                                    c.extra;
            const std::string plain = dir.file(std::string(c.name) + "_plain");
            run(0, scenario, plain, set);
            for (int ranks = 2; ranks <= 4; ++ranks) {
                CAPTURE(ranks);
                const std::string out = dir.file(fmt::format("{}_{}", c.name, ranks));
                run(ranks, scenario, out, set);
                for (const std::string dataset : {"/particles/all/position/value", "/particles/all/velocity/value"}) {
                    CAPTURE(dataset);
                    CHECK(frame0(out, dataset.c_str()) == frame0(plain, dataset.c_str()));
                }
                // Types from the state (the trajectory's species come from the scenario).
                const auto types = [](const std::string& run) {
                    const std::string file = checkpoint(run, 1);
                    const auto ids = field<std::int32_t>(file, "state_id"),
                               type = field<std::int32_t>(file, "state_type");
                    std::vector<std::int32_t> by_id(ids.size());
                    for (std::size_t k = 0; k < ids.size(); ++k) by_id[std::size_t(ids[k])] = type[k];
                    return by_id;
                };
                CHECK(types(out) == types(plain));
                // Each rank holds its sub-box's share: the fcc sites split evenly, the random ones
                // within a fluctuation of N / ranks.
                const std::string log = read_text(out + ".log");
                const auto at = log.find("at most ");
                REQUIRE(at != std::string::npos);
                const double most = std::stod(log.substr(at + 8));
                const double n = double(field<std::int32_t>(checkpoint(out, 1), "state_id").size());
                CHECK(most <= 1.15 * n / ranks);
            }
        }
    }

    TEST_CASE("mpi: md across ranks in the default order agrees with the plain run to 1e-12 on 2 to 4 ranks") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = write(dir, "liquid.yaml", liquid);
        // The plain solver's half list against half lists across ranks, each pair evaluated on one
        // rank and the ghosts' forces sent back to their owners.
        const std::string set = "--set neighbor.deterministic=false";
        run(0, scenario, dir.file("plain"), set);
        const std::string a = checkpoint(dir.file("plain"), 50);
        const auto e0 = series(dir.file("plain"), "total_energy");
        struct Case {
            int ranks;
            const char* extra;
        };
        // z alone cut in two and in three, 1 x 2 x 2, and 2 x 2 x 1, where both faces of x and y
        // border one rank (a ghost arrives twice and is kept once: its second route returns nothing).
        const Case cases[] = {{2, ""},
                              {3, ""},
                              {4, ""},
                              {4, " --set parallel.ranks_x=2 --set parallel.ranks_y=2 --set parallel.ranks_z=1"}};
        for (const Case& c : cases) {
            CAPTURE(c.ranks);
            CAPTURE(c.extra);
            const std::string out = dir.file(fmt::format("ranks_{}{}", c.ranks, *c.extra ? "_fixed" : ""));
            run(c.ranks, scenario, out, set + c.extra);
            const std::string b = checkpoint(out, 50);
            // Positions are O(10), velocities O(1): 1e-12 is a few thousand roundings, far below any
            // error of the decomposition (a missing or doubled pair changes a force by O(1e-3) or more).
            CHECK(largest_difference(a, b, "state_position") < 1e-12);
            CHECK(largest_difference(a, b, "state_velocity") < 1e-12);
            CHECK(largest_difference(a, b, "state_position") > 0);  // the order of the sums did differ
            const auto e = series(out, "total_energy");
            REQUIRE(e0.size() == e.size());
            for (std::size_t k = 0; k < e0.size(); ++k) CHECK(std::abs(e0[k] - e[k]) < 1e-9);
        }
    }

    TEST_CASE("mpi: md in the default order on 3 ranks keeps the plain run's statistics over 3000 steps" *
              doctest::test_suite("slow")) {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = write(dir, "liquid.yaml", liquid);
        // Langevin at T = 1.2: the runs part ways within a few hundred steps (chaos), their
        // averages over the last 2500 steps (125 rows) must not.
        const std::string set =
            "--set neighbor.deterministic=false --set integrator.type=langevin --set run.steps=3000 "
            "--set output.checkpoint_every=0 --set output.trajectory_every=0";
        run(0, scenario, dir.file("plain"), set);
        run(3, scenario, dir.file("three"), set);
        const auto average = [&](const std::string& out, const std::string& name) {
            const auto step = series(out, "step"), value = series(out, name);
            double sum = 0, rows = 0;
            for (std::size_t k = 0; k < step.size(); ++k)
                if (step[k] >= 500) sum += value[k], rows += 1;
            return sum / rows;
        };
        // Batch means of these runs put the standard errors of the averages at about 0.4 % of
        // the temperature, 1 % of the pressure and 0.2 % of the potential energy.
        for (const char* out : {"plain", "three"}) {
            CAPTURE(out);
            CHECK(std::abs(average(dir.file(out), "temperature") - 1.2) < 0.025 * 1.2);  // the thermostat's target
        }
        const double p0 = average(dir.file("plain"), "pressure"), p3 = average(dir.file("three"), "pressure");
        CHECK(std::abs(p0 - p3) < 0.05 * std::abs(p0));
        const double u0 = average(dir.file("plain"), "potential_energy"),
                     u3 = average(dir.file("three"), "potential_energy");
        CHECK(std::abs(u0 - u3) < 0.01 * std::abs(u0));
    }

    TEST_CASE("mpi: md on 4 ranks conserves energy and momentum across migrations") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = write(dir, "liquid.yaml", liquid);
        // 1 x 2 x 2 and 2 x 2 x 1 (ghosts arriving twice): Newton's third law across ranks.
        for (const char* grid : {"", " --set parallel.ranks_x=2 --set parallel.ranks_y=2 --set parallel.ranks_z=1"}) {
            CAPTURE(grid);
            const std::string out = dir.file(*grid ? "fixed" : "chosen");
            run(4, scenario, out, std::string("--set neighbor.deterministic=false --set run.steps=200") + grid);
            const auto energy = series(out, "total_energy");
            REQUIRE(energy.size() == 11);
            // Velocity Verlet at dt = 0.005 keeps the LJ liquid's energy within ~1e-4 relative
            // (Allen & Tildesley); a particle lost or doubled at a migration jumps it by O(1).
            for (double e : energy) CHECK(std::abs(e - energy[0]) < 1e-3 * std::abs(energy[0]));
            // The initial momentum is zero and pair forces are equal and opposite: a ghost's force
            // not returned to its owner leaves O(1e-2) after 200 steps.
            const auto v = by_id(checkpoint(out, 200), "state_velocity");
            const std::size_t n = v.size() / 3;
            for (std::size_t a = 0; a < 3; ++a) {
                double p = 0;
                for (std::size_t k = 0; k < n; ++k) p += v[a * n + k];
                CHECK(std::abs(p) < 1e-10);
            }
        }
    }

    TEST_CASE("mpi: an md checkpoint written on 3 ranks restarts on 2, on 4 and in one process as if never stopped") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = write(dir, "liquid.yaml", liquid);
        // 5,324 particles: the ranks read the checkpoint in two slices of ids (4,096 and the
        // rest), each keeping its own particles.
        const std::string set =
            "--set integrator.type=bussi --set system.nx=11 --set system.ny=11 --set system.nz=11 "
            "--set output.trajectory_every=0";
        run(0, scenario, dir.file("plain"), set);
        run(3, scenario, dir.file("three"), set + " --until 50");
        const std::string written = checkpoint(dir.file("three"), 50);
        for (int ranks : {2, 4, 0}) {
            CAPTURE(ranks);
            const std::string out = dir.file(fmt::format("from_three_on_{}", ranks));
            run(ranks, "", out, "--restart " + written);
            check_same_run(out, dir.file("plain"), false);
        }
    }

    TEST_CASE("mpi: md on 2 ranks against LAMMPS on 2 ranks: 50 NVE steps of a two-mass mixture" *
              doctest::test_suite("lammps")) {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        // tests/solvers/test_md_lammps.cpp's trajectory, both programs split in two: simt melts
        // the lattice for 150 steps (half lists across ranks: 3 list cells a sub-box along z),
        // LAMMPS takes its state at step 150 and both run 50 steps more.
        const double box = 5 * std::cbrt(4 / 0.8442);
        const std::string scenario =
            write(dir, "mixture.yaml",
                  "solver: md\nseed: 6\nsystem: {lattice: fcc, nx: 5, ny: 5, nz: 5, density: 0.8442, types: 2, "
                  "fraction_b: 0.4, mass_b: 3.0}\ninitial: {temperature: 1.44}\nneighbor: {skin: 0.2}\n"
                  "run: {steps: 200}\noutput: {observables_every: 1, checkpoint_every: 50}\n" +
                      simt::test::kob_andersen_pairs);
        run(2, scenario, dir.file("simt"));
        const std::string start = checkpoint(dir.file("simt"), 150);
        const auto ids = field<std::int32_t>(start, "state_id"), stored = field<std::int32_t>(start, "state_type");
        std::vector<double> type(ids.size());
        for (std::size_t k = 0; k < ids.size(); ++k) type[std::size_t(ids[k])] = stored[k];
        simt::test::write_lammps_data(dir.file("data.lmp"), by_id(start, "state_position"),
                                      by_id(start, "state_velocity"), type, box, {1.0, 3.0});
        simt::test::run_lammps(dir,
                               "units lj\natom_style atomic\nboundary p p p\nread_data data.lmp\n" +
                                   simt::test::kob_andersen_lammps +
                                   "neighbor 0.3 bin\nneigh_modify delay 0 every 1 check yes\n"
                                   "timestep 0.005\nfix 1 all nve\nthermo 1\n" +
                                   simt::test::thermo_style +
                                   "run 50\nwrite_dump all custom final.dump id x y z vx vy vz modify format float "
                                   "%.17g sort id\n",
                               simt::test::mpirun(2));
        REQUIRE(read_text(dir.file("log.lammps")).find("on 2 procs") != std::string::npos);

        // simt's observables of steps 150 .. 200 against LAMMPS's thermo rows 0 .. 50.
        const auto rows = simt::test::lammps_thermo(dir.file("log.lammps"));
        REQUIRE(rows.size() == 51);
        const auto step = series(dir.file("simt"), "step");
        double worst = 0;
        for (std::size_t s = 0; s <= 50; ++s) {
            CAPTURE(s);
            REQUIRE(step.at(150 + s) == double(150 + s));
            std::vector<std::pair<std::string, double>> ours;
            for (const char* name : simt::test::thermo_names)
                ours.emplace_back(name, series(dir.file("simt"), name).at(150 + s));
            worst = std::max(worst, simt::test::thermo_deviation(ours, rows[s]));
        }
        MESSAGE("2 ranks each, 50 NVE steps: largest relative deviation of the energies, pressures and temperature = ",
                worst);
        CHECK(worst < 1e-10);

        const std::string end = checkpoint(dir.file("simt"), 200);
        const simt::test::StateDeviation d = simt::test::state_deviation(
            dir.file("final.dump"), by_id(end, "state_position"), by_id(end, "state_velocity"), box);
        MESSAGE("after 50 steps: largest position deviation ", d.position, ", velocity deviation / rms velocity ",
                d.velocity / d.rms_velocity);
        CHECK(d.position < 1e-10);
        CHECK(d.velocity / d.rms_velocity < 1e-10);
    }

    TEST_CASE("mpi: SIGTERM to one rank of md stops both at one step with one checkpoint") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        simt::test::check_sigterm_to_one_rank(dir, write(dir, "liquid.yaml", liquid));
    }

    TEST_CASE("mpi: md refuses sub-boxes thinner than r_cut + skin before any step") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = write(dir, "liquid.yaml", liquid);
        // The box is 10.08 sigma: four sub-boxes of 2.52 along x are thinner than 2.5 + 0.3.
        check_refused(dir, 4, scenario + " --set parallel.ranks_x=4",
                      "md: parallel.ranks_x = 4 cuts the box (10.08 sigma along x) into sub-boxes 2.519 sigma thick, "
                      "thinner than r_cut + skin = 2.8");
        // Five ranks fit no grid of sub-boxes at least 2.8 thick (three along each axis at most).
        check_refused(dir, 5, scenario, "md: 5 ranks do not split the box");
    }
}
