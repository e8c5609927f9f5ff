// SPDX-License-Identifier: MIT
// The `simt` command: run, validate, price, plot, movie, info, solvers. Errors print one message and map to the
// exit codes of exit_codes.hpp.
#include <algorithm>
#include <cstdio>
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <simt/config.hpp>
#include <simt/core/comm.hpp>
#include <simt/core/error.hpp>
#include <simt/montecarlo/payoff_table.hpp>
#include <simt/solvers/pricing_request_keys.hpp>
#include "commands.hpp"
#include "exit_codes.hpp"

namespace {
/// Prints "simt: <kind>: <what>" and gives the exit code. Across ranks the message names the
/// rank, and the failing rank ends them all with its code: the others may be waiting for it
/// in a collective call, which would never return.
int fail(int code, const char* kind, const char* what) {
    const simt::Comm& ranks = simt::Comm::world();
    if (!ranks.parallel()) {
        std::fprintf(stderr, "simt: %s: %s\n", kind, what);
        return code;
    }
    std::fputs(fmt::format("simt: rank {} of {}: {}: {}\n", ranks.rank(), ranks.size(), kind, what).c_str(), stderr);
    std::fflush(stderr);
    ranks.abort(code);
}

/// The pricing request's keys as options (--paths N, --qmc-replicates R, --greeks, and
/// --no-control-variate for a key that is on by default), from the one schema that checks them;
/// each option given adds its key to `request`.
void add_request_options(CLI::App& cmd, std::vector<std::pair<std::string, simt::Value>>& request) {
    const simt::io::Schema schema = simt::pricing_request_schema();
    for (const simt::io::KeySpec& key : schema.keys()) {
        std::string name = key.path;
        std::replace(name.begin(), name.end(), '_', '-');
        if (key.kind != simt::io::Kind::Bool) {
            cmd.add_option_function<std::int64_t>(
                "--" + name, [&request, key = key.path](std::int64_t v) { request.emplace_back(key, v); },
                key.doc + " (default " + simt::to_string(*key.default_value) + ")");
            continue;
        }
        const bool on = std::get<bool>(*key.default_value);
        cmd.add_flag_function(
            (on ? "--no-" : "--") + name,
            [&request, key = key.path, on](std::int64_t count) { request.emplace_back(key, (count > 0) != on); },
            on ? "turn off (on by default): " + key.doc : key.doc);
    }
}
}  // namespace

int main(int argc, char** argv) {
    using namespace simt::cli;
    // Under mpirun (in an MPI build): every rank runs this same command (docs/parallel.md).
    simt::MpiSession mpi(argc, argv);
    CLI::App app{"simt: GPU simulation toolkit (CFD, molecular dynamics, Monte Carlo)", "simt"};
    app.set_version_flag("--version", std::string("simt ") + SIMT_VERSION);
    app.require_subcommand(1);

    RunOptions run_opt;
    std::int64_t steps = -1, until = -1;
    auto* run_cmd = app.add_subcommand("run", "run a scenario file");
    run_cmd->add_option("scenario", run_opt.scenario, "scenario YAML file")->check(CLI::ExistingFile);
    run_cmd->add_option("--set", run_opt.overrides, "override a key: --set physics.diffusivity=0.5")->take_all();
    run_cmd->add_option("--device", run_opt.device, "auto | cpu | cuda (default: the scenario's)")
        ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
    run_cmd->add_option("--restart", run_opt.restart, "continue from this checkpoint");
    auto* steps_opt = run_cmd->add_option("--steps", steps, "run N more steps from where the run starts (its checkpoint's step with --restart)")
                          ->check(CLI::PositiveNumber);
    run_cmd->add_option("--until", until, "stop at this step (default: run.steps)")
        ->check(CLI::NonNegativeNumber)
        ->excludes(steps_opt);
    run_cmd->add_option("--output", run_opt.output, "output directory (default: output.dir or runs/<scenario>)");
    run_cmd->add_flag("--profile", run_opt.profile, "print the per-kernel time table at the end");
    run_cmd->add_option("--progress-every", run_opt.progress_every,
                        "seconds between progress lines when stderr is not a terminal (0: none)")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);

    std::string validate_path;
    std::vector<std::string> validate_overrides;
    auto* validate_cmd = app.add_subcommand("validate", "check a scenario file without running it");
    validate_cmd->add_option("scenario", validate_path, "scenario YAML file")->required()->check(CLI::ExistingFile);
    validate_cmd->add_option("--set", validate_overrides, "override a key")->take_all();

    PriceOptions price_opt;
    auto* price_cmd = app.add_subcommand("price", "Monte Carlo prices of every option of a book (CSV or YAML)");
    price_cmd
        ->add_option(
            "book", price_opt.book,
            fmt::format("book file: .csv or .yaml (payoffs: {})", fmt::join(simt::montecarlo::payoff_names(), ", ")))
        ->required()
        ->check(CLI::ExistingFile);
    add_request_options(*price_cmd, price_opt.request);
    price_cmd->add_option("--device", price_opt.device, "auto | cpu | cuda")->check(CLI::IsMember({"auto", "cpu", "cuda"}));
    price_cmd->add_option("-o,--output", price_opt.output,
                          "also write the results to this CSV file, and as HDF5 beside it (.h5)");
    price_cmd->add_option("--progress-every", price_opt.progress_every,
                          "seconds between progress lines when stderr is not a terminal (0: none)")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);

    PlotOptions plot_opt;
    auto* plot_cmd =
        app.add_subcommand("plot", "a checkpoint's field as a PNG picture, or a run's observables as a chart");
    plot_cmd->add_option("input", plot_opt.input, "checkpoint (.h5) with --field, or observables.h5/.csv with --y")
        ->required()
        ->check(CLI::ExistingFile);
    auto* field_opt = plot_cmd->add_option("--field", plot_opt.field, "the checkpoint field to draw");
    plot_cmd->add_option("--y", plot_opt.series, "observables to chart against time: kinetic_energy,temperature")
        ->excludes(field_opt);
    plot_cmd->add_option("--slice", plot_opt.picture.slice, "plane of a 3-D field: z=64 (default: the middle z plane)");
    plot_cmd->add_option("--projection", plot_opt.picture.projection, "x, y or z: the maximum along that axis");
    plot_cmd->add_option("--slab", plot_opt.picture.slab,
                         "particles: lo,hi, the fraction of the box along the axis shown");
    plot_cmd->add_option("--range", plot_opt.picture.range,
                         "lo,hi drawn at the colormap's ends (default: the field's own)");
    plot_cmd->add_option("--colormap", plot_opt.picture.colormap, "viridis, coolwarm or grey")->capture_default_str();
    plot_cmd->add_option("--width", plot_opt.picture.width, "pixels across (default: one per cell)")
        ->check(CLI::Range(1, 16384));
    plot_cmd->add_option("-o,--output", plot_opt.output, "PNG file to write")->required();

    MovieOptions movie_opt;
    auto* movie_cmd = app.add_subcommand("movie", "a run's PNG frames (output.images) as a video, with ffmpeg");
    movie_cmd->add_option("run_dir", movie_opt.run_dir, "the run's output directory")->required();
    movie_cmd->add_option("--field", movie_opt.field, "whose frames, when the run drew several fields");
    movie_cmd->add_option("--fps", movie_opt.fps, "frames per second")
        ->capture_default_str()
        ->check(CLI::Range(1, 240));
    movie_cmd->add_option("-o,--output", movie_opt.output, "video file to write (.mp4)")->required();

    auto* info_cmd = app.add_subcommand("info", "backends, GPU, library versions");
    std::string solver_name;
    auto* solvers_cmd = app.add_subcommand("solvers", "registered solvers and their keys");
    solvers_cmd->add_option("name", solver_name, "only this solver (and the keys every scenario takes)");

    if (argc == 1) {  // no work asked for: the usage, and the exit code of an argument error
        std::fputs(app.help().c_str(), stderr);
        return config_error;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version end parsing with code 0; every argument error is config_error.
        return app.exit(e) == 0 ? ok : config_error;
    }
    try {
        if (steps >= 0) run_opt.steps = steps;
        if (until >= 0) run_opt.until = until;
        if (*run_cmd) return run(run_opt);
        if (*validate_cmd) return validate(validate_path, validate_overrides);
        if (*price_cmd) return price(price_opt);
        if (*plot_cmd) return plot(plot_opt);
        if (*movie_cmd) return movie(movie_opt);
        if (*info_cmd) return info();
        if (*solvers_cmd) return solvers(solver_name);
    } catch (const simt::ConfigError& e) {
        return fail(config_error, "error", e.what());
    } catch (const simt::DivergedError& e) {
        return fail(diverged, "diverged", e.what());
    } catch (const simt::IoError& e) {
        return fail(io_error, "error", e.what());
    } catch (const simt::Unsupported& e) {
        return fail(device_error, "error", e.what());
    } catch (const simt::DeviceError& e) {
        return fail(device_error, "device error", e.what());
    } catch (const std::exception& e) {
        return fail(error, "error", e.what());
    }
    return error;
}
