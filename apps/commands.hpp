// SPDX-License-Identifier: MIT
// The subcommands of `simt`; main.cpp parses the command line with CLI11 and calls these.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace simt::cli {
struct RunOptions {
    std::string scenario;              ///< may be empty with --restart
    std::vector<std::string> overrides;
    std::string device;                ///< "" = the scenario's
    std::string restart;               ///< checkpoint to continue from
    std::optional<std::int64_t> steps; ///< stop at this step instead of run.steps
    std::string output;                ///< "" = output.dir, else runs/<scenario stem>
    bool profile = false;
};
int run(const RunOptions& opt);

struct PriceOptions {
    std::string book;                ///< .csv or .yaml
    std::int64_t paths = 100000;     ///< per option
    std::uint64_t seed = 0;
    bool antithetic = false;
    bool greeks = false;
    bool fp32 = false;
    bool qmc = false;                ///< scrambled Sobol points
    int qmc_replicates = 16;
    std::string device = "auto";
    std::string output = "results.csv";  ///< and results.h5 beside it
};
int price(const PriceOptions& opt);
int validate(const std::string& scenario, const std::vector<std::string>& overrides);
int info();
int solvers();
}  // namespace simt::cli
