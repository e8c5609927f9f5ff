// SPDX-License-Identifier: MIT
// Per-type particle masses as the kernels see them: a table of a few numbers indexed by the
// particle's type (the types are stored anyway), not a per-particle array, so a step moves no
// more bytes than with unit masses. Kernels take it by value.
#pragma once
#include <cmath>
#include <cstdint>
#include <simt/core/macros.hpp>

namespace simt::particles {
template <class Real>
struct MassTable {
    static constexpr int max_types = 3;
    double mass[max_types] = {1, 1, 1};           ///< [m], for the kinetic observables
    Real inverse[max_types] = {1, 1, 1};          ///< 1/m: the kicks
    Real inverse_sqrt[max_types] = {1, 1, 1};     ///< 1/sqrt(m): Langevin's noise
    bool uniform = true;  ///< every type has the same mass: kernels read slot 0 and skip the type

    MassTable() = default;
    /// The masses of `types` types (m[0] .. m[types - 1], each > 0).
    MassTable(const double* m, int types) {
        for (int t = 0; t < max_types; ++t) {
            mass[t] = t < types ? m[t] : m[0];
            inverse[t] = Real(1 / mass[t]);
            inverse_sqrt[t] = Real(1 / std::sqrt(mass[t]));
            uniform = uniform && mass[t] == mass[0];
        }
    }
    /// Where particle i's mass sits in the tables.
    SIMT_INLINE int slot(const std::int32_t* type, Index i) const { return uniform ? 0 : type[i]; }
};
}  // namespace simt::particles
