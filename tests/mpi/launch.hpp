// SPDX-License-Identifier: MIT
// Launching the real simt command, plain or under mpirun, from the MPI tests.
#pragma once
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <simt/config.hpp>
#include "../temp_dir.hpp"

namespace simt::test {
inline bool have_mpi() { return SIMT_ENABLE_MPI == 1; }

/// Writes `text` as `name` in `dir`; returns its path.
inline std::string write(const TempDir& dir, const std::string& name, const std::string& text) {
    const std::string path = dir.file(name);
    std::ofstream(path) << text;
    return path;
}

/// The launcher's words for `ranks` ranks (as root, more ranks than cores, one thread each).
inline std::string mpirun(int ranks) {
    return fmt::format("{} --allow-run-as-root --oversubscribe -x OMP_NUM_THREADS=1 -np {} ", SIMT_MPIEXEC, ranks);
}

/// Runs a shell command with its output in `log`; returns its exit status. A minute at most: a
/// hang is a failure, not a stuck CI.
inline int shell(const std::string& command, const std::string& log) {
    const int status = std::system(fmt::format("OMP_NUM_THREADS=1 timeout 60 {} >{} 2>&1", command, log).c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

inline std::string read_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// `simt run` of `scenario` on `ranks` ranks (0: without mpirun) into `out`; CHECKs it succeeded.
inline void run(int ranks, const std::string& scenario, const std::string& out, const std::string& extra = "") {
    const std::string command =
        fmt::format("{}{} run {} --output {} {}", ranks ? mpirun(ranks) : "", SIMT_BIN, scenario, out, extra);
    const std::string log = out + ".log";
    INFO(command);
    const int rc = shell(command, log);
    INFO(read_text(log));
    REQUIRE(rc == 0);
}

/// `simt run` of `scenario` on `ranks` ranks must stop before any step with exit code 2 (a
/// scenario error) and `message`, writing nothing.
inline void check_refused(const TempDir& dir, int ranks, const std::string& scenario, const std::string& message) {
    const int rc =
        shell(fmt::format("{}{} run {} --steps 1 --output {}", mpirun(ranks), SIMT_BIN, scenario, dir.file("out")),
              dir.file("log"));
    const std::string text = read_text(dir.file("log"));
    INFO(text);
    CHECK(rc == 2);
    CHECK(text.find(message) != std::string::npos);
    CHECK(!std::filesystem::exists(dir.file("out")));
}
}  // namespace simt::test
