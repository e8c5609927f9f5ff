# SPDX-License-Identifier: MIT
"""simt.analytic against QuantLib's analytic engines on seeded random parameters.

QuantLib is an independent implementation of the same formulas: European prices and Greeks
(AnalyticEuropeanEngine), discrete geometric Asians, barriers with rebates, and Heston through
adaptive Gauss-Lobatto quadrature. Expiries are whole days under Actual/365 (Fixed), so both
libraries see the same year fractions.
"""
import math

import numpy as np
import pytest

ql = pytest.importorskip("QuantLib")
import simt  # noqa: E402
import simt.analytic as analytic  # noqa: E402

from quantlib_market import TODAY, bsm_process, evaluation_date, flat_curve, ql_type  # noqa: E402,F401

CASES = 40


def random_market(rng):
    """A market and a European contract: expiry in whole days, strike within about +-40 %."""
    days = int(rng.integers(15, 3 * 365))
    spot = float(rng.uniform(20, 200))
    return dict(option=str(rng.choice(["call", "put"])), spot=spot, strike=spot * float(rng.uniform(0.7, 1.4)),
                expiry=days / 365, rate=float(rng.uniform(-0.01, 0.08)), dividend=float(rng.uniform(0, 0.06)),
                volatility=float(rng.uniform(0.08, 0.6))), days


def close(got, want, rel, floor):
    """Relative agreement, or an absolute one within `floor` for values near zero: there the
    formulas subtract terms of the spot's size and either library keeps ~1e-15 of the spot."""
    return abs(got - want) <= max(rel * abs(want), floor)


def test_black_scholes_merton_price_and_greeks_match_quantlib():
    rng = np.random.default_rng(20240115)
    for _ in range(CASES):
        m, days = random_market(rng)
        option = ql.VanillaOption(ql.PlainVanillaPayoff(ql_type(m["option"]), m["strike"]),
                                  ql.EuropeanExercise(TODAY + days))
        option.setPricingEngine(ql.AnalyticEuropeanEngine(
            bsm_process(m["spot"], m["rate"], m["dividend"], m["volatility"])))
        g = analytic.bsm_greeks(**m)
        want = dict(price=option.NPV(), delta=option.delta(), gamma=option.gamma(), vega=option.vega(),
                    theta=option.theta(), rho=option.rho(), dividend_rho=option.dividendRho())
        for name, value in want.items():
            scale = {"gamma": 1 / m["spot"], "delta": 1.0}.get(name, m["spot"])
            assert close(g[name], value, 1e-8, 1e-12 * scale), (name, m, g[name], value)
        assert analytic.bsm_price(**m) == pytest.approx(g["price"], rel=1e-14, abs=1e-14 * m["spot"])


def test_geometric_asian_matches_quantlib():
    rng = np.random.default_rng(7)
    for _ in range(CASES):
        m, _ = random_market(rng)
        fixings = int(rng.integers(1, 60))
        step = int(rng.integers(1, 15))  # days between fixings
        dates = [TODAY + step * (i + 1) for i in range(fixings)]
        m["expiry"] = step * fixings / 365
        option = ql.DiscreteAveragingAsianOption(ql.Average.Geometric, 1.0, 0, dates,
                                                 ql.PlainVanillaPayoff(ql_type(m["option"]), m["strike"]),
                                                 ql.EuropeanExercise(dates[-1]))
        option.setPricingEngine(ql.AnalyticDiscreteGeometricAveragePriceAsianEngine(
            bsm_process(m["spot"], m["rate"], m["dividend"], m["volatility"])))
        got = analytic.geometric_asian_price(**m, fixings=fixings)
        assert close(got, option.NPV(), 1e-8, 1e-12 * m["spot"]), (m, fixings, got, option.NPV())


BARRIER_TYPES = {"down_in": ql.Barrier.DownIn, "down_out": ql.Barrier.DownOut,
                 "up_in": ql.Barrier.UpIn, "up_out": ql.Barrier.UpOut}


def test_barrier_matches_quantlib():
    rng = np.random.default_rng(11)
    for _ in range(CASES * 2):
        m, days = random_market(rng)
        barrier_type = str(rng.choice(list(BARRIER_TYPES)))
        # A barrier 1 % to 40 % away from the spot on its side, a rebate half of the time.
        distance = float(rng.uniform(0.01, 0.4))
        barrier = m["spot"] * (1 - distance if barrier_type.startswith("down") else 1 + distance)
        rebate = float(rng.choice([0.0, rng.uniform(0.5, 5)]))
        option = ql.BarrierOption(BARRIER_TYPES[barrier_type], barrier, rebate,
                                  ql.PlainVanillaPayoff(ql_type(m["option"]), m["strike"]),
                                  ql.EuropeanExercise(TODAY + days))
        option.setPricingEngine(ql.AnalyticBarrierEngine(
            bsm_process(m["spot"], m["rate"], m["dividend"], m["volatility"])))
        got = analytic.barrier_price(barrier_type, **m, barrier=barrier, rebate=rebate)
        assert close(got, option.NPV(), 1e-8, 1e-12 * m["spot"]), (barrier_type, barrier, rebate, m, got,
                                                                    option.NPV())


def test_heston_matches_quantlib():
    rng = np.random.default_rng(1993)
    for _ in range(CASES):
        days = int(rng.integers(30, 3 * 365))
        spot = float(rng.uniform(50, 150))
        p = dict(option=str(rng.choice(["call", "put"])), spot=spot, strike=spot * float(rng.uniform(0.75, 1.3)),
                 expiry=days / 365, rate=float(rng.uniform(0, 0.06)), dividend=float(rng.uniform(0, 0.04)),
                 v0=float(rng.uniform(0.01, 0.2)), kappa=float(rng.uniform(0.5, 5)),
                 theta=float(rng.uniform(0.01, 0.2)), vol_of_vol=float(rng.uniform(0.1, 1.0)),
                 rho=float(rng.uniform(-0.9, 0.5)))
        process = ql.HestonProcess(flat_curve(p["rate"]), flat_curve(p["dividend"]),
                                   ql.QuoteHandle(ql.SimpleQuote(spot)), p["v0"], p["kappa"], p["theta"],
                                   p["vol_of_vol"], p["rho"])
        option = ql.VanillaOption(ql.PlainVanillaPayoff(ql_type(p["option"]), p["strike"]),
                                  ql.EuropeanExercise(TODAY + days))
        # Adaptive Gauss-Lobatto to 1e-12: QuantLib's most accurate setting, not its default.
        option.setPricingEngine(ql.AnalyticHestonEngine(ql.HestonModel(process), 1e-12, 1000000))
        got = analytic.heston_price(**p)
        assert close(got, option.NPV(), 1e-6, 1e-10 * spot), (p, got, option.NPV())


def test_invalid_inputs_raise_config_error():
    base = dict(option="call", spot=100.0, strike=100.0, expiry=1.0, rate=0.05, dividend=0.0, volatility=0.2)
    with pytest.raises(simt.ConfigError, match="volatility"):
        analytic.bsm_price(**{**base, "volatility": 0.0})
    with pytest.raises(simt.ConfigError, match="'call' or 'put'"):
        analytic.bsm_price(**{**base, "option": "straddle"})
    with pytest.raises(simt.ConfigError, match="barrier_type"):
        analytic.barrier_price("sideways", **base, barrier=120.0)
    with pytest.raises(simt.ConfigError, match="fixings"):
        analytic.geometric_asian_price(**base, fixings=0)
    assert math.isfinite(analytic.bgk_corrected_barrier("up_out", 120.0, 0.2, 1 / 252))
