// SPDX-License-Identifier: MIT
// The solver registry: the YAML `solver:` name to its schema and factory. Registration is
// explicit (builtin_solvers() calls register_<name>_solver for each solver folder that
// solvers/CMakeLists.txt lists), never by static objects a linker may drop.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include <simt/core/context.hpp>
#include <simt/io/params.hpp>
#include <simt/io/schema.hpp>
#include <simt/solvers/precision.hpp>
#include <simt/solvers/solver.hpp>

namespace simt {
struct SolverEntry {
    std::string name;     ///< the YAML `solver:` value
    std::string summary;  ///< one line for `simt solvers`
    io::Schema schema;    ///< the solver's own keys (grid.*, physics.*, ...)
    /// Rules that span keys (periodic faces in pairs, stability limits): ConfigError when
    /// broken. Allocates nothing, so `simt validate` can run it on any size.
    std::function<void(const io::Params&)> check;
    /// The solver for validated parameters, in the scenario's precision (read once, by the Simulation).
    std::function<std::unique_ptr<Solver>(const io::Params&, Precision, const Context&)> make;
};

class Registry {
   public:
    void add(SolverEntry entry);  // simt::Error on a duplicate name
    /// ConfigError "unknown solver 'x'; registered: heat, ..." when absent.
    const SolverEntry& find(std::string_view name) const;
    std::vector<std::string> names() const;

   private:
    std::vector<SolverEntry> m_entries;
};

/// The registry with every solver this build has; built on first use.
const Registry& builtin_solvers();

/// Keys every scenario has, whatever its solver: simt, solver, device, precision, seed,
/// run.steps, output.*.
const io::Schema& common_schema();
}  // namespace simt
