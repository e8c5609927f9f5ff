// SPDX-License-Identifier: MIT
// Builds the generic path kernel's models and payoffs from book rows; model_batch.cpp launches them.
#include <simt/montecarlo/model_paths.hpp>

#include <cmath>
#include <simt/core/error.hpp>

namespace simt::montecarlo {
namespace {
/// The length of one model step.
double step_length(const OptionSpec& o) {
    return o.contract.market.expiry / (double(path_observations(o)) * o.params.substeps);
}
}  // namespace

bool has_path_payoff(const OptionSpec& o) {
    return o.params.payoff != Payoff::American && o.params.payoff != Payoff::Bermudan;
}

bool has_lr_greeks(const OptionSpec& o) {
    const Payoff p = o.params.payoff;
    return o.model == Model::Gbm &&
           (p == Payoff::Digital || (p == Payoff::Barrier && o.params.barrier.monitoring == BarrierMonitoring::Discrete));
}

PathPayoff make_path_payoff(const OptionSpec& o) {
    const BsmInputs& m = o.contract.market;
    PathPayoff p;
    switch (o.params.payoff) {
        case Payoff::European: p.kind = PathPayoffKind::European; break;
        case Payoff::Digital: p.kind = PathPayoffKind::Digital; break;
        case Payoff::ArithmeticAsian: p.kind = PathPayoffKind::ArithmeticAsian; break;
        case Payoff::GeometricAsian: p.kind = PathPayoffKind::GeometricAsian; break;
        case Payoff::Barrier: p.kind = PathPayoffKind::Barrier; break;
        case Payoff::FloatingLookback: p.kind = PathPayoffKind::FloatingLookback; break;
        case Payoff::FixedLookback: p.kind = PathPayoffKind::FixedLookback; break;
        case Payoff::American:
        case Payoff::Bermudan: throw Error("make_path_payoff: early exercise is priced by Longstaff–Schwartz");
    }
    p.phi = payoff_sign(o.contract.type);
    p.strike = m.strike;
    p.cash = o.contract.cash;
    p.observations = path_observations(o);
    const double dt = m.expiry / p.observations;
    p.discount = std::exp(-m.rate * m.expiry);
    p.step_discount = std::exp(-m.rate * dt);
    const BarrierParams& b = o.params.barrier;
    p.down = is_down(b.type);
    p.knock_in = is_knock_in(b.type);
    p.rebate = b.rebate;
    double level = b.level;
    if (b.monitoring == BarrierMonitoring::Bgk) {  // continuous = discrete with the barrier moved toward the spot
        const double shift = std::exp(bgk_beta * m.volatility * std::sqrt(dt));
        level = p.down ? level * shift : level / shift;
    }
    p.log_barrier = std::log(level);
    p.bridge = b.monitoring == BarrierMonitoring::Continuous;
    p.bridge_variance = m.volatility * m.volatility * dt;
    return p;
}

GbmModel make_gbm_model(const OptionSpec& o) {
    const BsmInputs& m = o.contract.market;
    const double dt = step_length(o);
    return GbmModel{std::log(m.spot), (m.rate - m.dividend - 0.5 * m.volatility * m.volatility) * dt,
                    m.volatility * std::sqrt(dt)};
}

HestonQeModel make_heston_model(const OptionSpec& o) {
    const BsmInputs& m = o.contract.market;
    const HestonParams& h = o.params.heston;
    const double dt = step_length(o), kappa = h.kappa, xi = h.vol_of_vol, rho = h.rho;
    const double e = std::exp(-kappa * dt), one_minus_e = -std::expm1(-kappa * dt);
    HestonQeModel q{};
    q.log_spot = std::log(m.spot);
    q.v0 = h.v0;
    q.carry_dt = (m.rate - m.dividend) * dt;
    q.decay = e;
    q.theta = h.theta;
    q.s2_v = xi * xi * e * one_minus_e / kappa;
    q.s2_const = h.theta * xi * xi * one_minus_e * one_minus_e / (2 * kappa);
    // Andersen's (2008) eq. (33) with gamma1 = gamma2 = 1/2.
    q.k0 = -rho * kappa * h.theta * dt / xi;
    q.k1 = 0.5 * dt * (kappa * rho / xi - 0.5) - rho / xi;
    q.k2 = 0.5 * dt * (kappa * rho / xi - 0.5) + rho / xi;
    q.k3 = q.k4 = 0.5 * dt * (1 - rho * rho);
    q.a = q.k2 + 0.5 * q.k4;
    return q;
}

MertonModel make_merton_model(const OptionSpec& o) {
    const BsmInputs& m = o.contract.market;
    const MertonParams& j = o.params.merton;
    const double dt = step_length(o);
    const double kbar = std::expm1(j.jump_mean + 0.5 * j.jump_vol * j.jump_vol);
    return MertonModel{std::log(m.spot),
                       (m.rate - m.dividend - j.intensity * kbar - 0.5 * m.volatility * m.volatility) * dt,
                       m.volatility * std::sqrt(dt),
                       j.intensity * dt,
                       j.jump_mean,
                       j.jump_vol};
}

BasketModel make_basket_model(const OptionSpec& o) {
    const BasketParams& b = o.params.basket;
    const int n = int(b.spots.size());
    const double dt = step_length(o), r = o.contract.market.rate;
    const std::vector<double> l = correlation_cholesky(b.correlation, n);
    SIMT_REQUIRE(!l.empty(), "make_basket_model: the correlation is not positive definite");
    BasketModel k{};
    k.assets = n;
    k.geometric = b.geometric;
    for (int i = 0; i < n; ++i) {
        k.log_spot[i] = std::log(b.spots[i]);
        k.drift_dt[i] = (r - b.dividends[i] - 0.5 * b.vols[i] * b.vols[i]) * dt;
        k.weight[i] = b.weights[i];
        for (int j = 0; j <= i; ++j) k.chol[i][j] = l[std::size_t(i) * n + j] * b.vols[i] * std::sqrt(dt);
    }
    return k;
}
}  // namespace simt::montecarlo
