// SPDX-License-Identifier: MIT
// The Morse pair potential.
#pragma once
#include <simt/particles/pair_potential.hpp>

namespace simt::particles {
/// V = D0 (exp(-2 a (r - r0)) - 2 exp(-a (r - r0))); p = {D0, a, r0}. Its keys keep the LJ names
/// epsilon (D0) and sigma (r0), so a scenario switches potential by its type alone.
struct Morse : PairPotential {
    static constexpr const char* name = "morse";
    static constexpr const char* summary = "Morse, D0 (e^(-2a(r-r0)) - 2 e^(-a(r-r0)))";
    static constexpr PotentialParameter parameters[] = {
        {"epsilon", 1.0, "D0, the well depth [epsilon]"},
        {"sigma", 1.0, "r0, the distance of the minimum [sigma]"},
        {"alpha", 1.0, "a, the inverse width of the well [1/sigma]"},
    };
    template <class Real>
    static PairCoeff<Real> coefficients(const double* value, double /*r_cut*/) {
        PairCoeff<Real> c;
        c.p[0] = Real(value[0]), c.p[1] = Real(value[2]), c.p[2] = Real(value[1]);
        return c;
    }
    static double min_cutoff(const double* value) { return 0.5 * value[1]; }
    static constexpr const char* min_cutoff_rule =
        "half of sigma (r0); the cut-off would lie far up the repulsive wall, where V grows as e^(2a(r0 - r))";
    template <bool Energy, class Real>
    SIMT_INLINE static Real force_over_r(Real r2, const PairCoeff<Real>& c, Real& energy) {
        const Real r = sqrt(r2);
        const Real e = exp(-c.p[1] * (r - c.p[2]));
        if (Energy) energy = c.p[0] * (e * e - 2 * e);
        return 2 * c.p[0] * c.p[1] * (e * e - e) / r;
    }
};
}  // namespace simt::particles
