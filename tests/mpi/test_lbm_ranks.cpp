// SPDX-License-Identifier: MIT
// `mpirun -np K simt run` on the lbm solver against the plain (one-process) run: populations,
// fields and observables (drag and lift included) equal to the bit for 1 to 4 ranks, with the
// exchange overlapped (the default) and not, on a lid-driven cavity and on a channel whose
// cylinder crosses the blocks' faces, a D3Q19 flow on a 2 x 2 x 2 rank grid and in fp16 storage,
// a checkpoint written on 3 ranks restarted on 2 and on 1, and a rank grid that does not fit.
// Skipped where the build has no MPI.
#include <doctest/doctest.h>

#include <string>
#include <fmt/format.h>
#include <simt/config.hpp>
#include "../skip.hpp"
#include "../temp_dir.hpp"
#include "checkpoint_files.hpp"
#include "launch.hpp"

using namespace simt::test;

namespace {
const std::string lbm_on_cpu = "simt: 1\nsolver: lbm\ndevice: cpu\n";

// A small lid-driven cavity: walls on three sides, the moving lid on the fourth.
const std::string cavity = lbm_on_cpu + R"(precision: float
grid: {nx: 21, ny: 17}
physics: {reynolds: 100, velocity: 0.1, collision: trt}
boundaries: {x_min: {type: wall}, x_max: {type: wall}, y_min: {type: wall}, y_max: {type: moving_wall, velocity_x: 0.1}}
run: {steps: 60}
output: {checkpoint_every: 30, observables_every: 10}
)";

// A channel with a parabolic inlet, an outlet and an off-centre cylinder with interpolated
// bounce-back, in double (in float the boundary cells' forces add up exactly in any order), wide enough that every rank
// grid of 2 to 4 ranks cuts through it (x = 20 on 2 and 4 ranks, x = 14 and 27 on 3; y = 12 on 2 x 2, y = 6, 12, 18 on
// 1 x 4).
const std::string channel = lbm_on_cpu + R"(grid: {nx: 40, ny: 24}
physics: {viscosity: 0.05, velocity: 0.05, collision: trt}
boundaries:
  x_min: {type: velocity_inlet, profile: parabolic, velocity_x: 0.06}
  x_max: {type: pressure_outlet}
  y_min: {type: wall}
  y_max: {type: wall}
obstacles: {bounce_back: interpolated}
obstacle_1: {shape: circle, center_x: 20.3, center_y: 11.6, radius: 6.7}
run: {steps: 80}
output: {observables_every: 10, checkpoint_every: 40}
)";

// D3Q19, periodic along x and z, a wall and a lid moving along z, a body force and a sphere
// across the blocks.
const std::string no_overlap = "--set parallel.overlap=false";

const std::string box = lbm_on_cpu + R"(lattice: D3Q19
grid: {nx: 8, ny: 7, nz: 6}
physics: {viscosity: 0.04, velocity: 0.05, collision: bgk, force_x: 1.0e-5}
boundaries: {y_min: {type: wall}, y_max: {type: moving_wall, velocity_z: 0.03}}
obstacle_1: {shape: sphere, center_x: 4.0, center_y: 3.4, center_z: 3.1, radius: 1.8}
run: {steps: 30}
output: {observables_every: 10, checkpoint_every: 30}
)";

}  // namespace

TEST_SUITE("mpi") {
    TEST_CASE("mpi: an lbm lid-driven cavity on 1 to 4 ranks gives the plain run's bits") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        // 2 x 2 blocks on 4 ranks: the corners' populations come from the diagonal rank.
        check_ranks_match_plain<float>(write(dir, "cavity.yaml", cavity), "", {30, 60},
                                       {{2, no_overlap}, {3, no_overlap}, {4, no_overlap}});
    }

    TEST_CASE("mpi: an lbm channel with a cylinder across the blocks gives the plain run's bits with drag and lift") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = plain_run(dir, "channel.yaml", channel);
        // The force is an observable, and the flow has reached the cylinder: drag and lift differ from 0.
        const std::string csv = read_text(dir.file("plain/observables.csv"));
        REQUIRE(csv.find("drag_coefficient,lift_coefficient") != std::string::npos);
        CHECK(csv.find(",0,0\n", csv.rfind("80,80")) == std::string::npos);
        // A fixed 1 x 4 rank grid (4 ranks choose 2 x 2) cuts the cylinder along y three times.
        const std::string one_by_four = "--set parallel.ranks_x=1 --set parallel.ranks_y=4";
        check_ranks_match_plain(scenario, "", {40, 80},
                                {{4, one_by_four}, {4, one_by_four + " " + no_overlap}, {3, no_overlap}});
    }

    TEST_CASE("mpi: a D3Q19 flow on a 2 x 2 x 2 rank grid and in fp16 gives the plain run's bits") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = write(dir, "box.yaml", box);
        // On 2 x 2 x 2 blocks the populations that cross an edge come from the diagonal rank.
        const std::string cube = "--set parallel.ranks_x=2 --set parallel.ranks_y=2 --set parallel.ranks_z=2";
        check_ranks_match_plain(scenario, "", {30}, {{8, cube}, {8, cube + " " + no_overlap}});
        // fp16 storage: the halo layers travel as 16-bit words, the checkpoint's blocks too.
        check_ranks_match_plain<float>(scenario, "--set precision=float --set storage=fp16", {30}, {{4, no_overlap}});
    }

    TEST_CASE("mpi: an lbm checkpoint written on 3 ranks restarts on 2 and on 1 as if never stopped") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = plain_run(dir, "channel.yaml", channel);
        run(3, scenario, dir.file("three"), "--until 40");
        const std::string written = checkpoint(dir.file("three"), 40);
        run(2, "", dir.file("two"), "--restart " + written);
        check_same_fields<double>(checkpoint(dir.file("two"), 80), checkpoint(dir.file("plain"), 80));
        run(0, "", dir.file("one"), "--restart " + written);
        check_same_fields<double>(checkpoint(dir.file("one"), 80), checkpoint(dir.file("plain"), 80));
        CHECK(read_text(dir.file("two/observables.csv")) == read_text(dir.file("plain/observables.csv")));
    }

    TEST_CASE("mpi: an lbm rank grid that does not fit is a scenario error before any step") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        check_refused(dir, 2, write(dir, "cavity.yaml", cavity), "no rank grid of 2 ranks fits the grid 21 x 17 x 1",
                      "--set parallel.ranks_x=3");
    }
}
