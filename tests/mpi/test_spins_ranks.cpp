// SPDX-License-Identifier: MIT
// `mpirun -np K simt run` on the lattice_mc solver against the plain (one-process) run: spins
// and observables equal to the bit for Ising 2-D (Metropolis, heat bath, multispin), Ising 3-D
// and Potts on 1 to 4 ranks, a checkpoint written on 3 ranks restarted on 2 and on 1, and the
// updates that run in one process only refused before any sweep. Skipped where the build has no MPI.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>
#include <fmt/format.h>
#include <simt/config.hpp>
#include "../skip.hpp"
#include "../temp_dir.hpp"
#include "checkpoint_files.hpp"
#include "launch.hpp"

using simt::test::check_refused;
using simt::test::check_same_bits;
using simt::test::checkpoint;
using simt::test::field;
using simt::test::have_mpi;
using simt::test::read_text;
using simt::test::run;
using simt::test::TempDir;
using simt::test::write;

namespace {
// A 22 x 22 torus (not a multiple of 8: the one-process kernel's Philox groups of four sites
// span rows, and blocks of 11 sites start on odd coordinates) in a field, from a random start.
// Samples every 2 sweeps after 10 fill the binned estimates by step 100.
constexpr const char* ising = R"(simt: 1
solver: lattice_mc
device: cpu
seed: 7
lattice: {dim: 2, L: 22}
physics: {model: ising, J: 1.0, h: 0.1, T: 2.3}
update: {method: metropolis}
measure: {thermalise: 10, every: 2}
run: {steps: 200}
output: {observables_every: 50, checkpoint_every: 100}
)";

/// The packed spins and every sample series of checkpoint `a` equal to the bit to `b`'s.
void check_same_state(const std::string& a, const std::string& b) {
    check_same_bits(field<std::int64_t>(a, "spins"), field<std::int64_t>(b, "spins"));
    for (const char* series : {"sample_energy", "sample_m", "sample_abs_m"}) {
        CAPTURE(series);
        check_same_bits(field<double>(a, series), field<double>(b, series));
    }
}

/// The scenario with `extra` (--set ...) run in one process and on each of `ranks`: the
/// checkpoints at steps 100 and 200 and the observables must be the plain run's bits.
void check_ranks_match_plain(const std::string& extra, const std::vector<int>& ranks) {
    const TempDir dir;
    const std::string scenario = write(dir, "ising.yaml", ising);
    run(0, scenario, dir.file("plain"), extra);
    const std::string plain_csv = read_text(dir.file("plain/observables.csv"));
    REQUIRE(plain_csv.size() > 100);
    for (int n : ranks) {
        CAPTURE(n);
        const std::string out = dir.file(fmt::format("ranks{}", n));
        run(n, scenario, out, extra);
        for (int step : {100, 200}) check_same_state(checkpoint(out, step), checkpoint(dir.file("plain"), step));
        CHECK(read_text(out + "/observables.csv") == plain_csv);
    }
}
}  // namespace

TEST_SUITE("mpi") {
    TEST_CASE("mpi: 2-D Ising Metropolis on 1 to 4 ranks gives the plain run's spins and observables") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        check_ranks_match_plain("", {1, 2, 3, 4});
    }

    TEST_CASE("mpi: 2-D Ising heat bath (L a multiple of 8) and a 3 x 1 rank grid give the plain run's bits") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        // L = 16 takes the one-process row kernel and the block kernel's thread per Philox group
        // of 8 x-sites; 3 blocks along x, 6, 5 and 5 sites wide, cut groups at both ends.
        check_ranks_match_plain("--set update.method=heat_bath --set lattice.L=16", {2, 4});
        check_ranks_match_plain(
            "--set lattice.L=16 --set parallel.ranks_x=3 --set parallel.ranks_y=1 --set initial.start=ordered", {3});
    }

    TEST_CASE("mpi: 2-D Ising multispin on 1 to 4 ranks (blocks of whole rows) gives the plain run's bits") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        // 3 ranks get 11, 11 and 10 rows: blocks start on rows of either parity.
        check_ranks_match_plain("--set update.method=multispin --set lattice.L=32", {1, 2, 3, 4});
    }

    TEST_CASE("mpi: 3-D Ising on 2 to 4 ranks and on a 1 x 2 x 2 rank grid gives the plain run's bits") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        check_ranks_match_plain("--set lattice.dim=3 --set lattice.L=6", {2, 3, 4});
        check_ranks_match_plain(
            "--set lattice.dim=3 --set lattice.L=8 --set update.method=heat_bath "
            "--set parallel.ranks_x=1 --set parallel.ranks_y=2 --set parallel.ranks_z=2",
            {4});
    }

    TEST_CASE("mpi: Potts Metropolis (2-D q = 3) and heat bath (3-D q = 5) on 2 to 4 ranks give the plain bits") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        check_ranks_match_plain("--set physics.model=potts --set physics.q=3 --set lattice.L=14", {2, 3, 4});
        check_ranks_match_plain(
            "--set physics.model=potts --set physics.q=5 --set update.method=heat_bath "
            "--set lattice.dim=3 --set lattice.L=6",
            {3, 4});
    }

    TEST_CASE("mpi: a lattice_mc checkpoint written on 3 ranks restarts on 2 and on 1 as if never stopped") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        for (const char* extra : {"", "--set update.method=multispin --set lattice.L=32"}) {
            CAPTURE(extra);
            const TempDir dir;
            const std::string scenario = write(dir, "ising.yaml", ising);
            run(0, scenario, dir.file("plain"), extra);
            run(3, scenario, dir.file("three"), fmt::format("--until 100 {}", extra));
            const std::string written = checkpoint(dir.file("three"), 100);
            check_same_state(written, checkpoint(dir.file("plain"), 100));
            run(2, "", dir.file("two"), "--restart " + written);
            check_same_state(checkpoint(dir.file("two"), 200), checkpoint(dir.file("plain"), 200));
            CHECK(read_text(dir.file("two/observables.csv")) == read_text(dir.file("plain/observables.csv")));
            run(0, "", dir.file("one"), "--restart " + written);
            check_same_state(checkpoint(dir.file("one"), 200), checkpoint(dir.file("plain"), 200));
        }
    }

    TEST_CASE("mpi: lattice_mc updates that run in one process only are refused under mpirun before any sweep") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = write(dir, "ising.yaml", ising);
        for (const char* method : {"wolff", "swendsen_wang"}) {
            CAPTURE(method);
            check_refused(
                dir, 2, scenario,
                fmt::format("lattice_mc: update.method = {} runs in one process only, not across 2 ranks", method),
                fmt::format("--set update.method={} --set physics.h=0", method));
        }
        check_refused(dir, 2, scenario,
                      "lattice_mc: parallel tempering (tempering.replicas > 1) runs in one process only",
                      "--set tempering.replicas=4 --set tempering.T_max=3");
        check_refused(dir, 2, scenario,
                      "multispin splits the lattice along y only; parallel.ranks_x = 2 must be 0 or 1",
                      "--set update.method=multispin --set lattice.L=32 --set parallel.ranks_x=2");
    }
}
