// SPDX-License-Identifier: MIT
// Lennard-Jones, and WCA: the same pair cut and shifted at its minimum.
#pragma once
#include <cmath>
#include <simt/particles/pair_potential.hpp>

namespace simt::particles {
/// V = 4 eps ((sigma/r)^12 - (sigma/r)^6); p = {48 eps s^12, 24 eps s^6, 4 eps s^12, 4 eps s^6},
/// so that F/r = r^-2 r^-6 (p0 r^-6 - p1), as LAMMPS's lj/cut writes it.
struct LennardJones : PairPotential {
    static constexpr const char* name = "lj";
    static constexpr const char* summary = "Lennard-Jones, 4 epsilon ((sigma/r)^12 - (sigma/r)^6)";
    static constexpr PotentialParameter parameters[] = {
        {"epsilon", 1.0, "well depth [epsilon]"},
        {"sigma", 1.0, "distance where V = 0 [sigma]"},
    };
    template <class Real>
    static PairCoeff<Real> coefficients(const double* value, double /*r_cut*/) {
        const double epsilon = value[0], s6 = std::pow(value[1], 6), s12 = s6 * s6;
        PairCoeff<Real> c;
        c.p[0] = Real(48 * epsilon * s12), c.p[1] = Real(24 * epsilon * s6);
        c.p[2] = Real(4 * epsilon * s12), c.p[3] = Real(4 * epsilon * s6);
        return c;
    }
    /// Inside the repulsive core the shifted energy (sigma / r_c)^12 overflows.
    static double min_cutoff(const double* value) { return 0.5 * value[1]; }
    static constexpr const char* min_cutoff_rule =
        "half of sigma; the cut-off would lie inside the repulsive core, where energies overflow";
    template <bool Energy, class Real>
    SIMT_INLINE static Real force_over_r(Real r2, const PairCoeff<Real>& c, Real& energy) {
        const Real inv2 = Real(1) / r2, inv6 = inv2 * inv2 * inv2;
        if (Energy) energy = inv6 * (c.p[2] * inv6 - c.p[3]);
        return inv2 * inv6 * (c.p[0] * inv6 - c.p[1]);
    }
};

/// Weeks-Chandler-Andersen: Lennard-Jones cut at its minimum 2^(1/6) sigma and shifted there,
/// purely repulsive, whatever the r_cut and cutoff keys say.
struct Wca : LennardJones {
    using Evaluator = LennardJones;
    static constexpr const char* name = "wca";
    static constexpr const char* summary = "LJ cut and shifted at 2^(1/6) sigma (r_cut and cutoff ignored)";
    static double cutoff(const double* value, double /*r_cut*/) { return std::pow(2.0, 1.0 / 6.0) * value[1]; }
    static CutoffMode cutoff_mode(CutoffMode /*given*/) { return CutoffMode::EnergyShift; }
};
}  // namespace simt::particles
