// SPDX-License-Identifier: MIT
// The single-barrier option: a vanilla that knocks in or out when S crosses B, with a rebate
// (Glasserman, "Monte Carlo Methods in Financial Engineering", sec. 6.4). Monitoring:
//   discrete     at the observations: knocked if S(t_i) is at or beyond B;
//   bgk          a continuous barrier, observed at t_i with the barrier moved toward the spot
//                by exp(-0.5826 sigma sqrt(dt)) (Broadie, Glasserman & Kou 1997);
//   continuous   a continuous barrier, observed at t_i, and between observations the path is a
//                Brownian bridge: it survives the step with probability
//                1 - exp(-2 ln(B / S_i) ln(B / S_{i+1}) / (sigma^2 dt)); the payoff is weighted
//                by the product of those probabilities (the conditional expectation, so no
//                extra noise). GBM only: the bridge needs a constant log-variance per step.
// A knock-out rebate is paid at the observation that knocks (with `continuous`, at the end of
// the step in which the bridge crossed: an O(dt) approximation of the hitting time), a knock-in
// rebate at expiry if it never knocked in; as barrier.hpp's closed forms.
#pragma once
#include <cmath>
#include <simt/montecarlo/payoff_definition.hpp>

namespace simt::montecarlo::payoffs {
struct Barrier : PayoffBase {
    static constexpr const char* name = "barrier";
    static constexpr PayoffTraits traits = PayoffTraits{}.with_path_kernel().with_lr_greeks();

    SIMT_INLINE static bool beyond(const PayoffTerms& t, double log_s) {
        return t.down ? log_s <= t.log_barrier : log_s >= t.log_barrier;
    }

    SIMT_INLINE static void observe(const PayoffTerms& t, PayoffState& s, double log_s) {
        s.discount_t *= t.step_discount;
        double survive = beyond(t, log_s) ? 0.0 : 1.0;
        if (t.bridge && survive > 0)  // both ends on the live side: the bridge may still cross
            survive = -std::expm1(-2 * (t.log_barrier - s.log_s) * (t.log_barrier - log_s) / t.bridge_variance);
        s.hit_rebates += s.survival * (1 - survive) * t.rebate * s.discount_t;
        s.survival *= survive;
    }

    template <class Real, class Path>
    SIMT_INLINE static Real value(const PayoffTerms& t, const Path& path) {
        const Real s_t = path.terminal(), survival = path.survival();
        return t.knock_in ? Real(t.discount) * ((1 - survival) * vanilla(t, s_t) + survival * Real(t.rebate))
                          : Real(t.discount) * survival * vanilla(t, s_t) + path.hit_rebates();
    }

    static std::vector<std::string> columns() { return {"barrier", "barrier_type", "rebate", "monitoring"}; }

    static void read(const BookRow& row, PayoffParams& params, const BookRowContext& context) {
        const std::vector<std::string> monitorings = {"discrete", "bgk", "continuous"};  // BarrierMonitoring's order
        BarrierParams& b = params.barrier;
        b.level = row.positive_up_to("barrier", book_max_money, book_money_reason);
        b.type = BarrierType(row.choose("barrier_type", {"down_in", "down_out", "up_in", "up_out"}, ""));
        b.rebate = row.within("rebate", 0, book_max_money, book_money_reason, 0.0);
        b.monitoring = BarrierMonitoring(row.choose("monitoring", monitorings, "discrete"));
        if (b.monitoring != BarrierMonitoring::Discrete && !context.constant_volatility)
            throw BookRowError{"monitoring", "'" + monitorings[std::size_t(b.monitoring)] +
                                                 "' monitoring needs model gbm (a constant volatility); use discrete"};
    }

    /// dt: the time between observations.
    static void set_terms(PayoffTerms& t, const PayoffParams& p, const BsmInputs& m, double dt) {
        const BarrierParams& b = p.barrier;
        t.down = is_down(b.type);
        t.knock_in = is_knock_in(b.type);
        t.rebate = b.rebate;
        double level = b.level;
        if (b.monitoring == BarrierMonitoring::Bgk) {  // continuous = discrete with the barrier moved toward the spot
            const double shift = std::exp(bgk_beta * m.volatility * std::sqrt(dt));
            level = t.down ? level * shift : level / shift;
        }
        t.log_barrier = std::log(level);
        t.bridge = b.monitoring == BarrierMonitoring::Continuous;
        t.bridge_variance = m.volatility * m.volatility * dt;
    }

    /// The likelihood ratio needs the payoff to depend on S_0 and sigma through the path only:
    /// not so for the bridge's crossing probability or the BGK shift.
    static bool lr_valid(const PayoffParams& p) { return p.barrier.monitoring == BarrierMonitoring::Discrete; }
};
}  // namespace simt::montecarlo::payoffs
