// SPDX-License-Identifier: MIT
// Launching the real simt command, plain or under mpirun, from the MPI tests.
#pragma once
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <simt/config.hpp>
#include "../temp_dir.hpp"
#include "checkpoint_files.hpp"

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

/// `simt run` of `scenario` (and `extra` arguments) on `ranks` ranks must stop before any step
/// with exit code 2 (a scenario error) and `message`, writing nothing.
inline void check_refused(const TempDir& dir, int ranks, const std::string& scenario, const std::string& message,
                          const std::string& extra = "") {
    const int rc = shell(
        fmt::format("{}{} run {} {} --steps 1 --output {}", mpirun(ranks), SIMT_BIN, scenario, extra, dir.file("out")),
        dir.file("log"));
    const std::string text = read_text(dir.file("log"));
    INFO(text);
    CHECK(rc == 2);
    CHECK(text.find(message) != std::string::npos);
    CHECK(!std::filesystem::exists(dir.file("out")));
}

/// Writes the scenario `text` as `name` in `dir` and runs it in one process (no mpirun) into
/// dir/plain, the reference of every comparison; returns the scenario's path.
inline std::string plain_run(const TempDir& dir, const std::string& name, const std::string& text) {
    const std::string scenario = write(dir, name, text);
    run(0, scenario, dir.file("plain"));
    return scenario;
}

/// Runs `scenario` (a path and its --set arguments) with `args` in one process and on 1 to 4
/// ranks (chosen rank grids), then on the rank grids `fixed` (a rank count and its --set
/// arguments each); `compare(run, plain)` checks each run's output folder against the plain one's.
template <class Compare>
void check_ranks_against_plain(const std::string& scenario, const std::string& args,
                               const std::vector<std::pair<int, std::string>>& fixed, const Compare& compare) {
    const TempDir dir;
    run(0, scenario, dir.file("plain"), args);
    REQUIRE(read_text(dir.file("plain/observables.csv")).size() > 100);
    std::vector<std::pair<int, std::string>> runs;
    for (int ranks = 1; ranks <= 4; ++ranks) runs.emplace_back(ranks, "");
    runs.insert(runs.end(), fixed.begin(), fixed.end());
    for (const auto& [ranks, grid] : runs) {
        CAPTURE(ranks);
        CAPTURE(grid);
        const std::string out = dir.file(fmt::format("ranks{}", ranks));
        run(ranks, scenario, out, fmt::format("{} {}", args, grid));
        compare(out, dir.file("plain"));
        std::filesystem::remove_all(out);
    }
}

/// check_ranks_against_plain: every run's checkpoints at `steps` (fields of type Real) and
/// observables are the plain run's bits.
template <class Real = double>
void check_ranks_match_plain(const std::string& scenario, const std::string& args, const std::vector<int>& steps,
                             const std::vector<std::pair<int, std::string>>& fixed) {
    check_ranks_against_plain(scenario, args, fixed, [&](const std::string& out, const std::string& plain) {
        for (int step : steps) check_same_fields<Real>(checkpoint(out, step), checkpoint(plain, step));
        CHECK(read_text(out + "/observables.csv") == read_text(plain + "/observables.csv"));
    });
}

/// observables.csv `a` against `b`: the same columns and rows, each value within `relative` of
/// the column's largest |value| in b; max_divergence and poisson_residual, which are rounding
/// errors of a solved constraint, within `relative` absolute.
inline void check_close_observables(const std::string& a, const std::string& b, double relative) {
    const auto table = [](const std::string& path) {
        std::vector<std::vector<std::string>> rows;
        std::istringstream text(read_text(path));
        for (std::string line; std::getline(text, line);) {
            rows.emplace_back();
            std::istringstream cells(line);
            for (std::string cell; std::getline(cells, cell, ',');) rows.back().push_back(cell);
        }
        return rows;
    };
    const auto x = table(a), y = table(b);
    REQUIRE(x.size() == y.size());
    REQUIRE(x.size() > 2);
    REQUIRE(x[0] == y[0]);
    for (std::size_t c = 0; c < y[0].size(); ++c) {
        const std::string& column = y[0][c];
        CAPTURE(column);
        double scale = 0;
        for (std::size_t r = 1; r < y.size(); ++r) scale = std::max(scale, std::abs(std::stod(y[r][c])));
        if (column == "max_divergence" || column == "poisson_residual") scale = 1;
        for (std::size_t r = 1; r < y.size(); ++r) {
            CAPTURE(r);
            REQUIRE(x[r].size() == y[r].size());
            CHECK(std::abs(std::stod(x[r][c]) - std::stod(y[r][c])) <= relative * scale);
        }
    }
}

/// check_ranks_against_plain: every run's checkpoints at `steps` and observables within
/// `relative` of the plain run's (check_close_fields, check_close_observables).
template <class Real = double>
void check_ranks_near_plain(const std::string& scenario, const std::string& args, const std::vector<int>& steps,
                            const std::vector<std::pair<int, std::string>>& fixed, double relative) {
    check_ranks_against_plain(scenario, args, fixed, [&](const std::string& out, const std::string& plain) {
        for (int step : steps) check_close_fields<Real>(checkpoint(out, step), checkpoint(plain, step), relative);
        check_close_observables(out + "/observables.csv", plain + "/observables.csv", relative);
    });
}
}  // namespace simt::test
