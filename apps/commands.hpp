// SPDX-License-Identifier: MIT
// The subcommands of `simt`; main.cpp parses the command line with CLI11 and calls these.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include <simt/core/value.hpp>
#include <simt/render/picture_spec.hpp>
#include "progress.hpp"

namespace simt::cli {
struct RunOptions {
    std::string scenario;              ///< may be empty with --restart
    std::vector<std::string> overrides;
    std::string device;                ///< "" = the scenario's
    std::string restart;               ///< checkpoint to continue from
    std::optional<std::int64_t> steps; ///< this many more steps from where the run starts
    std::optional<std::int64_t> until; ///< stop at this step (default: run.steps)
    std::string output;                ///< "" = output.dir, else runs/<scenario stem>
    bool profile = false;
    double progress_every = default_log_interval;  ///< seconds between progress lines off a terminal
};
int run(const RunOptions& opt);

struct PriceOptions {
    std::string book;                ///< .csv or .yaml
    /// The pricing request's keys the command line gave (--paths 1000: {"paths", 1000}); the
    /// others take the request's defaults (pricing_request_keys.hpp).
    std::vector<std::pair<std::string, Value>> request;
    std::string device = "auto";
    std::string output;              ///< results CSV, and the HDF5 beside it; "" writes no files
    double progress_every = default_log_interval;  ///< seconds between progress lines off a terminal
};
int price(const PriceOptions& opt);

struct PlotOptions {
    std::string input;               ///< a checkpoint (with field) or observables.h5/.csv (with series)
    std::string field;               ///< a checkpoint field to draw
    std::string series;              ///< observables to chart, comma-separated
    render::PictureOptions picture;  ///< colormap, range, slice or projection, width
    std::string output;
};
int plot(const PlotOptions& opt);

struct MovieOptions {
    std::string run_dir;
    std::string field;  ///< "" when the run drew one field
    int fps = 25;
    std::string output;
};
int movie(const MovieOptions& opt);
int validate(const std::string& scenario, const std::vector<std::string>& overrides);
int info();
/// Every solver and its keys, or only `name`'s (an unknown name is a ConfigError).
int solvers(const std::string& name);
}  // namespace simt::cli
