// SPDX-License-Identifier: MIT
// A row's payoff in the generic path kernel: the path is observed at t_i = i T / n, i = 1..n,
// whatever model made it; each observation adds to the shared sums and extremes (Asians,
// lookbacks) and then to what the payoff keeps of its own (a barrier's survival), and after
// the last one the payoff's value gives the discounted payoff. Nothing is stored per path.
// The payoffs themselves: payoff_table.hpp.
#pragma once
#include <cmath>
#include <simt/core/macros.hpp>
#include <simt/montecarlo/payoff_table.hpp>

namespace simt::montecarlo {
/// Plain data for kernels; built on the host by make_path_payoff (model_paths.hpp).
struct PathPayoff {
    PayoffId id{};
    PayoffTerms terms;

    SIMT_INLINE PayoffState start(double log_spot) const {
        PayoffState s;
        s.log_max = s.log_min = s.log_s = log_spot;
        return s;
    }

    /// The path at the next observation.
    SIMT_INLINE void observe(PayoffState& s, double log_s) const {
        s.sum_s += std::exp(log_s);
        s.sum_log_s += log_s;
        s.log_max = std::fmax(s.log_max, log_s);
        s.log_min = std::fmin(s.log_min, log_s);
        const PayoffTerms& t = terms;
        Payoffs::visit(id, [&](auto p) { decltype(p)::observe(t, s, log_s); });
        s.log_s = log_s;
    }

    /// The discounted payoff after the last observation (early-exercise payoffs have none here).
    SIMT_INLINE double value(const PayoffState& s) const {
        const PathSummary path{s, terms.observations};
        const PayoffTerms& t = terms;
        return Payoffs::visit(id, [&](auto p) {
            using P = decltype(p);
            if constexpr (P::traits.path_kernel)
                return P::template value<double>(t, path);
            else
                return 0.0;
        });
    }
};
}  // namespace simt::montecarlo
