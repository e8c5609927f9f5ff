// SPDX-License-Identifier: MIT
// Solver: the contract every module (heat, lbm, md, option pricing...) implements. The
// Simulation drives it; neither the CLI nor Python knows which solver it holds.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <simt/core/value.hpp>
#include <simt/io/checkpoint.hpp>
#include <simt/solvers/field_ref.hpp>
#include <simt/solvers/outputs.hpp>

namespace simt {
/// Named scalars in a fixed order (mass, energy, drag, price...).
using Observables = std::vector<std::pair<std::string, double>>;

class Solver {
   public:
    virtual ~Solver() = default;
    /// Advances n steps; queues GPU work and may return before it finishes.
    virtual void step(std::int64_t n) = 0;
    virtual double time() const = 0;
    virtual std::int64_t steps() const = 0;
    virtual std::vector<std::string> field_names() const = 0;
    /// Zero-copy access on the solver's backend; ConfigError listing the names if unknown.
    virtual FieldRef field(std::string_view name) = 0;
    /// This rank's own values of field `name`, without the gather that field() of a particle
    /// solver across ranks makes (collective): a grid solver's block, as field() gives it; md's
    /// owned particles in storage order, named by the field "id".
    virtual FieldRef own_field(std::string_view name) { return field(name); }
    virtual Observables observables() = 0;
    /// Steering: the Simulation has already checked the key is steerable and the value valid
    /// by the schema; the solver applies it (and may reject it, e.g. for stability).
    virtual void set(std::string_view key, const Value& v) = 0;
    /// Writes fields and /state; the Simulation writes /simt and /observables.
    virtual void save(io::CheckpointWriter& out) = 0;
    /// Restores what save() wrote (step and time from the meta), exactly.
    virtual void load(const io::CheckpointReader& in) = 0;
    /// The fields shown beside the checkpoints (XDMF) and in trajectories (H5MD).
    virtual Outputs outputs() const { return {}; }
    /// How far the solver's counter-based random streams have advanced (stored in checkpoints).
    virtual std::uint64_t rng_counter() const { return 0; }
    /// Whether the solver has reached its own goal (a Monte Carlo target error, say): the
    /// Simulation then stops stepping whatever run.steps says. step(n) may stop short of n then.
    virtual bool finished() const { return false; }
};
}  // namespace simt
