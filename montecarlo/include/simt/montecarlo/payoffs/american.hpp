// SPDX-License-Identifier: MIT
// The American call or put, exercisable at any of `exercise_dates` dates T/n, ..., T (50 a year
// by default, Longstaff & Schwartz's choice): priced by Longstaff–Schwartz.
#pragma once
#include <algorithm>
#include <cmath>
#include <simt/montecarlo/payoff_definition.hpp>

namespace simt::montecarlo::payoffs {
struct American : PayoffBase {
    static constexpr const char* name = "american";
    static constexpr PayoffTraits traits = PayoffTraits{}.with_early_exercise();

    static std::vector<std::string> columns() { return {"exercise_dates", "basis", "degree"}; }

    static void read(const BookRow& row, PayoffParams& params, const BookRowContext& context) {
        read_exercise(row, params.exercise, context, false);
    }

    /// The exercise columns; `dates_required`: a row must give its exercise_dates (else 50 a
    /// year, Longstaff & Schwartz's choice).
    static void read_exercise(const BookRow& row, ExerciseParams& e, const BookRowContext& context,
                              bool dates_required) {
        if (dates_required && !row.text("exercise_dates"))
            throw BookRowError{"exercise_dates", "missing (a bermudan option needs its number of exercise dates)"};
        const double default_dates = std::max(1.0, std::round(50 * context.maturity));
        e.dates = int(row.integer("exercise_dates", std::int64_t(default_dates), 1, 10000));
        e.basis =
            RegressionBasis(row.choose("basis", {"laguerre", "monomial"}, "laguerre"));  // RegressionBasis's order
        e.degree = int(row.integer("degree", 3, 1, 6));
    }

    /// What exercising at spot S pays (undiscounted).
    SIMT_INLINE static double exercise(const PayoffTerms& t, double spot) { return vanilla(t, spot); }
};
}  // namespace simt::montecarlo::payoffs
