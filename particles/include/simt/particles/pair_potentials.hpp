// SPDX-License-Identifier: MIT
// Pair potentials as evaluator structs (HOOMD's EvaluatorPair idea): each gives the force over r
// and the energy of one pair from r^2 and its coefficients. A new potential is one struct with
// a coefficient builder; the cut-off treatment (plain, energy-shifted, force-shifted) is common.
// No CUDA syntax: host tests call these directly.
#pragma once
#include <cmath>
#include <simt/core/macros.hpp>

namespace simt::particles {
/// How a potential is truncated at r_c.
enum class CutoffMode {
    Plain,         ///< V(r) for r < r_c: the energy jumps at r_c
    EnergyShift,   ///< V(r) - V(r_c): continuous energy, the force still jumps
    ForceShift,    ///< V(r) - V(r_c) - (r - r_c) V'(r_c): energy and force both vanish at r_c
};

/// One type pair's coefficients: four potential-specific numbers and the cut-off.
template <class Real>
struct PairCoeff {
    Real p[4] = {0, 0, 0, 0};
    Real rc = 0, rc2 = 0;     ///< cut-off radius and its square [length]
    Real energy_shift = 0;    ///< subtracted from V inside r_c [energy]
    Real force_shift = 0;     ///< F(r_c) subtracted from F(r) (ForceShift only) [energy/length]
};

/// Lennard-Jones, V = 4 eps ((sigma/r)^12 - (sigma/r)^6); p = {48 eps s^12, 24 eps s^6, 4 eps s^12, 4 eps s^6}
/// so that F/r = r^-2 r^-6 (p0 r^-6 - p1), as LAMMPS's lj/cut writes it.
struct LennardJones {
    template <class Real>
    static PairCoeff<Real> coefficients(double epsilon, double sigma, double r_cut) {
        const double s6 = std::pow(sigma, 6), s12 = s6 * s6;
        PairCoeff<Real> c;
        c.p[0] = Real(48 * epsilon * s12), c.p[1] = Real(24 * epsilon * s6);
        c.p[2] = Real(4 * epsilon * s12), c.p[3] = Real(4 * epsilon * s6);
        c.rc = Real(r_cut), c.rc2 = Real(r_cut * r_cut);
        return c;
    }
    /// F/r [energy/length^2] and, if wanted, V [energy] at r^2 < r_c^2.
    template <bool Energy, class Real>
    SIMT_INLINE static Real force_over_r(Real r2, const PairCoeff<Real>& c, Real& energy) {
        const Real inv2 = Real(1) / r2, inv6 = inv2 * inv2 * inv2;
        if (Energy) energy = inv6 * (c.p[2] * inv6 - c.p[3]);
        return inv2 * inv6 * (c.p[0] * inv6 - c.p[1]);
    }
};

/// Morse, V = D0 (exp(-2 a (r - r0)) - 2 exp(-a (r - r0))); p = {D0, a, r0}.
struct Morse {
    template <class Real>
    static PairCoeff<Real> coefficients(double d0, double alpha, double r0, double r_cut) {
        PairCoeff<Real> c;
        c.p[0] = Real(d0), c.p[1] = Real(alpha), c.p[2] = Real(r0);
        c.rc = Real(r_cut), c.rc2 = Real(r_cut * r_cut);
        return c;
    }
    template <bool Energy, class Real>
    SIMT_INLINE static Real force_over_r(Real r2, const PairCoeff<Real>& c, Real& energy) {
        const Real r = sqrt(r2);
        const Real e = exp(-c.p[1] * (r - c.p[2]));
        if (Energy) energy = c.p[0] * (e * e - 2 * e);
        return 2 * c.p[0] * c.p[1] * (e * e - e) / r;
    }
};

/// The pair force over r, F/r (positive: repulsive), with the cut-off treatment applied;
/// the caller has checked r^2 < r_c^2. With Energy, also the energy of the pair.
template <class Potential, bool Energy, class Real>
SIMT_INLINE Real pair_force_over_r(Real r2, const PairCoeff<Real>& c, Real& energy) {
    Real fr = Potential::template force_over_r<Energy>(r2, c, energy);
    if (c.force_shift != 0) {
        const Real r = sqrt(r2);
        fr -= c.force_shift / r;
        if (Energy) energy += (r - c.rc) * c.force_shift;
    }
    if (Energy) energy -= c.energy_shift;
    return fr;
}

/// Fills in the shifts of `mode` from the potential's value and force at r_c.
template <class Potential, class Real>
PairCoeff<Real> apply_cutoff(PairCoeff<Real> c, CutoffMode mode) {
    c.energy_shift = c.force_shift = 0;
    if (mode == CutoffMode::Plain) return c;
    Real v_rc = 0;
    const Real f_rc = Potential::template force_over_r<true>(c.rc2, c, v_rc) * c.rc;
    c.energy_shift = v_rc;
    if (mode == CutoffMode::ForceShift) c.force_shift = f_rc;
    return c;
}

/// Coefficients of every ordered type pair; kernels take it by value (it lives in the launch's
/// constant parameter space).
template <class Real>
struct PairTable {
    static constexpr int max_types = 3;
    PairCoeff<Real> pair[max_types * max_types];
    SIMT_INLINE const PairCoeff<Real>& operator()(int a, int b) const { return pair[a * max_types + b]; }
};
}  // namespace simt::particles
