// SPDX-License-Identifier: MIT
// `mpirun -np K simt run` on the navier_stokes solver against the plain (one-process) run, for 1
// to 4 ranks: every checkpointed field (face velocities, outflow planes, pressure, derived
// fields) and the observables within 1e-12 relative (the distributed pressure solves sum in
// another order than one process: docs/parallel.md) for the shipped lid-driven cavity (CG with
// multigrid and with Jacobi; cosine transforms), the periodic Taylor-Green vortex (transforms on
// slabs; 2-D, and 3-D in float, within 1e-5) and the channel with an inflow, an outflow and a
// cylinder that crosses block faces (CG), shrunk to a few steps on small grids; a checkpoint
// written on 3 ranks restarted on 2 and on 1, and steered; a run that diverges on every rank;
// blocks thinner than the stencils' reach; and more ranks than the spectral solve's slabs fit.
// Skipped where the build has no MPI.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>
#include <fmt/format.h>
#include <simt/config.hpp>
#include "../skip.hpp"
#include "../temp_dir.hpp"
#include "checkpoint_files.hpp"
#include "launch.hpp"

namespace fs = std::filesystem;
using namespace simt::test;

namespace {
/// A shipped scenario on the CPU, 20 steps, observables every 5, checkpoints at 10 and 20.
std::string shipped(const char* name) { return fmt::format("{}/configs/{}", SIMT_TEST_SOURCE_DIR, name); }
constexpr const char* short_run =
    "--set device=cpu --set run.steps=20 --set output.observables_every=5 --set output.checkpoint_every=10";
// Grids no rank count divides evenly.
const std::string cavity = fmt::format("{} {}", shipped("cavity_ns.yaml"), "--set grid.nx=17 --set grid.ny=13");
const std::string taylor_green = fmt::format("{} {}", shipped("taylor_green_ns.yaml"),
                                             "--set grid.nx=16 --set grid.ny=12 --set physics.advection=upwind");
// 4 x 1 ranks and 1 x 2 ranks cut through the cylinder (x = 1.0 is cell 10, y = 0.5 cell 7).
const std::string channel = fmt::format("{} {}", shipped("cylinder_channel_ns.yaml"),
                                        "--set grid.nx=40 --set grid.ny=14 --set physics.viscosity=0.01");

// 3-D, in float, periodic along every axis (a vortex varying along z too).
const std::string taylor_green_3d = fmt::format(
    "{} {}", shipped("taylor_green_ns_3d.yaml"),
    "--set grid.nx=8 --set grid.ny=10 --set grid.nz=12 --set physics.advection=upwind --set precision=float");

// What the issue asks of the distributed pressure solves against one process (double).
constexpr double near_relative = 1e-12;
}  // namespace

TEST_SUITE("mpi") {
    TEST_CASE("mpi: navier_stokes cavity (CG with multigrid) on 1 to 4 ranks within 1e-12 of the plain run") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        check_ranks_near_plain(cavity, short_run, {10, 20}, {{4, "--set parallel.ranks_y=4"}}, near_relative);
    }

    TEST_CASE("mpi: navier_stokes cavity (CG with Jacobi) on 1 to 4 ranks within 1e-12 of the plain run") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        check_ranks_near_plain(cavity + " --set pressure.preconditioner=jacobi", short_run, {10, 20},
                               {{4, "--set parallel.ranks_x=2 --set parallel.ranks_y=2"}}, near_relative);
    }

    TEST_CASE("mpi: navier_stokes Taylor-Green (FFT and periodic) on 1 to 4 ranks within 1e-12 of the plain run") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        check_ranks_near_plain(
            taylor_green, short_run, {10, 20},
            {{4, "--set parallel.ranks_x=2 --set parallel.ranks_y=2"}, {2, "--set parallel.ranks_y=2"}}, near_relative);
    }

    TEST_CASE("mpi: navier_stokes cavity (cosine transforms) on 1 to 4 ranks within 1e-12 of the plain run") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        check_ranks_near_plain(cavity + " --set pressure.solver=fft", short_run, {10, 20},
                               {{4, "--set parallel.ranks_x=2 --set parallel.ranks_y=2"}}, near_relative);
    }

    TEST_CASE(
        "mpi: navier_stokes channel with an obstacle (CG with inflow and outflow) on 1 to 4 ranks within 1e-12 of "
        "the plain run") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        // Cuts along y split the outflow plane between ranks.
        check_ranks_near_plain(
            channel, short_run, {10, 20},
            {{2, "--set parallel.ranks_y=2"}, {4, "--set parallel.ranks_x=2 --set parallel.ranks_y=2"}}, near_relative);
    }

    TEST_CASE("mpi: a 3-D navier_stokes Taylor-Green vortex in float on 1 to 4 ranks within 1e-5 of the plain run") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        // Float: the transforms' rounding (about 1e-7 a value) in another order than one process's.
        check_ranks_near_plain<float>(taylor_green_3d, short_run, {10, 20},
                                      {{4, "--set parallel.ranks_x=2 --set parallel.ranks_y=2"}}, 1e-5);
    }

    TEST_CASE("mpi: a navier_stokes checkpoint written on 3 ranks restarts on 2 and on 1 as if never stopped") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        run(0, channel, dir.file("plain"), short_run);
        run(3, channel, dir.file("three"), fmt::format("{} --until 10", short_run));
        const std::string written = checkpoint(dir.file("three"), 10);
        check_close_fields<double>(written, checkpoint(dir.file("plain"), 10), near_relative);
        run(2, "", dir.file("two"), "--restart " + written);
        check_close_fields<double>(checkpoint(dir.file("two"), 20), checkpoint(dir.file("plain"), 20), near_relative);
        check_close_observables(dir.file("two/observables.csv"), dir.file("plain/observables.csv"), near_relative);
        run(0, "", dir.file("one"), "--restart " + written);
        check_close_fields<double>(checkpoint(dir.file("one"), 20), checkpoint(dir.file("plain"), 20), near_relative);
        // Steered on restart (the viscosity): 2 ranks as one process.
        const std::string steer = "--restart " + written + " --set physics.viscosity=0.02";
        run(2, "", dir.file("steered_two"), steer);
        run(0, "", dir.file("steered_one"), steer);
        check_close_fields<double>(checkpoint(dir.file("steered_two"), 20), checkpoint(dir.file("steered_one"), 20),
                                   near_relative);
        CHECK(read_text(dir.file("steered_two/observables.csv")) != read_text(dir.file("plain/observables.csv")));
    }

    TEST_CASE("mpi: a navier_stokes run that diverges stops every rank with exit code 3") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        // A fixed step far beyond the Courant limit, almost no viscosity: NaN within ~100 steps.
        const std::string unstable = "--set physics.viscosity=0.0001 --set physics.dt=1.0 --set run.steps=400";
        const int rc = shell(fmt::format("{}{} run {} --set device=cpu {} --output {}", mpirun(3), SIMT_BIN, cavity,
                                         unstable, dir.file("out")),
                             dir.file("log"));
        const std::string text = read_text(dir.file("log"));
        INFO(text);
        CHECK(rc == 3);
        CHECK(text.find("NaN/Inf values of 221") != std::string::npos);  // counted over every block
    }

    TEST_CASE("mpi: navier_stokes blocks thinner than the stencils' reach are a scenario error before any step") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        check_refused(dir, 3, cavity, "3 ranks along y leave blocks of 1 cell there, thinner than the 2 cells",
                      "--set device=cpu --set grid.ny=5 --set parallel.ranks_y=3");
    }

    TEST_CASE("mpi: a navier_stokes spectral solve with more ranks than slabs fit is a scenario error") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        // 2 x 2 blocks fit the 8 x 10 x 3 grid; 4 slabs along z do not.
        check_refused(dir, 4, taylor_green_3d, "fft on 4 ranks cuts the grid into slabs along z and along y",
                      "--set device=cpu --set grid.nz=3 --set parallel.ranks_x=2 --set parallel.ranks_y=2");
    }
}
