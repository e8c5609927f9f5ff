// SPDX-License-Identifier: MIT
// Floating-strike lookback options, continuously monitored from inception: Goldman, Sosin &
// Gatto (1979), "Path dependent options: buy at the low, sell at the high", J. Finance 34(5),
// in the form with a cost of carry b = r - q of Haug, "The Complete Guide to Option Pricing
// Formulas", 2nd ed., sec. 4.15.1 (call: S_T - min S, put: max S - S_T, min and max from t = 0,
// where they start at `extreme` — the spot for a new option).
//
// Broadie, Glasserman & Kou (1999), "Connecting discrete and continuous path-dependent
// options", Finance Stoch. 3: a maximum observed every dt is, to o(sqrt(dt)), the continuous
// one times exp(-beta sigma sqrt(dt)) (a minimum: times exp(+beta sigma sqrt(dt))), beta = 0.5826.
#pragma once
#include <simt/montecarlo/option.hpp>

namespace simt::montecarlo {
/// Continuous floating-strike lookback; `extreme` >= spot for a put, <= spot for a call; b != 0.
double floating_lookback_price(OptionType type, const BsmInputs& in, double extreme);

/// The same monitored at n equally spaced dates (and at t = 0), by the BGK shift of the extreme.
double discrete_floating_lookback_price(OptionType type, const BsmInputs& in, int observations);
}  // namespace simt::montecarlo
