// SPDX-License-Identifier: MIT
// Builds the generic path kernel's models and payoffs from book rows; model_batch.cpp launches them.
#include <simt/montecarlo/model_paths.hpp>

#include <cmath>
#include <fmt/format.h>
#include <simt/core/error.hpp>

namespace simt::montecarlo {
namespace {
/// The length of one model step.
double step_length(const OptionSpec& o) {
    return o.contract.market.expiry / (double(path_observations(o)) * o.params.substeps);
}
}  // namespace

bool has_path_payoff(const OptionSpec& o) { return payoff_traits(o.contract.payoff).path_kernel; }

bool has_lr_greeks(const OptionSpec& o) {
    return o.model == Model::Gbm && payoff_traits(o.contract.payoff).lr_greeks &&
           Payoffs::visit(o.contract.payoff, [&](auto p) { return decltype(p)::lr_valid(o.params); });
}

PathPayoff make_path_payoff(const OptionSpec& o) {
    if (!has_path_payoff(o))
        throw Error(fmt::format("make_path_payoff: the {} payoff is not priced by the path kernel",
                                payoff_name(o.contract.payoff)));
    const BsmInputs& m = o.contract.market;
    PathPayoff p;
    p.id = o.contract.payoff;
    PayoffTerms& t = p.terms;
    t.phi = payoff_sign(o.contract.type);
    t.strike = m.strike;
    t.cash = o.contract.cash;
    t.observations = path_observations(o);
    const double dt = m.expiry / t.observations;
    t.discount = std::exp(-m.rate * m.expiry);
    t.step_discount = std::exp(-m.rate * dt);
    Payoffs::visit(p.id, [&](auto payoff) { decltype(payoff)::set_terms(t, o.params, m, dt); });
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
