// SPDX-License-Identifier: MIT
// The analytic pricers against numbers they did not produce: worked examples and tables from
// Haug, "The Complete Guide to Option Pricing Formulas" (2nd ed.), Clewlow & Strickland,
// El Babsiri & Noel, Lewis and Fang & Oosterlee, and against identities (put-call parity,
// in + out = vanilla, one fixing = European, Greeks = finite differences of the price, a
// discretely monitored barrier computed here by recursive quadrature).
#include <doctest/doctest.h>

#include <cmath>
#include <complex>
#include <vector>
#include <simt/core/error.hpp>
#include <simt/montecarlo/barrier.hpp>
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/gauss_kronrod.hpp>
#include <simt/montecarlo/geometric_asian.hpp>
#include <simt/montecarlo/heston.hpp>
#include "../approx.hpp"

using namespace simt;
using namespace simt::montecarlo;

namespace {
constexpr OptionType Call = OptionType::Call, Put = OptionType::Put;

/// Published values are rounded to 4 decimals: a correct formula is within half a unit.
void check_4_decimals(double got, double published) {
    CAPTURE(got);
    CAPTURE(published);
    CHECK(std::fabs(got - published) <= 0.5e-4 + 1e-12);
}

void check_absolute(double got, double want, double tol) {
    CAPTURE(got);
    CAPTURE(want);
    CHECK(std::fabs(got - want) <= tol);
}

void check_relative(double got, double want, double tol) {
    CAPTURE(got);
    CAPTURE(want);
    CHECK(std::fabs(got - want) <= tol * std::fabs(want));
}

/// A grid of markets for the identity checks: in, at and out of the money, short and long,
/// positive and negative carry.
std::vector<BsmInputs> markets() {
    std::vector<BsmInputs> m;
    for (double strike : {70.0, 100.0, 135.0})
        for (double expiry : {0.1, 1.0, 4.0})
            for (double dividend : {0.0, 0.07}) m.push_back({100.0, strike, expiry, 0.04, dividend, 0.25});
    m.push_back({42.0, 40.0, 0.5, -0.01, 0.02, 0.6});
    return m;
}
}  // namespace

TEST_CASE("black-scholes-merton reproduces Haug's worked examples") {
    // Haug sec. 1.1.1: stock option, S = 60, X = 65, T = 0.25, r = b = 0.08, sigma = 0.30.
    check_4_decimals(bsm_price(Call, {60, 65, 0.25, 0.08, 0.0, 0.30}), 2.1334);
    // Haug sec. 1.1.3 (Merton 1973): index put, S = 100, X = 95, T = 0.5, r = 0.10, q = 0.05, sigma = 0.20.
    check_4_decimals(bsm_price(Put, {100, 95, 0.5, 0.10, 0.05, 0.20}), 2.4648);
}

TEST_CASE("black-scholes-merton greeks reproduce Haug's worked examples") {
    // Haug sec. 2.1: delta of a futures option (b = 0, i.e. q = r).
    const BsmInputs future{105, 100, 0.5, 0.10, 0.10, 0.36};
    check_4_decimals(bsm_greeks(Call, future).delta, 0.5946);
    check_4_decimals(bsm_greeks(Put, future).delta, -0.3566);
    // Gamma: S = 55, X = 60, T = 0.75, r = b = 0.10, sigma = 0.30.
    check_4_decimals(bsm_greeks(Call, {55, 60, 0.75, 0.10, 0.0, 0.30}).gamma, 0.0278);
    // Vega, same option.
    check_4_decimals(bsm_greeks(Put, {55, 60, 0.75, 0.10, 0.0, 0.30}).vega, 18.9358);
    // Rho of a call: S = 72, X = 75, T = 1, r = b = 0.09, sigma = 0.19.
    check_4_decimals(bsm_greeks(Call, {72, 75, 1.0, 0.09, 0.0, 0.19}).rho, 38.7325);
    // Theta of an index put: S = 430, X = 405, T = 0.0833, r = 0.07, q = 0.05, sigma = 0.20.
    check_4_decimals(bsm_greeks(Put, {430, 405, 0.0833, 0.07, 0.05, 0.20}).theta, -31.1924);
}

TEST_CASE("black-scholes-merton obeys put-call parity") {
    for (const auto& m : markets()) {
        CAPTURE(m.strike);
        CAPTURE(m.expiry);
        const double forward_value =
            m.spot * std::exp(-m.dividend * m.expiry) - m.strike * std::exp(-m.rate * m.expiry);
        check_absolute(bsm_price(Call, m) - bsm_price(Put, m), forward_value, 1e-12);
    }
}

TEST_CASE("black-scholes-merton greeks are the derivatives of the price") {
    // Central differences, error O(h^2): h = 1e-4 relative leaves ~1e-7 of the Greek's scale.
    for (OptionType type : {Call, Put})
        for (const auto& m : markets()) {
            CAPTURE(m.strike);
            CAPTURE(m.expiry);
            CAPTURE(m.dividend);
            const BsmGreeks g = bsm_greeks(type, m);
            // Absolute: the same terms of size ~K in another order, so rounding of K, not of a
            // far out-of-the-money price.
            check_absolute(g.price, bsm_price(type, m), 1e-15 * m.strike);
            auto bumped = [&](double BsmInputs::*field, double h) {
                BsmInputs up = m, down = m;
                up.*field += h;
                down.*field -= h;
                return std::pair{bsm_price(type, up), bsm_price(type, down)};
            };
            const double hs = 1e-4 * m.spot;
            auto [s_up, s_down] = bumped(&BsmInputs::spot, hs);
            check_absolute(g.delta, (s_up - s_down) / (2 * hs), 1e-6);
            check_absolute(g.gamma, (s_up - 2 * g.price + s_down) / (hs * hs), 1e-6);
            auto [v_up, v_down] = bumped(&BsmInputs::volatility, 1e-5);
            check_absolute(g.vega, (v_up - v_down) / 2e-5, 1e-5);
            auto [r_up, r_down] = bumped(&BsmInputs::rate, 1e-6);
            check_absolute(g.rho, (r_up - r_down) / 2e-6, 1e-5);
            auto [q_up, q_down] = bumped(&BsmInputs::dividend, 1e-6);
            check_absolute(g.dividend_rho, (q_up - q_down) / 2e-6, 1e-5);
            // theta = dV/dt = -dV/dT at a fixed calendar of rates.
            auto [t_up, t_down] = bumped(&BsmInputs::expiry, 1e-6 * m.expiry);
            check_absolute(g.theta, -(t_up - t_down) / (2e-6 * m.expiry), 1e-5);
        }
}

TEST_CASE("cash-or-nothing digitals reproduce Haug and are minus the strike derivative of the vanilla") {
    // Haug sec. 4.19.2 (Reiner & Rubinstein 1991): S = 100, X = 80, cash 10, T = 0.75, r = 0.06,
    // b = 0, sigma = 0.35: put 2.6710.
    check_4_decimals(digital_price(Put, {100, 80, 0.75, 0.06, 0.06, 0.35}, 10.0), 2.6710);
    for (const auto& m : markets()) {
        const double cash_pv = std::exp(-m.rate * m.expiry);
        CHECK(digital_price(Call, m) + digital_price(Put, m) == test::relative(cash_pv, 1e-14));
        const double h = 1e-4 * m.strike;
        BsmInputs up = m, down = m;
        up.strike += h;
        down.strike -= h;
        check_absolute(digital_price(Call, m), -(bsm_price(Call, up) - bsm_price(Call, down)) / (2 * h), 1e-6);
    }
}

TEST_CASE("geometric asian reproduces Clewlow and Strickland and Haug") {
    // Clewlow & Strickland, "Implementing Derivatives Models", pp. 118-123 (QuantLib's
    // asianoptions test): 10 fixings at 0.1 ... 1.0, S = K = 100, q = 0.03, r = 0.06, sigma = 0.2.
    const double cs = geometric_asian_price(Call, {100, 100, 1.0, 0.06, 0.03, 0.20}, 10);
    CHECK(std::fabs(cs - 5.3425606635) < 1e-10);
    // Haug sec. 4.20.1 (Kemna & Vorst 1990, continuous average): S = 80, X = 85, T = 0.25,
    // r = 0.05, b = 0.08, sigma = 0.20: put 4.6922. A million fixings is continuous to ~1e-7.
    check_4_decimals(geometric_asian_price(Put, {80, 85, 0.25, 0.05, -0.03, 0.20}, 1000000), 4.6922);
}

TEST_CASE("geometric asian with one fixing is the european option and obeys parity") {
    for (OptionType type : {Call, Put})
        for (const auto& m : markets())
            CHECK(geometric_asian_price(type, m, 1) == test::relative(bsm_price(type, m), 1e-13));
    // Parity on the geometric mean: C - P = e^{-rT} (E[G] - K).
    for (const auto& m : markets()) {
        const int n = 12;
        const double dt = m.expiry / n, s2 = m.volatility * m.volatility;
        const double mean_log = std::log(m.spot) + (m.rate - m.dividend - 0.5 * s2) * dt * (n + 1) / 2;
        const double var_log = s2 * dt * (n + 1) * (2 * n + 1) / (6.0 * n);
        const double expected_g = std::exp(mean_log + 0.5 * var_log);
        const double diff = geometric_asian_price(Call, m, n) - geometric_asian_price(Put, m, n);
        check_absolute(diff, std::exp(-m.rate * m.expiry) * (expected_g - m.strike), 1e-11);
    }
}

namespace {
struct HaugBarrierRow {
    BarrierType barrier_type;
    double barrier;
    OptionType type;
    double strike, vol, published;
};
}  // namespace

TEST_CASE("barrier options reproduce Haug's table") {
    // Haug, Table 4-13 (1st ed. p. 72): S = 100, rebate 3, T = 0.5, r = 0.08, b = 0.04 (q = 0.04).
    // Six entries of the sigma = 0.30 columns are off by up to 6e-5 (QuantLib's engine agrees
    // with this one there), so the check is QuantLib's 1e-4; a wrong term moves prices by far more.
    using B = BarrierType;
    const HaugBarrierRow rows[] = {
        {B::DownOut, 95, Call, 90, 0.25, 9.0246},   {B::DownOut, 95, Call, 100, 0.25, 6.7924},
        {B::DownOut, 95, Call, 110, 0.25, 4.8759},  {B::DownOut, 100, Call, 90, 0.25, 3.0000},
        {B::DownOut, 100, Call, 100, 0.25, 3.0000}, {B::DownOut, 100, Call, 110, 0.25, 3.0000},
        {B::UpOut, 105, Call, 90, 0.25, 2.6789},    {B::UpOut, 105, Call, 100, 0.25, 2.3580},
        {B::UpOut, 105, Call, 110, 0.25, 2.3453},   {B::DownIn, 95, Call, 90, 0.25, 7.7627},
        {B::DownIn, 95, Call, 100, 0.25, 4.0109},   {B::DownIn, 95, Call, 110, 0.25, 2.0576},
        {B::DownIn, 100, Call, 90, 0.25, 13.8333},  {B::DownIn, 100, Call, 100, 0.25, 7.8494},
        {B::DownIn, 100, Call, 110, 0.25, 3.9795},  {B::UpIn, 105, Call, 90, 0.25, 14.1112},
        {B::UpIn, 105, Call, 100, 0.25, 8.4482},    {B::UpIn, 105, Call, 110, 0.25, 4.5910},
        {B::DownOut, 95, Call, 90, 0.30, 8.8334},   {B::DownOut, 95, Call, 100, 0.30, 7.0285},
        {B::DownOut, 95, Call, 110, 0.30, 5.4137},  {B::DownOut, 100, Call, 90, 0.30, 3.0000},
        {B::DownOut, 100, Call, 100, 0.30, 3.0000}, {B::DownOut, 100, Call, 110, 0.30, 3.0000},
        {B::UpOut, 105, Call, 90, 0.30, 2.6341},    {B::UpOut, 105, Call, 100, 0.30, 2.4389},
        {B::UpOut, 105, Call, 110, 0.30, 2.4315},   {B::DownIn, 95, Call, 90, 0.30, 9.0093},
        {B::DownIn, 95, Call, 100, 0.30, 5.1370},   {B::DownIn, 95, Call, 110, 0.30, 2.8517},
        {B::DownIn, 100, Call, 90, 0.30, 14.8816},  {B::DownIn, 100, Call, 100, 0.30, 9.2045},
        {B::DownIn, 100, Call, 110, 0.30, 5.3043},  {B::UpIn, 105, Call, 90, 0.30, 15.2098},
        {B::UpIn, 105, Call, 100, 0.30, 9.7278},    {B::UpIn, 105, Call, 110, 0.30, 5.8350},
        {B::DownOut, 95, Put, 90, 0.25, 2.2798},    {B::DownOut, 95, Put, 100, 0.25, 2.2947},
        {B::DownOut, 95, Put, 110, 0.25, 2.6252},   {B::DownOut, 100, Put, 90, 0.25, 3.0000},
        {B::DownOut, 100, Put, 100, 0.25, 3.0000},  {B::DownOut, 100, Put, 110, 0.25, 3.0000},
        {B::UpOut, 105, Put, 90, 0.25, 3.7760},     {B::UpOut, 105, Put, 100, 0.25, 5.4932},
        {B::UpOut, 105, Put, 110, 0.25, 7.5187},    {B::DownIn, 95, Put, 90, 0.25, 2.9586},
        {B::DownIn, 95, Put, 100, 0.25, 6.5677},    {B::DownIn, 95, Put, 110, 0.25, 11.9752},
        {B::DownIn, 100, Put, 90, 0.25, 2.2845},    {B::DownIn, 100, Put, 100, 0.25, 5.9085},
        {B::DownIn, 100, Put, 110, 0.25, 11.6465},  {B::UpIn, 105, Put, 90, 0.25, 1.4653},
        {B::UpIn, 105, Put, 100, 0.25, 3.3721},     {B::UpIn, 105, Put, 110, 0.25, 7.0846},
        {B::DownOut, 95, Put, 90, 0.30, 2.4170},    {B::DownOut, 95, Put, 100, 0.30, 2.4258},
        {B::DownOut, 95, Put, 110, 0.30, 2.6246},   {B::DownOut, 100, Put, 90, 0.30, 3.0000},
        {B::DownOut, 100, Put, 100, 0.30, 3.0000},  {B::DownOut, 100, Put, 110, 0.30, 3.0000},
        {B::UpOut, 105, Put, 90, 0.30, 4.2293},     {B::UpOut, 105, Put, 100, 0.30, 5.8032},
        {B::UpOut, 105, Put, 110, 0.30, 7.5649},    {B::DownIn, 95, Put, 90, 0.30, 3.8769},
        {B::DownIn, 95, Put, 100, 0.30, 7.7989},    {B::DownIn, 95, Put, 110, 0.30, 13.3078},
        {B::DownIn, 100, Put, 90, 0.30, 3.3328},    {B::DownIn, 100, Put, 100, 0.30, 7.2636},
        {B::DownIn, 100, Put, 110, 0.30, 12.9713},  {B::UpIn, 105, Put, 90, 0.30, 2.0658},
        {B::UpIn, 105, Put, 100, 0.30, 4.4226},     {B::UpIn, 105, Put, 110, 0.30, 8.3686},
    };
    for (const auto& row : rows) {
        CAPTURE(int(row.barrier_type));
        CAPTURE(row.barrier);
        CAPTURE(row.strike);
        CAPTURE(row.vol);
        const BsmInputs m{100, row.strike, 0.5, 0.08, 0.04, row.vol};
        check_absolute(barrier_price(row.barrier_type, row.type, m, row.barrier, 3.0), row.published, 1e-4);
    }
}

TEST_CASE("barrier options without rebate reproduce El Babsiri and Noel") {
    // El Babsiri & Noel, J. Derivatives 6(2) 1998 (QuantLib's barrier test, tolerance 1e-5):
    // calls, S = K = 100, T = 1, r = 0.05, q = 0.02; down-and-in at 90, up-and-in at 110.
    const double vols[] = {0.10, 0.15, 0.20, 0.25, 0.30};
    const double down_in[] = {0.07187, 0.60638, 1.64005, 2.98495, 4.50952};
    const double up_in[] = {4.79148, 7.08268, 9.11008, 11.06148, 12.98351};
    for (int i = 0; i < 5; ++i) {
        const BsmInputs m{100, 100, 1.0, 0.05, 0.02, vols[i]};
        CHECK(std::fabs(barrier_price(BarrierType::DownIn, Call, m, 90) - down_in[i]) <= 0.5e-5 + 1e-12);
        CHECK(std::fabs(barrier_price(BarrierType::UpIn, Call, m, 110) - up_in[i]) <= 0.5e-5 + 1e-12);
    }
}

TEST_CASE("knock-in plus knock-out is the vanilla option") {
    for (OptionType type : {Call, Put})
        for (const auto& m : markets())
            for (double barrier : {60.0, 85.0, 99.0, 101.0, 120.0, 160.0}) {
                CAPTURE(m.strike);
                CAPTURE(m.expiry);
                CAPTURE(barrier);
                const auto in = barrier < m.spot ? BarrierType::DownIn : BarrierType::UpIn;
                const auto out = barrier < m.spot ? BarrierType::DownOut : BarrierType::UpOut;
                const double sum = barrier_price(in, type, m, barrier) + barrier_price(out, type, m, barrier);
                check_absolute(sum, bsm_price(type, m), 1e-12 * m.spot);
                CHECK(barrier_price(out, type, m, barrier) >= -1e-14);
            }
}

TEST_CASE("a barrier the spot has crossed has already knocked") {
    const BsmInputs m{100, 100, 1.0, 0.05, 0.02, 0.2};
    CHECK(barrier_price(BarrierType::DownOut, Call, m, 110, 2.5) == 2.5);
    CHECK(barrier_price(BarrierType::UpOut, Put, m, 90, 0.0) == 0.0);
    CHECK(barrier_price(BarrierType::DownIn, Put, m, 110) == bsm_price(Put, m));
    CHECK(barrier_price(BarrierType::UpIn, Call, m, 90) == bsm_price(Call, m));
}

namespace {
/// A down-and-out call monitored at t_i = i T / m only, by recursive quadrature: the density of
/// log S on a grid above the barrier is carried from date to date by the Gaussian transition
/// kernel and cut below the barrier at each date. Trapezoid rule, error O(h^2).
double discrete_down_and_out_call(const BsmInputs& in, double barrier, int dates) {
    const double dt = in.expiry / dates, drift = (in.rate - in.dividend - 0.5 * in.volatility * in.volatility) * dt;
    const double sd = in.volatility * std::sqrt(dt);
    const double lo = std::log(barrier / in.spot), hi = std::abs(drift) * dates + 9 * in.volatility * std::sqrt(in.expiry);
    const int n = 3000;
    const double h = (hi - lo) / n;
    // The transition density depends on the grid offset j - k only.
    std::vector<double> kernel(2 * n + 1);
    for (int d = -n; d <= n; ++d) {
        const double z = (d * h - drift) / sd;
        kernel[d + n] = std::exp(-0.5 * z * z) / (sd * 2.5066282746310002);
    }
    std::vector<double> density(n + 1), next(n + 1);
    for (int j = 0; j <= n; ++j) {
        const double z = (lo + j * h - drift) / sd;
        density[j] = std::exp(-0.5 * z * z) / (sd * 2.5066282746310002);
    }
    for (int step = 1; step < dates; ++step) {
        for (int j = 0; j <= n; ++j) {
            double s = 0.5 * (density[0] * kernel[j + n] + density[n] * kernel[j]);
            for (int k = 1; k < n; ++k) s += density[k] * kernel[j - k + n];
            next[j] = s * h;
        }
        density.swap(next);
    }
    double value = 0;
    for (int j = 0; j <= n; ++j) {
        const double payoff = std::max(in.spot * std::exp(lo + j * h) - in.strike, 0.0);
        value += (j == 0 || j == n ? 0.5 : 1.0) * density[j] * payoff;
    }
    return std::exp(-in.rate * in.expiry) * value * h;
}
}  // namespace

TEST_CASE("the broadie-glasserman-kou shift prices a discretely monitored barrier") {
    CHECK(bgk_beta == test::relative(0.5826, 1e-4));
    CHECK(bgk_corrected_barrier(BarrierType::UpOut, 120, 0.3, 0.01) == test::relative(120 * std::exp(0.5826 * 0.03), 1e-6));
    CHECK(bgk_corrected_barrier(BarrierType::DownIn, 90, 0.3, 0.01) == test::relative(90 * std::exp(-0.5826 * 0.03), 1e-6));
    // Broadie, Glasserman & Kou's setting: S = K = 100, sigma = 0.3, r = 0.1, T = 0.2, daily-ish
    // monitoring (50 dates); barrier 91 below the spot.
    const BsmInputs m{100, 100, 0.2, 0.1, 0.0, 0.3};
    const int dates = 50;
    const double discrete = discrete_down_and_out_call(m, 91, dates);
    const double continuous = barrier_price(BarrierType::DownOut, Call, m, 91);
    const double shifted = bgk_corrected_barrier(BarrierType::DownOut, 91, m.volatility, m.expiry / dates);
    const double corrected = barrier_price(BarrierType::DownOut, Call, m, shifted);
    CAPTURE(discrete);
    CAPTURE(continuous);
    CAPTURE(corrected);
    // Continuous monitoring knocks out more often; the corrected barrier removes most of that.
    CHECK(discrete - continuous > 0.1);
    CHECK(std::fabs(corrected - discrete) < 0.01 * (discrete - continuous));
}

TEST_CASE("gauss-kronrod integrates smooth and decaying functions to its tolerance") {
    const auto poly = integrate_gauss_kronrod([](double x) { return std::pow(x, 22); }, -1, 1, 1e-15, 1e-15);
    CHECK(poly.value == test::relative(2.0 / 23, 1e-14));
    const auto peaked = integrate_gauss_kronrod([](double x) { return 1 / (1e-4 + x * x); }, -1, 1, 1e-13, 1e-13);
    CHECK(peaked.converged);
    CHECK(peaked.value == test::relative(2 * std::atan(100.0) * 100, 1e-12));
    const auto tail = integrate_to_infinity([](double x) { return 1 / (1 + x * x); }, 0, 1e-14, 1e-14);
    CHECK(tail.value == test::relative(M_PI / 2, 1e-13));
}

namespace {
HestonInputs lewis_case(double strike) { return {100, strike, 1.0, 0.01, 0.02, 0.04, 4.0, 0.25, 1.0, -0.5}; }
}  // namespace

TEST_CASE("heston reproduces Lewis's reference prices") {
    // A. Lewis's high-precision values (Option Valuation under Stochastic Volatility; listed in
    // QuantLib's hestonmodel test): S = 100, r = 0.01, q = 0.02, v0 = 0.04, kappa = 4,
    // theta = 0.25, xi = 1, rho = -0.5, T = 1.
    const double strikes[] = {80, 90, 100, 110, 120};
    const double calls[] = {26.774758743998854221, 20.933349000596710388, 16.070154917028834278,
                            12.132211516709844868, 9.024913483457835637};
    const double puts[] = {7.958878113256768285, 12.017966707346304988, 17.055270961270109414,
                           23.017825898442800539, 29.811026202682471843};
    for (int i = 0; i < 5; ++i) {
        CAPTURE(strikes[i]);
        check_relative(heston_price(Call, lewis_case(strikes[i])), calls[i], 1e-10);
        check_relative(heston_price(Put, lewis_case(strikes[i])), puts[i], 1e-10);
    }
}

TEST_CASE("heston reproduces Fang and Oosterlee's reference prices") {
    // Fang & Oosterlee, SIAM J. Sci. Comput. 31 (2008), eq. (53), Tables 4-5 (Feller violated):
    // S = K = 100, r = q = 0, kappa = 1.5768, theta = 0.0398, xi = 0.5751, rho = -0.5711, v0 = 0.0175.
    HestonInputs fo{100, 100, 1.0, 0.0, 0.0, 0.0175, 1.5768, 0.0398, 0.5751, -0.5711};
    // The published values come from Carr-Madan with N = 2^17 and are good to ~2e-8.
    CHECK(std::fabs(heston_price(Call, fo) - 5.785155450) < 5e-8);
    fo.expiry = 10;
    CHECK(std::fabs(heston_price(Call, fo) - 22.318945791) < 5e-8);
}

TEST_CASE("heston characteristic function is normalised and a martingale and heston tends to black-scholes") {
    const HestonInputs h = lewis_case(100);
    CHECK(std::abs(heston_characteristic_function({0, 0}, h) - 1.0) < 1e-15);
    CHECK(std::abs(heston_characteristic_function({0, -1}, h) - 1.0) < 1e-13);  // E[S_T / F_T] = 1
    // As the variance's noise xi -> 0 with v0 = theta, Heston tends to Black-Scholes with
    // sigma^2 = v0: the gap shrinks like xi when the noises are correlated (the skew) and like
    // xi^2 when they are not (the smile). Both rates need the characteristic function to keep
    // its digits as xi -> 0.
    for (double strike : {70.0, 100.0, 140.0}) {
        CAPTURE(strike);
        const double bs = bsm_price(Call, {100, strike, 2.0, 0.03, 0.01, 0.3});
        auto gap = [&](double xi, double rho) {
            return heston_price(Call, {100, strike, 2.0, 0.03, 0.01, 0.09, 2.0, 0.09, xi, rho}) - bs;
        };
        CHECK(gap(1e-3, -0.7) / gap(1e-4, -0.7) == test::relative(10, 0.01));
        CHECK(gap(1e-4, -0.7) / gap(1e-5, -0.7) == test::relative(10, 0.01));
        CHECK(gap(1e-2, 0.0) / gap(1e-3, 0.0) == test::relative(100, 0.01));
        CHECK(gap(1e-3, 0.0) / gap(1e-4, 0.0) == test::relative(100, 0.01));
    }
    for (const auto& m : markets()) {
        HestonInputs p{m.spot, m.strike, m.expiry, m.rate, m.dividend, 0.05, 1.5, 0.06, 0.8, -0.6};
        const double forward_value =
            m.spot * std::exp(-m.dividend * m.expiry) - m.strike * std::exp(-m.rate * m.expiry);
        check_absolute(heston_price(Call, p) - heston_price(Put, p), forward_value, 1e-10);
    }
}

TEST_CASE("invalid inputs are config errors that name the input") {
    const BsmInputs good{100, 100, 1.0, 0.05, 0.02, 0.2};
    auto with = [&](double BsmInputs::*field, double value) {
        BsmInputs m = good;
        m.*field = value;
        return m;
    };
    CHECK_THROWS_WITH_AS(bsm_price(Call, with(&BsmInputs::volatility, -0.2)),
                         "bsm_price: volatility = -0.2 must be finite and > 0", ConfigError);
    CHECK_THROWS_AS(bsm_greeks(Put, with(&BsmInputs::expiry, 0)), ConfigError);
    CHECK_THROWS_AS(digital_price(Put, with(&BsmInputs::spot, -1)), ConfigError);
    CHECK_THROWS_AS(bsm_price(Call, with(&BsmInputs::strike, NAN)), ConfigError);
    CHECK_THROWS_AS(bsm_price(Call, with(&BsmInputs::rate, INFINITY)), ConfigError);
    CHECK_THROWS_WITH_AS(geometric_asian_price(Call, good, 0), "geometric_asian_price: fixings = 0 must be >= 1",
                         ConfigError);
    CHECK_THROWS_AS(barrier_price(BarrierType::UpOut, Call, good, -5), ConfigError);
    CHECK_THROWS_AS(barrier_price(BarrierType::UpOut, Call, good, 120, -1), ConfigError);
    CHECK_THROWS_AS(bgk_corrected_barrier(BarrierType::UpOut, 120, 0.2, 0), ConfigError);
    HestonInputs h = lewis_case(100);
    h.rho = -1.5;
    CHECK_THROWS_WITH_AS(heston_price(Call, h), "heston_price: rho = -1.5 must be within [-1, 1]", ConfigError);
    h = lewis_case(100);
    h.vol_of_vol = 0;
    CHECK_THROWS_AS(heston_price(Call, h), ConfigError);
}
