// SPDX-License-Identifier: MIT
// The Bermudan call or put: an American exercisable only at the dates the row gives
// (`exercise_dates`, required).
#pragma once
#include <simt/montecarlo/payoffs/american.hpp>

namespace simt::montecarlo::payoffs {
struct Bermudan : American {
    static constexpr const char* name = "bermudan";
    static constexpr bool exercise_dates_required = true;
};
}  // namespace simt::montecarlo::payoffs
