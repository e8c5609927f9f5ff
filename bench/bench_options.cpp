// SPDX-License-Identifier: MIT
#include "bench_common.hpp"

#include <cstdio>
#include <CLI/CLI.hpp>

namespace simt::bench {
int run_bench(int argc, char** argv, const std::string& description, const char* sweep_help,
              const std::function<void(const BenchOptions&)>& body,
              const std::function<void(CLI::App&)>& more_options) {
    CLI::App app(description);
    std::string device = "auto";
    BenchOptions o;
    app.add_option("--device", device, "backend: auto (the GPU if one answers), cpu or cuda")
        ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
    app.add_flag("--quick", o.quick, "small sizes and few repetitions, a smoke run");
    if (sweep_help) app.add_flag("--sweep", o.sweep, sweep_help);
    if (more_options) more_options(app);
    CLI11_PARSE(app, argc, argv);
    try {
        o.backend = resolve_backend(device);
        body(o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
}  // namespace simt::bench
