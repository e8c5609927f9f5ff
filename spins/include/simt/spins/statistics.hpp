// SPDX-License-Identifier: MIT
// Equilibrium estimates from a time series of samples (one per sweep or per measurement):
// means with error bars by binning, derived quantities (specific heat, susceptibility, Binder
// cumulant) with jackknife errors over the same bins, and the integrated autocorrelation time
// that sets the bin length.
#pragma once
#include <cstddef>
#include <vector>
#include <simt/core/macros.hpp>
#include <simt/spins/measure.hpp>

namespace simt::spins {
struct Estimate {
    double value = 0;
    double error = 0;  ///< one standard error
};

/// tau_int = 1/2 + sum_{t=1}^{W} rho(t), with Sokal's automatic window: the smallest W with
/// W >= c tau_int(W) (c = 6). In units of the series' spacing; 1/2 for independent samples.
double autocorrelation_time(const std::vector<double>& x, double window_factor = 6.0);

/// Mean of x and its standard error from the scatter of means of consecutive bins of `bin`
/// samples (a trailing partial bin is dropped). Needs at least two bins.
Estimate binned_mean(const std::vector<double>& x, std::size_t bin);

/// Per-site thermodynamics at temperature T of a lattice of `sites` spins.
struct Thermodynamics {
    Estimate energy;                       ///< <e> [energy per site]
    Estimate m, abs_m;                     ///< <m>, <|m|>
    Estimate specific_heat;                ///< N (<e^2> - <e>^2) / T^2
    Estimate susceptibility;               ///< N (<m^2> - <|m|>^2) / T
    Estimate binder;                       ///< 1 - <m^4> / (3 <m^2>^2)
    double tau_energy = 0, tau_abs_m = 0;  ///< integrated autocorrelation times [samples]
    std::size_t bin = 0;  ///< samples per bin: 10 tau_int (larger of the two), at most a 16th of the series
};

/// Needs at least 32 samples.
Thermodynamics thermodynamics(const std::vector<Sample>& series, double T, Index sites);
}  // namespace simt::spins
