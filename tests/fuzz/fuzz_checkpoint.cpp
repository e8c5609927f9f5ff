// SPDX-License-Identifier: MIT
// Fuzz target: bytes -> a checkpoint file -> the path of `simt run --restart` on the CPU: open,
// check, the solver's load, then one step. Only a simt::Error may come out.
#include <unistd.h>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <simt/core/error.hpp>
#include <simt/io/checkpoint.hpp>
#include <simt/io/scenario.hpp>
#include <simt/solvers/registry.hpp>
#include <simt/solvers/simulation.hpp>

namespace {
/// The scenario a checkpoint carries may ask for any size; a mutated digit must not make the
/// fuzzer allocate gigabytes (that is what the scenario asked for, not a bug).
constexpr std::int64_t max_elements = 1 << 18;

bool small_enough(const std::string& scenario_text) {
    auto scenario = simt::io::Scenario::from_string(scenario_text, "fuzz");
    const simt::SolverEntry& entry = simt::builtin_solvers().find(scenario.required_string("solver"));
    simt::io::Schema schema;
    schema.add(simt::common_schema());
    schema.add(entry.schema);
    const simt::io::Params p = scenario.validate(schema);
    std::int64_t cells = 1, lattice_cells = 4;  // fcc: 4 particles a cell
    for (const char* axis : {"nx", "ny", "nz"}) {
        if (p.has(std::string("grid.") + axis)) cells *= p.integer(std::string("grid.") + axis);
        if (p.has(std::string("system.") + axis)) lattice_cells *= p.integer(std::string("system.") + axis);
    }
    const std::int64_t particles = p.has("system.particles") ? p.integer("system.particles") : 0;
    const std::int64_t paths = p.has("pricing.paths_per_step") ? p.integer("pricing.paths_per_step") : 0;
    return cells <= max_elements && lattice_cells <= max_elements && particles <= max_elements &&
           paths <= max_elements;
}

const std::string& checkpoint_path() {
    static const std::string path = [] {
        char dir[] = "/tmp/simt_fuzz_checkpoint_XXXXXX";
        if (!mkdtemp(dir)) std::abort();
        return std::string(dir) + "/fuzz.h5";
    }();
    return path;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string& path = checkpoint_path();
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), std::streamsize(size));
    try {
        {
            const simt::io::CheckpointReader reader(path);
            if (!small_enough(reader.meta().scenario)) return 0;
        }
        auto sim = simt::Simulation::restore(path, "cpu");
        sim->step(1);
    } catch (const simt::Error&) {
    }
    return 0;
}
