// SPDX-License-Identifier: MIT
// `mpirun -np K simt price` and the option_pricing solver against the plain (one-process)
// command: every column of the results but the wall-clock seconds equal to the bit for 1 to 4
// ranks, with Greeks and with Sobol points, books split by option, by paths and by both at once; bad rows reported once
// with the plain run's exit code; a solver checkpoint written on 3 ranks restarted on 2 and on 1. Skipped without MPI.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <fmt/format.h>
#include "../skip.hpp"
#include "../temp_dir.hpp"
#include "checkpoint_files.hpp"
#include "launch.hpp"

namespace simt::test {
namespace {
const std::string exotic_book = fmt::format("{}/configs/books/exotic_book.csv", SIMT_TEST_SOURCE_DIR);

/// A results CSV without its last column (`seconds`, the wall time, which no two runs share).
std::string without_seconds(const std::string& csv) {
    std::istringstream in(csv);
    std::string line, out;
    while (std::getline(in, line)) out += line.substr(0, line.rfind(',')) + "\n";
    return out;
}

/// A European call (the GBM engine; the generic path kernel with Sobol points) and an American
/// put (Longstaff-Schwartz): fewer rows than 3 or 4 ranks, which share each row's paths.
constexpr const char* two_row_book =
    "id,type,payoff,model,spot,strike,maturity,rate,dividend,volatility,exercise_dates,basis,degree\n"
    "1,call,european,gbm,100,105,1.0,0.03,0.01,0.25,,,\n"
    "2,put,american,gbm,36,40,1.0,0.06,0.00,0.20,50,laguerre,3\n";

/// The exotic book's first six rows (barriers, a lookback, Heston, Merton): on 4 ranks two groups
/// of two ranks, each pricing three rows and sharing their paths (book_share).
std::string six_row_book() {
    std::istringstream in(read_text(exotic_book));
    std::string line, out;
    int rows = -1;  // the header
    while (std::getline(in, line) && rows < 6)
        if (line.rfind('#', 0) != 0) out += line + "\n", ++rows;
    return out;
}

/// `book` priced `paths` paths per step, with Greeks, checkpointed every 3 steps, for 10 steps or
/// until `target` (a relative standard error; 0: none).
std::string solver_scenario(const std::string& book, int paths, double target) {
    return fmt::format(R"(simt: 1
solver: option_pricing
device: cpu
seed: 7
book: {{file: {}}}
pricing: {{paths_per_step: {}, greeks: true, target_std_error: {}}}
run: {{steps: 10}}
output: {{observables_every: 1, checkpoint_every: 3}}
)",
                       book, paths, target);
}
/// The exotic book's target stops it at step 6 (the worst relative error is 0.0404 after 5
/// steps, 0.0373 after 6), so every rank must see the whole book's errors.
const std::string exotic_solver_scenario = solver_scenario(exotic_book, 500, 0.039);

/// A solver run in `out` has the plain run's observables, results and checkpointed sums at `step`.
void check_same_run(const std::string& out, const std::string& plain, int step) {
    INFO(out);
    CHECK(read_text(out + "/observables.csv") == read_text(plain + "/observables.csv"));
    CHECK(without_seconds(read_text(out + "/results.csv")) == without_seconds(read_text(plain + "/results.csv")));
    check_same_bits(field<double>(checkpoint(out, step), "sums"), field<double>(checkpoint(plain, step), "sums"));
    check_same_bits(field<std::int64_t>(checkpoint(out, step), "samples"),
                    field<std::int64_t>(checkpoint(plain, step), "samples"));
}

/// What one `simt price` printed and wrote.
struct Priced {
    int rc;
    std::string table, log, csv;
};

/// `simt price` of `book` with `flags` on `ranks` ranks (0: without mpirun).
Priced price(const TempDir& dir, int ranks, const std::string& book, const std::string& flags) {
    const std::string name = fmt::format("ranks{}", ranks), csv = dir.file(name + ".csv");
    const std::string command = fmt::format("sh -c '{}{} price {} {} -o {} 2>{}'", ranks ? mpirun(ranks) : "",
                                            SIMT_BIN, book, flags, csv, dir.file(name + ".err"));
    const int rc = shell(command, dir.file(name + ".out"));
    return {rc, read_text(dir.file(name + ".out")), read_text(dir.file(name + ".err")), read_text(csv)};
}

/// The plain command and 1 to 4 ranks give the same exit code, table and results bits.
void check_ranks_match_plain(const std::string& book, const std::string& flags, int expected_rc) {
    const TempDir dir;
    const Priced plain = price(dir, 0, book, flags);
    INFO(plain.log);
    REQUIRE(plain.rc == expected_rc);
    REQUIRE(!plain.csv.empty());
    for (int ranks = 1; ranks <= 4; ++ranks) {
        const Priced split = price(dir, ranks, book, flags);
        INFO("ranks: " << ranks << "\n" << split.log);
        CHECK(split.rc == expected_rc);
        CHECK(split.table == plain.table);
        CHECK(without_seconds(split.csv) == without_seconds(plain.csv));
    }
}
}  // namespace

TEST_SUITE("mpi") {
    TEST_CASE("mpi: a book with Greeks on 1 to 4 ranks gives the plain run's results to the bit") {
        if (!have_mpi()) return skip("no MPI in this build");
        // 11 rows of 8 runs: 2 and 4 ranks share every row's paths (11 x 2 runs on the busiest of 4,
        // not 3 x 8), 3 ranks go by option (4 x 8, not 11 x 3).
        check_ranks_match_plain(exotic_book, "--paths 2000 --greeks", 0);
    }

    TEST_CASE("mpi: a book priced with Sobol points on 1 to 4 ranks gives the plain run's results to the bit") {
        if (!have_mpi()) return skip("no MPI in this build");
        check_ranks_match_plain(exotic_book, "--paths 512 --qmc --qmc-replicates 4 --antithetic", 0);
    }

    TEST_CASE("mpi: a book of fewer options than ranks shares each option's paths, to the plain run's bits") {
        if (!have_mpi()) return skip("no MPI in this build");
        // 8000 paths: runs of 16 blocks of 32 samples, 4 to 6 runs per rank.
        const TempDir dir;
        const std::string book = write(dir, "two.csv", two_row_book);
        check_ranks_match_plain(book, "--paths 8000 --greeks", 0);
        check_ranks_match_plain(book, "--paths 4096 --qmc --qmc-replicates 4", 0);
    }

    TEST_CASE("mpi: a book a few rows longer than the ranks is split by option and by paths at once, to the bits") {
        if (!have_mpi()) return skip("no MPI in this build");
        // 500 paths: 4 runs per row. 4 ranks: 2 groups of 2 (3 rows x 2 runs each, not 2 x 4);
        // 3 ranks: by option; 2 ranks: each a group of its own (3 rows x 4 runs).
        const TempDir dir;
        const std::string book = write(dir, "six.csv", six_row_book());
        check_ranks_match_plain(book, "--paths 500 --greeks", 0);
    }

    TEST_CASE("mpi: a bad book row is reported once with the plain exit code on more ranks than rows") {
        if (!have_mpi()) return skip("no MPI in this build");
        const TempDir dir;
        const std::string book = write(dir, "book.csv",
                                       "id,type,spot,strike,maturity,rate,volatility\n"
                                       "1,call,100,100,1.0,0.05,0.2\n"
                                       "2,put,100,90,0.5,0.05,-0.2\n"
                                       "3,put,100,110,2.0,0.03,0.3\n");
        check_ranks_match_plain(book, "--paths 1000", 6);
        const Priced split = price(dir, 4, book, "--paths 1000");
        INFO(split.log);
        const std::string bad = "simt: bad row: ";
        const std::size_t first = split.log.find(bad);
        REQUIRE(first != std::string::npos);
        CHECK(split.log.find("volatility") != std::string::npos);
        CHECK(split.log.find(bad, first + 1) == std::string::npos);
        CHECK(split.log.find("priced 2 options (1 bad row) on cpu x 4 ranks") != std::string::npos);
    }

    TEST_CASE("mpi: option_pricing on 1 to 4 ranks gives the plain run's observables and results to the bit") {
        if (!have_mpi()) return skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = write(dir, "book.yaml", exotic_solver_scenario);
        run(0, scenario, dir.file("plain"));
        REQUIRE(!read_text(dir.file("plain/results.csv")).empty());
        const std::string observed = read_text(dir.file("plain/observables.csv"));
        REQUIRE(observed.find("\n6,") != std::string::npos);
        REQUIRE(observed.find("\n7,") == std::string::npos);
        for (int ranks = 1; ranks <= 4; ++ranks) {
            const std::string out = dir.file(fmt::format("ranks{}", ranks));
            run(ranks, scenario, out);
            check_same_run(out, dir.file("plain"), 6);
        }
    }

    TEST_CASE("mpi: option_pricing of fewer rows than ranks shares their paths, to the plain run's bits") {
        if (!have_mpi()) return skip("no MPI in this build");
        const TempDir dir;
        // 2000 paths a step: 8 runs of 8 blocks, 3, 3 and 2 runs on 3 ranks.
        const std::string book = write(dir, "two.csv", two_row_book);
        const std::string scenario = write(dir, "two.yaml", solver_scenario(book, 2000, 0));
        run(0, scenario, dir.file("plain"));
        for (int ranks : {3, 4}) {
            const std::string out = dir.file(fmt::format("ranks{}", ranks));
            run(ranks, scenario, out);
            check_same_run(out, dir.file("plain"), 9);
        }
    }

    TEST_CASE("mpi: option_pricing of six rows on 4 ranks, two groups sharing paths, gives the plain run's bits") {
        if (!have_mpi()) return skip("no MPI in this build");
        const TempDir dir;
        const std::string book = write(dir, "six.csv", six_row_book());
        const std::string scenario = write(dir, "six.yaml", solver_scenario(book, 500, 0));
        run(0, scenario, dir.file("plain"));
        run(4, scenario, dir.file("ranks4"));
        check_same_run(dir.file("ranks4"), dir.file("plain"), 9);
    }

    TEST_CASE("mpi: an option_pricing checkpoint written on 3 ranks restarts on 2 and on 1 as if never stopped") {
        if (!have_mpi()) return skip("no MPI in this build");
        const TempDir dir;
        const std::string scenario = write(dir, "book.yaml", exotic_solver_scenario);
        run(0, scenario, dir.file("plain"));
        run(3, scenario, dir.file("three"), "--steps 3");
        const std::string written = checkpoint(dir.file("three"), 3);
        run(2, "", dir.file("two"), "--restart " + written);
        check_same_run(dir.file("two"), dir.file("plain"), 6);
        run(0, "", dir.file("one"), "--restart " + written);
        check_same_run(dir.file("one"), dir.file("plain"), 6);
    }
}
}  // namespace simt::test
