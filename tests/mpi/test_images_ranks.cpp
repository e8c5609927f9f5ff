// SPDX-License-Identifier: MIT
// output.images under `mpirun -np K simt run`: rank 0 gathers the field and draws it, so every
// frame is the one-process run's PNG, byte for byte (a heat plate with each frame's own range,
// an lbm cavity's vorticity, which reads across block faces, md's particles by speed, and slices
// and projections of a D3Q19 flow cut along z). Skipped where the build has no MPI.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>
#include <fmt/format.h>
#include <simt/config.hpp>
#include "../skip.hpp"
#include "../temp_dir.hpp"
#include "launch.hpp"

using namespace simt::test;

namespace {
const std::string plate = R"(simt: 1
solver: heat
device: cpu
grid: {nx: 23, ny: 18}
physics: {diffusivity: 1.0, cfl: 0.2}
boundaries: {x_min: {type: dirichlet, value: 1.0}, x_max: {type: dirichlet}, y_min: {type: neumann}, y_max: {type: neumann}}
initial: {type: random, amplitude: 0.5}
run: {steps: 20}
output: {checkpoint_every: 0, observables_every: 10, images: {field: u, every: 10}}
)";

const std::string cavity = R"(simt: 1
solver: lbm
device: cpu
precision: float
grid: {nx: 21, ny: 17}
physics: {reynolds: 100, velocity: 0.1, collision: trt}
boundaries: {x_min: {type: wall}, x_max: {type: wall}, y_min: {type: wall}, y_max: {type: moving_wall, velocity_x: 0.1}}
run: {steps: 40}
output: {checkpoint_every: 0, observables_every: 20, images: {field: vorticity, every: 20, colormap: coolwarm, width: 63}}
)";

const std::string box = R"(simt: 1
solver: lbm
device: cpu
lattice: D3Q19
grid: {nx: 8, ny: 7, nz: 6}
physics: {viscosity: 0.04, velocity: 0.05, collision: bgk, force_x: 1.0e-5}
boundaries: {y_min: {type: wall}, y_max: {type: moving_wall, velocity_z: 0.03}}
obstacle_1: {shape: sphere, center_x: 4.0, center_y: 3.4, center_z: 3.1, radius: 1.8}
run: {steps: 10}
output: {checkpoint_every: 0, observables_every: 10, images: {field: speed, every: 5}}
)";

// configs/lj_liquid.yaml at 864 particles in the key that gives one process's bits on any rank
// count, drawn by speed (md gathers its particles on rank 0 itself).
const std::string liquid = fmt::format("{}/configs/lj_liquid.yaml", SIMT_TEST_SOURCE_DIR);
const std::string small_liquid =
    "--set device=cpu --set system.nx=6 --set system.ny=6 --set system.nz=6 --set neighbor.deterministic=true "
    "--set run.steps=20 --set output.observables_every=10 --set output.images.field=velocity "
    "--set output.images.every=10 --set output.images.width=96";

/// The image_*.png file names in `dir`.
std::set<std::string> frames(const std::string& dir) {
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("image_", 0) == 0 && entry.path().extension() == ".png") names.insert(name);
    }
    return names;
}

/// Runs the scenario `text` (or the file `text` names) with `args` in one process and then on
/// each rank count of `runs` (with its own further arguments); every run's frames must be the
/// one-process frames, byte for byte.
void check_frames_match_plain(const std::string& text, const std::string& args,
                              const std::vector<std::pair<int, std::string>>& runs, std::size_t expected_frames) {
    if (!have_mpi()) return simt::test::skip("no MPI in this build");
    const TempDir dir;
    const std::string scenario = text.find('\n') == std::string::npos ? text : write(dir, "scenario.yaml", text);
    run(0, scenario, dir.file("plain"), args);
    const std::set<std::string> plain = frames(dir.file("plain"));
    REQUIRE(plain.size() == expected_frames);
    for (const auto& [ranks, extra] : runs) {
        CAPTURE(ranks);
        CAPTURE(extra);
        const std::string out = dir.file(fmt::format("ranks{}", ranks));
        run(ranks, scenario, out, args + " " + extra);
        CHECK(frames(out) == plain);
        for (const std::string& name : plain) {
            CAPTURE(name);
            CHECK(read_text(out + "/" + name) == read_text(dir.file("plain/" + name)));
        }
        std::filesystem::remove_all(out);
    }
}
}  // namespace

TEST_SUITE("mpi") {
    TEST_CASE("mpi: pictures during a heat run on 2 and 3 ranks are the one-process frames") {
        // Steps 0, 10 and 20, each coloured over its own minimum and maximum (of the whole field).
        check_frames_match_plain(plate, "", {{2, ""}, {3, ""}}, 3);
    }

    TEST_CASE("mpi: an lbm vorticity movie's frames on 3 and 4 ranks are the one-process frames") {
        check_frames_match_plain(cavity, "", {{3, ""}, {4, ""}}, 3);
    }

    TEST_CASE("mpi: pictures of md particles on 2 and 3 ranks are the one-process frames") {
        check_frames_match_plain(liquid, small_liquid, {{2, ""}, {3, ""}}, 3);
    }

    TEST_CASE("mpi: slices and projections of a D3Q19 flow cut along z are the one-process frames") {
        const std::string along_z = "--set parallel.ranks_x=1 --set parallel.ranks_y=1 --set parallel.ranks_z=2";
        check_frames_match_plain(box, "--set output.images.slice=z=2", {{2, along_z}, {3, ""}}, 3);
        check_frames_match_plain(box, "--set output.images.projection=y --set output.images.range=0,0.05",
                                 {{2, along_z}}, 3);
    }
}
