// SPDX-License-Identifier: MIT
// The option_pricing solver: prices within 4 standard errors of the closed forms once the target
// error stops the run, exact restart of the running sums, bad rows skipped, book files found
// beside the scenario.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/io/checkpoint.hpp>
#include <simt/io/records.hpp>
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/geometric_asian.hpp>
#include "../approx.hpp"
#include "../backends.hpp"
#include "../temp_dir.hpp"
#include "sim_helpers.hpp"

using namespace simt;
using namespace simt::montecarlo;

namespace {
// One market for every row: S 100, T 1, r 5%, q 2%, sigma 20%.
const BsmInputs market{100, 100, 1.0, 0.05, 0.02, 0.20};

std::string row(int id, const char* type, const char* payoff, double strike, const char* extra = "") {
    return fmt::format("    - {{id: {}, type: {}, payoff: {}, spot: 100, strike: {}, maturity: 1, rate: 0.05, "
                       "dividend: 0.02, volatility: 0.2{}}}\n",
                       id, type, payoff, strike, extra);
}

const std::string book = "book:\n  options:\n" + row(1, "call", "european", 100) + row(2, "put", "european", 90) +
                         row(3, "call", "digital", 105, ", cash: 1") +
                         row(4, "call", "geometric_asian", 100, ", fixings: 12") +
                         row(5, "put", "arithmetic_asian", 100, ", fixings: 12");

/// The closed form of each row above; the arithmetic Asian has none.
std::map<int, double> closed_forms() {
    BsmInputs put90 = market, digital105 = market;
    put90.strike = 90;
    digital105.strike = 105;
    return {{1, bsm_price(OptionType::Call, market)},
            {2, bsm_price(OptionType::Put, put90)},
            {3, digital_price(OptionType::Call, digital105, 1.0)},
            {4, geometric_asian_price(OptionType::Call, market, 12)}};
}

/// results.csv: id -> (price, std_error).
std::map<int, std::pair<double, double>> read_results(const std::string& csv) {
    std::map<int, std::pair<double, double>> out;
    for (const Record& r : io::read_records(csv)) {
        std::map<std::string, std::string> cells(r.cells.begin(), r.cells.end());
        out[std::stoi(cells.at("id"))] = {std::stod(cells.at("price")), std::stod(cells.at("std_error"))};
    }
    return out;
}

/// Every row with a closed form priced within 4 of its standard errors of it.
void check_closed_forms(const std::map<int, std::pair<double, double>>& results) {
    for (const auto& [id, exact] : closed_forms()) {
        CAPTURE(id);
        const auto [price, se] = results.at(id);
        CAPTURE(price);
        CAPTURE(exact);
        CAPTURE(se);
        CHECK(std::abs(price - exact) < 4 * se);
    }
}

std::vector<double> checkpoint_sums(const std::string& path) {
    io::CheckpointReader in(path);
    const auto dims = in.field_dims("sums");
    std::vector<double> v(dims[0] * dims[1]);
    in.read_field("sums", v.data(), v.size());
    return v;
}
}  // namespace

TEST_CASE("option_pricing: the target standard error stops the run with prices at the closed forms") {
    test::TempDir dir;
    const std::string yaml = "solver: option_pricing\nseed: 7\n" + book +
                             "pricing: {paths_per_step: 10000, target_std_error: 0.005}\nrun: {steps: 100}\n"
                             "output: {observables_every: 1}\n";
    auto sim = test::make_sim(yaml, Backend::Cpu);
    sim.step(100);
    CHECK(sim.solver().finished());
    CAPTURE(sim.steps());
    CHECK(sim.steps() > 2);    // the first steps were not enough...
    CHECK(sim.steps() < 100);  // ...and it stopped long before the cap
    CHECK(test::observable(sim, "paths") == 10000.0 * double(sim.steps()));  // a count: exact
    CHECK(test::observable(sim, "max_rel_std_error") < 0.005);
    const auto& rel = sim.series().columns[4];
    REQUIRE(rel.size() == std::size_t(sim.steps()) + 1);
    CHECK(rel[rel.size() - 2] >= 0.005);  // one step less would not have met the target

    sim.checkpoint(dir.file("end.h5"));
    const auto results = read_results(dir.file("results.csv"));
    REQUIRE(results.size() == 5);
    for (const auto& [id, r] : results) {
        CAPTURE(id);
        CHECK(r.second < 0.005 * std::abs(r.first));
    }
    check_closed_forms(results);
}

TEST_CASE("option_pricing: an absolute target is met in currency") {
    const std::string yaml = "solver: option_pricing\n" + book +
                             "pricing: {paths_per_step: 20000, target_std_error: 0.05, target_relative: false}\n";
    auto sim = test::make_sim(yaml, Backend::Cpu);
    sim.step(50);
    CHECK(sim.solver().finished());
    CHECK(sim.steps() < 50);
    CHECK(test::observable(sim, "max_std_error") < 0.05);
}

TEST_CASE("option_pricing: quasi-random steps add fresh scramblings") {
    test::TempDir dir;
    const auto priced = [&](int paths_per_step, int replicates, int steps, const std::string& name) {
        auto sim = test::make_sim("solver: option_pricing\nseed: 5\n" + book +
                                      fmt::format("pricing: {{paths_per_step: {}, qmc: true, qmc_replicates: {}}}\n",
                                                  paths_per_step, replicates),
                                  Backend::Cpu);
        sim.step(steps);
        CHECK(test::observable(sim, "paths") == double(paths_per_step) * steps);
        sim.checkpoint(dir.file(name + ".h5"));
        std::filesystem::rename(dir.file("results.csv"), dir.file(name + ".csv"));
        return read_results(dir.file(name + ".csv"));
    };
    // Two steps of scramblings 0-3 and 4-7 are one step of scramblings 0-7 with as many points
    // each (the sums of the replicates' means, added in another order).
    const auto two_steps = priced(4096, 4, 2, "two");
    const auto one_step = priced(8192, 8, 1, "one");
    for (const auto& [id, r] : two_steps) {
        CAPTURE(id);
        CHECK(r.first == test::relative(one_step.at(id).first, 1e-12));
        CHECK(r.second == test::relative(one_step.at(id).second, 1e-9));
    }
    // Sixteen steps: the prices at the closed forms, the standard error about a quarter of one
    // step's (each estimated from the spread of the replicates: one step's from 8 of them).
    const auto first = priced(4096, 8, 1, "first");
    const auto sixteen = priced(4096, 8, 16, "sixteen");
    check_closed_forms(sixteen);
    for (const auto& [id, exact] : closed_forms()) {
        CAPTURE(id);
        CHECK(sixteen.at(id).second > 0.1 * first.at(id).second);
        CHECK(sixteen.at(id).second < 0.6 * first.at(id).second);
    }
}

TEST_CASE("option_pricing: a checkpointed run continues bit for bit") {
    test::TempDir dir;
    for (Backend b : test::backends())
        for (const char* settings : {"{paths_per_step: 1000, greeks: true, antithetic: true}",
                                     "{paths_per_step: 1002, fp32: true}",
                                     "{paths_per_step: 1024, qmc: true, qmc_replicates: 4, greeks: true}"}) {
            CAPTURE(backend_name(b));
            CAPTURE(settings);
            const std::string yaml = "solver: option_pricing\nseed: 3\n" + book + "pricing: " + settings +
                                     "\noutput: {observables_every: 2}\n";
            test::check_exact_restart(yaml, b, 6, dir.path.string());

            // The running sums themselves, straight and through a checkpoint.
            auto straight = test::make_sim(yaml, b);
            straight.step(6);
            straight.checkpoint(dir.file("straight.h5"));
            auto first = test::make_sim(yaml, b);
            first.step(3);
            first.checkpoint(dir.file("half.h5"));
            auto second = Simulation::restore(dir.file("half.h5"), std::string(backend_name(b)));
            second->step(3);
            second->checkpoint(dir.file("restarted.h5"));
            CHECK(test::same_bits(checkpoint_sums(dir.file("straight.h5")), checkpoint_sums(dir.file("restarted.h5"))));
        }
}

TEST_CASE("option_pricing: bad rows are skipped and the valid ones priced") {
    test::TempDir dir;
    const std::string bad = "    - {id: 6, type: call, spot: 100, strike: 100, maturity: 1, volatility: -0.2}\n";
    auto sim = test::make_sim("solver: option_pricing\n" + book + bad + "pricing: {paths_per_step: 1000}\n", Backend::Cpu);
    sim.step(2);
    sim.checkpoint(dir.file("c.h5"));
    const auto results = read_results(dir.file("results.csv"));
    CHECK(results.size() == 5);
    CHECK(results.count(6) == 0);

    const std::string all_bad = "solver: option_pricing\nbook:\n  options:\n" + bad;
    CHECK_THROWS_WITH_AS(test::make_sim(all_bad, Backend::Cpu), doctest::Contains("no valid row"), ConfigError);
    CHECK_THROWS_WITH_AS(test::make_sim("solver: option_pricing\n", Backend::Cpu), doctest::Contains("book is empty"),
                         ConfigError);
    CHECK_THROWS_WITH_AS(test::make_sim("solver: option_pricing\n" + book + "  file: b.csv\n", Backend::Cpu),
                         doctest::Contains("not both"), ConfigError);
}

TEST_CASE("option_pricing: a book file is read from the scenario's directory and restarts from anywhere") {
    test::TempDir dir;
    std::filesystem::create_directories(dir.path / "cfg" / "books");
    std::ofstream(dir.file("cfg/books/b.csv")) << "id,type,payoff,spot,strike,maturity,volatility\n"
                                                  "1,call,european,100,100,1,0.2\n2,put,european,100,100,1,0.2\n";
    std::ofstream(dir.file("cfg/s.yaml")) << "solver: option_pricing\nbook: {file: books/b.csv}\n"
                                             "pricing: {paths_per_step: 1000}\n";
    Simulation sim(io::Scenario::from_file(dir.file("cfg/s.yaml")), "cpu");
    sim.step(2);
    CHECK(sim.scenario_text().find(std::filesystem::absolute(dir.path / "cfg/books/b.csv").string()) !=
          std::string::npos);
    sim.checkpoint(dir.file("elsewhere/c.h5"));
    auto again = Simulation::restore(dir.file("elsewhere/c.h5"), "cpu");
    again->step(1);
    CHECK(again->steps() == 3);
    CHECK(read_results(dir.file("elsewhere/results.csv")).size() == 2);
}
