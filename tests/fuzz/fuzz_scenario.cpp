// SPDX-License-Identifier: MIT
// Fuzz target: scenario text -> Scenario -> validation and cross-key checks for every registered
// solver, the path of `simt validate`. Only a simt::Error may come out.
#include <cstddef>
#include <cstdint>
#include <string>
#include <simt/core/error.hpp>
#include <simt/io/scenario.hpp>
#include <simt/solvers/registry.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        auto scenario = simt::io::Scenario::from_string(text, "fuzz.yaml");
        for (const std::string& name : simt::builtin_solvers().names()) {
            const simt::SolverEntry& entry = simt::builtin_solvers().find(name);
            simt::io::Schema schema;
            schema.add(simt::common_schema());
            schema.add(entry.schema);
            try {
                auto resolved = scenario;
                resolved.resolve_paths(schema);
                entry.check(resolved.validate(schema));
            } catch (const simt::Error&) {
            }
        }
    } catch (const simt::Error&) {
    }
    return 0;
}
