// SPDX-License-Identifier: MIT
// The worked example of docs/extending.md: a pair potential defined outside the library, LAMMPS's
// pair_style soft, which test_md_soft_potential.cpp adds to md's table and runs.
#pragma once
#include <simt/particles/pair_potential.hpp>

namespace simt::test {
/// V = A (1 + cos(pi r / r_c)) for r < r_c: finite at r = 0 (2A), zero with its force at r_c, so
/// it pushes overlapping particles apart gently. p = {A, pi / r_c}.
struct Soft : particles::PairPotential {
    static constexpr const char* name = "soft";
    static constexpr const char* summary = "A (1 + cos(pi r / r_c)), LAMMPS's pair_style soft";
    static constexpr particles::PotentialParameter parameters[] = {
        {"amplitude", 1.0, "A, half the energy of two particles on top of each other [epsilon]"},
    };
    template <class Real>
    static particles::PairCoeff<Real> coefficients(const double* value, double r_cut) {
        particles::PairCoeff<Real> c;
        c.p[0] = Real(value[0]), c.p[1] = Real(3.14159265358979323846 / r_cut);
        return c;
    }
    /// F/r = A (pi / r_c) sin(pi r / r_c) / r.
    template <bool Energy, class Real>
    SIMT_INLINE static Real force_over_r(Real r2, const particles::PairCoeff<Real>& c, Real& energy) {
        const Real r = sqrt(r2), kr = c.p[1] * r;
        if (Energy) energy = c.p[0] * (1 + cos(kr));
        return c.p[0] * c.p[1] * sin(kr) / r;
    }
};
}  // namespace simt::test
