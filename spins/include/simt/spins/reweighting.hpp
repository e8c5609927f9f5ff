// SPDX-License-Identifier: MIT
// Single-histogram reweighting (Ferrenberg and Swendsen, PRL 61, 2635 (1988)): a series sampled
// at temperature T0 gives canonical averages at a nearby T when each sample is weighted by
// e^{-(1/T - 1/T0) E}, E its total energy. It holds while |1/T - 1/T0| stays within a few
// energy standard deviations' reciprocal, where the samples still cover the energies that
// matter at T. The Binder cumulants of two lattice sizes cross near the critical temperature
// (their difference vanishes there as L grows): finding that crossing from one run per size is
// the classic way to locate it.
#pragma once
#include <vector>
#include <simt/core/macros.hpp>
#include <simt/spins/measure.hpp>
#include <simt/spins/statistics.hpp>

namespace simt::spins {
/// Samples of one lattice taken at one temperature, in the order the chain produced them.
struct SampledSeries {
    const std::vector<Sample>* samples = nullptr;
    double T = 1;     ///< the temperature they were drawn at [energy]
    Index sites = 0;  ///< the lattice's spins
};

/// 1 - <m^4> / (3 <m^2>^2) (m the Sample's abs_m) at temperature T, reweighted from the series.
double reweighted_binder(const SampledSeries& s, double T);

/// The temperature in [T_lo, T_hi] where the reweighted Binder cumulants of two series cross
/// (bisection to 1e-9 of T_hi - T_lo), with a jackknife error over `bins` consecutive blocks of
/// each series (block i left out of both at once). Throws simt::Error naming the interval if the
/// cumulants do not cross inside it, or if a series has fewer samples than 2 per bin.
Estimate binder_crossing(const SampledSeries& small, const SampledSeries& large, double T_lo, double T_hi, int bins);
}  // namespace simt::spins
