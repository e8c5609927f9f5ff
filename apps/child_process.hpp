// SPDX-License-Identifier: MIT
// Running a helper program (ffmpeg, Python) with its output on ours.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace simt::cli {
/// Runs argv[0] (looked up in PATH) with argv and waits; its exit status, or none when the
/// program cannot be found or started.
std::optional<int> run_program(const std::vector<std::string>& argv);
}  // namespace simt::cli
