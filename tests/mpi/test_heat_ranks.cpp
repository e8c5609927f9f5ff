// SPDX-License-Identifier: MIT
// `mpirun -np K simt run` on the heat solver against the plain (one-process) run: fields and
// observables equal to the bit for 1 to 4 ranks, checkpoints written on 3 ranks restarted on 2
// and on 1, SIGTERM to one rank, a failing rank, and a rank grid that does not fit. Each case
// launches the real command, so it tests what a user runs. Skipped where the build has no MPI.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <fmt/format.h>
#include <simt/config.hpp>
#include <simt/io/checkpoint.hpp>
#include "../skip.hpp"
#include "../temp_dir.hpp"
#include "checkpoint_files.hpp"
#include "launch.hpp"
#include "stop_by_signal.hpp"

namespace fs = std::filesystem;
using simt::test::check_refused;
using simt::test::check_same_bits;
using simt::test::checkpoint;
using simt::test::field;
using simt::test::have_mpi;
using simt::test::plain_run;
using simt::test::read_text;
using simt::test::run;
using simt::test::shell;
using simt::test::TempDir;
using simt::test::write;

namespace {
// A 2-D plate with a hot wall, insulated sides and random initial values (the random draw is
// keyed by the global cell index, so every block must draw its own cells' numbers).
constexpr const char* plate = R"(simt: 1
solver: heat
device: cpu
grid: {nx: 23, ny: 18, lx: 1.0, ly: 0.8}
physics: {diffusivity: 1.0, cfl: 0.24}
boundaries:
  x_min: {type: dirichlet, value: 1.0}
  x_max: {type: dirichlet, value: -0.5}
  y_min: {type: neumann, value: 0.25}
  y_max: {type: neumann}
initial: {type: random, amplitude: 0.5}
run: {steps: 40}
output: {observables_every: 10, checkpoint_every: 20}
)";

// A 3-D box periodic along y and z in float, its rank grid fixed by the scenario.
constexpr const char* box = R"(simt: 1
solver: heat
device: cpu
precision: float
grid: {nx: 7, ny: 6, nz: 10}
physics: {diffusivity: 1.0, cfl: 0.3}
boundaries:
  x_min: {type: dirichlet, value: 2.0}
  x_max: {type: neumann, value: 1.0}
initial: {type: mode, kx: 1, ky: 2, kz: 3}
run: {steps: 30}
output: {observables_every: 5}
)";

}  // namespace

TEST_SUITE("mpi") {
    TEST_CASE("mpi: heat on 1 to 4 ranks gives the plain run's fields and observables to the bit") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = plain_run(dir, "plate.yaml", plate);
        const auto plain = field<double>(checkpoint(dir.file("plain"), 40), "u");
        const std::string plain_csv = read_text(dir.file("plain/observables.csv"));
        REQUIRE(plain_csv.size() > 100);
        for (int ranks = 1; ranks <= 4; ++ranks) {
            CAPTURE(ranks);
            const std::string out = dir.file(fmt::format("ranks{}", ranks));
            run(ranks, scenario, out);
            check_same_bits(field<double>(checkpoint(out, 40), "u"), plain);
            check_same_bits(field<double>(checkpoint(out, 20), "u"),
                            field<double>(checkpoint(dir.file("plain"), 20), "u"));
            CHECK(read_text(out + "/observables.csv") == plain_csv);
            CHECK(fs::exists(out + "/checkpoint_000000040.xmf"));
        }
    }

    TEST_CASE("mpi: a 3-D heat box on a fixed 1 x 2 x 2 rank grid gives the plain run's bits") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = plain_run(dir, "box.yaml", box);
        const std::string out = dir.file("ranks4");
        const std::string fixed = "--set parallel.ranks_x=1 --set parallel.ranks_y=2 --set parallel.ranks_z=2";
        run(4, scenario, out, fixed);
        check_same_bits(field<float>(checkpoint(out, 30), "u"), field<float>(checkpoint(dir.file("plain"), 30), "u"));
        // One process holds the whole grid whatever the rank grid keys say.
        run(0, scenario, dir.file("fixed_plain"), fixed);
        check_same_bits(field<float>(checkpoint(dir.file("fixed_plain"), 30), "u"),
                        field<float>(checkpoint(dir.file("plain"), 30), "u"));
        CHECK(read_text(out + "/observables.csv") == read_text(dir.file("plain/observables.csv")));
        // Without the overlap (the whole exchange first, then every cell) the bits are the same.
        run(4, scenario, dir.file("no_overlap"), fixed + " --set parallel.overlap=false");
        check_same_bits(field<float>(checkpoint(dir.file("no_overlap"), 30), "u"),
                        field<float>(checkpoint(dir.file("plain"), 30), "u"));
        // Every rank count the box admits along its free axes, too.
        for (int ranks : {2, 3}) {
            CAPTURE(ranks);
            const std::string free = dir.file(fmt::format("free{}", ranks));
            run(ranks, scenario, free);
            check_same_bits(field<float>(checkpoint(free, 30), "u"),
                            field<float>(checkpoint(dir.file("plain"), 30), "u"));
        }
    }

    TEST_CASE("mpi: a checkpoint written on 3 ranks restarts on 2 and on 1 as if never stopped") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = plain_run(dir, "plate.yaml", plate);
        const auto plain = field<double>(checkpoint(dir.file("plain"), 40), "u");
        run(3, scenario, dir.file("three"), "--until 20");
        const std::string written = checkpoint(dir.file("three"), 20);
        run(2, "", dir.file("two"), "--restart " + written);
        check_same_bits(field<double>(checkpoint(dir.file("two"), 40), "u"), plain);
        run(0, "", dir.file("one"), "--restart " + written);
        check_same_bits(field<double>(checkpoint(dir.file("one"), 40), "u"), plain);
        CHECK(read_text(dir.file("two/observables.csv")) == read_text(dir.file("plain/observables.csv")));
    }

    TEST_CASE("mpi: SIGTERM to one rank stops every rank at one step with one checkpoint") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        simt::test::check_sigterm_to_one_rank(dir, write(dir, "plate.yaml", plate));
    }

    TEST_CASE("mpi: a rank that fails ends every rank with its message and exit code") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        const std::string good = write(dir, "good.yaml", plate);
        std::string broken = plate;
        broken.replace(broken.find("cfl: 0.24"), 9, "cfl: 0.75");
        const std::string bad = write(dir, "bad.yaml", broken);
        // Rank 0 runs a good scenario and waits for rank 1 in the first exchange; rank 1 fails.
        const std::string command = fmt::format(
            "{} --allow-run-as-root -x OMP_NUM_THREADS=1 -np 1 {} run {} --output {} : -np 1 {} run {} --output {}",
            SIMT_MPIEXEC, SIMT_BIN, good, dir.file("out"), SIMT_BIN, bad, dir.file("out"));
        const int rc = shell(command, dir.file("log"));
        const std::string text = read_text(dir.file("log"));
        INFO(text);
        CHECK(rc == 2);
        CHECK(text.find("simt: rank 1 of 2: error:") != std::string::npos);
        CHECK(text.find("physics.cfl") != std::string::npos);
    }

    TEST_CASE("mpi: more ranks than a grid's cells is a scenario error before any step") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        std::string tiny = plate;
        tiny.replace(tiny.find("nx: 23, ny: 18"), 14, "nx: 2, ny: 2");
        check_refused(dir, 3, write(dir, "tiny.yaml", tiny), "no rank grid of 3 ranks fits the grid 2 x 2 x 1");
    }
}
