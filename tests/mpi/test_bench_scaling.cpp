// SPDX-License-Identifier: MIT
// bench_scaling --quick on 2 ranks: it runs, prints a row (or a skip) for every case, and its
// byte count per step is the halo the decomposition implies. Skipped without MPI or benchmarks.
#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <fmt/format.h>
#include "../skip.hpp"
#include "../temp_dir.hpp"
#include "launch.hpp"

using simt::test::have_mpi;
using simt::test::mpirun;
using simt::test::read_text;
using simt::test::shell;
using simt::test::TempDir;

TEST_SUITE("mpi") {
    TEST_CASE("mpi: bench_scaling --quick prints its table on 2 ranks with the halo bytes counted by hand") {
        if (!have_mpi()) return simt::test::skip("no MPI in this build");
        if (std::string(SIMT_BENCH_SCALING).empty()) return simt::test::skip("benchmarks not built");
        const TempDir dir;
        const std::string log = dir.file("log");
        const int rc = shell(fmt::format("{}{} --quick", mpirun(2), SIMT_BENCH_SCALING), log);
        const std::string text = read_text(log);
        INFO(text);
        REQUIRE(rc == 0);
        CHECK(text.find("bench_scaling: 2 ranks on cpu (quick sizes)") != std::string::npos);
        // Sixteen cases (heat 2-D and 3-D and lbm with and without overlap, ns, a book; strong and
        // weak), each a row of figures or a skip with the solver's reason.
        const std::regex row(R"((strong|weak) +\S.* +2 +(\S+ +[0-9.]+ +[0-9.]+ (MLUPs|Mpaths/s)|skipped: \S))");
        CHECK(std::distance(std::sregex_iterator(text.begin(), text.end(), row), std::sregex_iterator()) == 16);
        // 128^2 on 2 ranks as 1 x 2: each rank sends one row of 128 doubles per step (2048 bytes
        // in all), and receives 128 cells of the 8192 it owns (0.0156).
        CHECK(std::regex_search(text, std::regex(R"(strong heat 2-D 128\^2 +2 +1x2x1 .* 2048 +0\.0156\n)")));
        CHECK(std::regex_search(text, std::regex(R"(strong heat 2-D 128\^2 no-overlap +2 +1x2x1 .* 2048 +0\.0156\n)")));
        // 32^3 as 1 x 1 x 2: one 32 x 32 plane of doubles each way.
        CHECK(std::regex_search(text, std::regex(R"(strong heat 3-D 32\^3 +2 +1x1x2 .* 16384 +0\.0625\n)")));
    }
}
