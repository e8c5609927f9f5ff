// SPDX-License-Identifier: MIT
// What a pair potential is (HOOMD's EvaluatorPair idea): one struct that names itself, lists the
// coefficients it reads per type pair with their limits, turns their values into PairCoeff, and
// evaluates the force over r and the energy from r^2. The cut-off treatment (plain, energy-shifted,
// force-shifted) is common to all. A solver offers the potentials of one PotentialTable
// (potential_table.hpp); docs/extending.md walks through adding one.
// No CUDA syntax: host tests call these directly.
#pragma once
#include <cmath>
#include <limits>
#include <simt/core/macros.hpp>

namespace simt::particles {
/// How a potential is truncated at r_c.
enum class CutoffMode {
    Plain,        ///< V(r) for r < r_c: the energy jumps at r_c
    EnergyShift,  ///< V(r) - V(r_c): continuous energy, the force still jumps
    ForceShift,   ///< V(r) - V(r_c) - (r - r_c) V'(r_c): energy and force both vanish at r_c
};

/// One type pair's coefficients: up to four potential-specific numbers and the cut-off.
template <class Real>
struct PairCoeff {
    static constexpr int max_values = 4;
    Real p[max_values] = {0, 0, 0, 0};
    Real rc = 0, rc2 = 0;   ///< cut-off radius and its square [length]
    Real energy_shift = 0;  ///< subtracted from V inside r_c [energy]
    Real force_shift = 0;   ///< F(r_c) subtracted from F(r) (ForceShift only) [energy/length]
};

/// A coefficient a potential reads for every type pair (a solver's key per pair, md's
/// potential.<pair>.<key>): a real in (min, max], or [min, max] when min_inclusive.
struct PotentialParameter {
    const char* key;
    double default_value;
    const char* description;  ///< what it is, with its unit in brackets
    double min = 0, max = std::numeric_limits<double>::infinity();
    bool min_inclusive = false;
};

/// The most coefficients a potential reads per type pair.
constexpr int max_potential_parameters = 4;

/// What a potential inherits unless it says otherwise, beside which it declares
///   static constexpr const char* name, summary;           // the YAML name and one line for the docs
///   static constexpr PotentialParameter parameters[] = {...};
///   template <class Real> static PairCoeff<Real> coefficients(const double* value, double r_cut);
///       // value[k]: parameters[k]'s value for the pair; fills p only
///   template <bool Energy, class Real>
///   SIMT_INLINE static Real force_over_r(Real r2, const PairCoeff<Real>& c, Real& energy);
///       // F/r [energy/length^2] and, with Energy, V [energy] at r^2 < r_c^2
/// A variant that changes only the rules below (Wca) sets `using Evaluator = ...` to the struct
/// whose kernels it shares: kernels are compiled once per evaluator.
struct PairPotential {
    /// The pair's cut-off from its coefficients and the solver's r_cut key.
    static double cutoff(const double* /*value*/, double r_cut) { return r_cut; }
    /// The truncation from the solver's cutoff key.
    static CutoffMode cutoff_mode(CutoffMode given) { return given; }
    /// The smallest cut-off that makes sense, and why, for the error naming it; 0: any.
    static double min_cutoff(const double* /*value*/) { return 0; }
    static constexpr const char* min_cutoff_rule = "";
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

/// One type pair's coefficients as the kernels take them: the potential's from `value` (in the
/// order of its parameters), the cut-off r_cut [length] and the shifts of `mode`.
template <class Potential, class Real>
PairCoeff<Real> pair_coefficients(const double* value, double r_cut, CutoffMode mode) {
    PairCoeff<Real> c = Potential::template coefficients<Real>(value, r_cut);
    c.rc = Real(r_cut), c.rc2 = Real(r_cut * r_cut);
    return apply_cutoff<Potential>(c, mode);
}

/// Coefficients of every ordered type pair; kernels take it by value (it lives in the launch's
/// constant parameter space).
template <class Real>
struct PairTable {
    static constexpr int max_types = 3;
    PairCoeff<Real> pair[max_types * max_types];
    SIMT_INLINE const PairCoeff<Real>& operator()(int a, int b) const { return pair[a * max_types + b]; }
    /// Some pair's force is shifted at its cut-off (CutoffMode::ForceShift).
    bool force_shifted() const {
        for (const PairCoeff<Real>& c : pair)
            if (c.force_shift != 0) return true;
        return false;
    }
};
}  // namespace simt::particles
