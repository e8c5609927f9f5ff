// SPDX-License-Identifier: MIT
// The Bermudan call or put: an American exercisable only at the dates the row gives
// (`exercise_dates`, required).
#pragma once
#include <simt/montecarlo/payoffs/american.hpp>

namespace simt::montecarlo::payoffs {
struct Bermudan : American {
    static constexpr const char* name = "bermudan";

    static void read(const BookRow& row, PayoffParams& params, const BookRowContext& context) {
        read_exercise(row, params.exercise, context, true);
    }
};
}  // namespace simt::montecarlo::payoffs
