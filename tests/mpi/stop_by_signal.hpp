// SPDX-License-Identifier: MIT
// SIGTERM to one rank of `mpirun -np 2 simt run`: every rank stops at one step, one checkpoint.
#pragma once
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <simt/io/checkpoint.hpp>
#include "checkpoint_files.hpp"
#include "launch.hpp"

namespace simt::test {
/// Runs `scenario` (observables every few steps) on 2 ranks without end and without scheduled
/// checkpoints (only the stop's), sends SIGTERM to rank 1 once both are in the run loop, and checks that the run exits
/// with 128 + 15, rank 0 alone reports the stop, and the one checkpoint is that of the reported step.
inline void check_sigterm_to_one_rank(const TempDir& dir, const std::string& scenario) {
    namespace fs = std::filesystem;
    const std::string out = dir.file("out");
    // Each rank leaves its process id, so that the test can signal rank 1 alone.
    const std::string command = fmt::format(
        "{} sh -c 'echo $$ > {}/pid.$OMPI_COMM_WORLD_RANK; exec {} run {} --output {} --steps 100000000 "
        "--set output.checkpoint_every=0'",
        mpirun(2), dir.path.string(), SIMT_BIN, scenario, out);
    const std::string log = dir.file("log");
    int rc = -1;
    std::thread launcher([&] { rc = shell(command, log); });
    const fs::path pid_file = dir.path / "pid.1";
    // A second row of observables means both ranks are in the run loop, their signal
    // handlers in place: a signal before that would meet MPI's start-up.
    const auto rows = [&] {
        const std::string csv = read_text(out + "/observables.csv");
        return std::count(csv.begin(), csv.end(), '\n');
    };
    for (int i = 0; i < 600 && rows() < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE(fs::exists(pid_file));
    ::kill(::pid_t(std::stol(read_text(pid_file.string()))), SIGTERM);
    launcher.join();
    const std::string text = read_text(log);
    INFO(text);
    CHECK(rc == 143);
    std::vector<fs::path> checkpoints;
    for (const auto& e : fs::directory_iterator(out))
        if (e.path().extension() == ".h5" && e.path().filename().string().rfind("checkpoint_", 0) == 0)
            checkpoints.push_back(e.path());
    REQUIRE(checkpoints.size() == 1);
    const auto pos = text.find("stopped by SIGTERM at step ");
    REQUIRE(pos != std::string::npos);
    CHECK(text.find("stopped by", pos + 1) == std::string::npos);  // rank 0 alone reports
    const long step = std::stol(text.substr(pos + std::strlen("stopped by SIGTERM at step ")));
    CHECK(checkpoints[0] == fs::path(checkpoint(out, int(step))));
    CHECK(simt::io::CheckpointReader(checkpoints[0].string()).meta().step == step);
}
}  // namespace simt::test
