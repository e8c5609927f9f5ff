// SPDX-License-Identifier: MIT
// The American call or put, exercisable at any of `exercise_dates` dates T/n, ..., T (50 a year
// by default, Longstaff & Schwartz's choice): priced by Longstaff–Schwartz.
#pragma once
#include <simt/montecarlo/payoff_definition.hpp>

namespace simt::montecarlo::payoffs {
struct American : PayoffBase {
    static constexpr const char* name = "american";
    static constexpr PayoffTraits traits =
        PayoffTraits{}.with_early_exercise();

    /// What exercising at spot S pays (undiscounted).
    SIMT_INLINE static double exercise(const PayoffTerms& t, double spot) { return vanilla(t, spot); }
};
}  // namespace simt::montecarlo::payoffs
