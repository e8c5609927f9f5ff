// SPDX-License-Identifier: MIT
// Precision: the floating-point type of a run's fields, read once from the scenario's
// `precision` key, and the one place where a solver template meets it.
#pragma once
#include <memory>
#include <simt/io/params.hpp>
#include <simt/solvers/solver.hpp>

namespace simt {
class Context;

enum class Precision { Float, Double };

/// The scenario's spelling, "float" | "double": the schema's choices and /simt/precision.
const char* precision_name(Precision p);
/// The validated `precision` key of a scenario.
Precision scenario_precision(const io::Params& p);

/// A precision's C++ type, handed to the generic lambda of with_real.
template <class Real>
struct RealType {
    using type = Real;
};

/// make(RealType<float>{}) or make(RealType<double>{}): every float/double dispatch goes here.
template <class Make>
auto with_real(Precision p, Make&& make) {
    if (p == Precision::Float) return make(RealType<float>{});
    return make(RealType<double>{});
}

/// A solver class template SolverT<Real>, built from (params, ctx), in precision p.
template <template <class> class SolverT, class Params>
std::unique_ptr<Solver> make_in_precision(Precision p, const Params& params, const Context& ctx) {
    return with_real(p, [&](auto real) -> std::unique_ptr<Solver> {
        return std::make_unique<SolverT<typename decltype(real)::type>>(params, ctx);
    });
}
}  // namespace simt
