// SPDX-License-Identifier: MIT
// `simt run` and `simt validate`.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <simt/core/comm.hpp>
#include <simt/core/error.hpp>
#include <simt/solvers/image_output.hpp>
#include <simt/solvers/registry.hpp>
#include <simt/solvers/simulation.hpp>
#include "commands.hpp"
#include "exit_codes.hpp"
#include "progress.hpp"

namespace simt::cli {
namespace {
std::atomic<int> g_stop_signal{0};

extern "C" void on_stop_signal(int signo) { g_stop_signal.store(signo); }

/// SIGINT/SIGTERM only set a flag: the run loop notices it between steps, writes a final
/// checkpoint and exits with 128 + signal.
void install_stop_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

io::Scenario load_with_overrides(const std::string& path, const std::vector<std::string>& overrides) {
    auto scenario = io::Scenario::from_file(path);
    for (const auto& o : overrides) scenario.set_override(o);
    return scenario;
}

std::string default_output_dir(const std::string& scenario_path) {
    return (std::filesystem::path("runs") / std::filesystem::path(scenario_path).stem()).string();
}
}  // namespace

int run(const RunOptions& opt) {
    std::unique_ptr<Simulation> sim;
    if (!opt.restart.empty()) {
        if (!opt.scenario.empty()) {
            throw ConfigError("simt run: give a scenario or --restart CHECKPOINT, not both (a checkpoint "
                              "carries its scenario; steer keys with --set)");
        }
        sim = Simulation::restore(opt.restart, opt.device);
        for (const auto& o : opt.overrides) {
            const auto eq = o.find('=');
            if (eq == std::string::npos) throw ConfigError("--set expects key=value, got '" + o + "'");
            // On restart only steerable keys may change; Simulation::set says which those are.
            sim->set(o.substr(0, eq), io::parse_scalar(o.substr(eq + 1)));
        }
    } else {
        if (opt.scenario.empty()) throw ConfigError("simt run: a scenario file is required");
        sim = std::make_unique<Simulation>(load_with_overrides(opt.scenario, opt.overrides), opt.device);
    }
    // --steps counts from where this run starts (as LAMMPS's `run N`); --until and run.steps are absolute.
    const std::int64_t target = opt.steps  ? sim->steps() + *opt.steps
                                : opt.until ? *opt.until
                                            : sim->params().integer("run.steps");
    if (target <= sim->steps()) {
        throw ConfigError(fmt::format("simt run: nothing to do: the run is at step {} and {} {}; --steps N runs N "
                                      "more steps",
                                      sim->steps(), opt.until ? "--until is" : "run.steps is", target));
    }
    std::string out = opt.output;
    if (out.empty()) out = sim->params().string("output.dir");
    if (out.empty()) {
        out = opt.restart.empty() ? default_output_dir(opt.scenario)
                                  : std::filesystem::path(opt.restart).parent_path().string();
    }
    sim->set_output_dir(out.empty() ? "." : out);
    sim->context().profiler().enable(opt.profile);
    // Across ranks, rank 0 alone speaks (and writes files, Simulation's rule).
    const Comm& ranks = Comm::world();
    if (ranks.root())
        fmt::print(stderr, "simt: {} on {} ({}){}, steps {} -> {}, output {}\n", sim->solver_name(),
                   backend_name(sim->context().backend()), precision_name(sim->precision()),
                   ranks.parallel() ? fmt::format(" on {} ranks", ranks.size()) : "", sim->steps(), target,
                   sim->output_dir());
    install_stop_handlers();
    Progress progress(sim->solver_name(), "step", opt.progress_every, [&sim, &ranks] {
        std::string text;
        const auto add = [&text](const std::string& name, double value) {
            text += fmt::format("{}{}={:.6g}", text.empty() ? "" : " ", name, value);
        };
        if (!ranks.parallel()) {
            for (const auto& [name, value] : sim->observables()) add(name, value);
            return text;
        }
        // Across ranks observables are collective and only rank 0 reports: it shows the last
        // recorded row instead.
        const ObservableSeries& rows = sim->series();
        for (std::size_t c = 2; rows.rows() > 0 && c < rows.names.size(); ++c)
            add(rows.names[c], rows.columns[c].back());
        return text;
    });
    const auto t0 = std::chrono::steady_clock::now();
    const std::int64_t first = sim->steps();
    const auto outcome =
        sim->run_until(target, &g_stop_signal,
                       ranks.root() ? std::function<void(std::int64_t, std::int64_t)>(std::ref(progress)) : nullptr);
    if (outcome == Simulation::Outcome::Interrupted) {
        const int signo = g_stop_signal.load();
        if (ranks.root())
            fmt::print(stderr, "\nsimt: stopped by {} at step {}; checkpoint {}\n",
                       signo == SIGINT ? "SIGINT" : "SIGTERM", sim->steps(), sim->last_checkpoint());
        return interrupted + signo;
    }
    const std::string ckpt = sim->finish();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (ranks.root())
        fmt::print(stderr, "simt: done at step {} (t = {:.6g}) in {:.3f} s, {:.4g} steps/s; checkpoint {}\n",
                   sim->steps(), sim->time(), seconds, seconds > 0 ? (sim->steps() - first) / seconds : 0.0, ckpt);
    if (opt.profile) fmt::print(stderr, "{}", sim->context().profiler().table());
    return ok;
}

int validate(const std::string& path, const std::vector<std::string>& overrides) {
    auto scenario = load_with_overrides(path, overrides);
    const std::string solver = scenario.required_string("solver");
    const SolverEntry& entry = builtin_solvers().find(solver);
    io::Schema schema;
    schema.add(common_schema());
    schema.add(entry.schema);
    scenario.resolve_paths(schema);
    const io::Params params = scenario.validate(schema);
    entry.check(params);
    image_picture_spec(params, path);
    fmt::print("{}: valid {} scenario\n", path, solver);
    return ok;
}
}  // namespace simt::cli
