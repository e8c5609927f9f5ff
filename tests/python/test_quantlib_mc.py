# SPDX-License-Identifier: MIT
"""simt.price's Monte Carlo against QuantLib on a seeded random book.

European (AnalyticEuropeanEngine), discrete arithmetic Asian (QuantLib's own Monte Carlo with
its control variate: both errors count), continuously monitored barriers (AnalyticBarrierEngine)
against simt's Brownian-bridge correction, Bermudan puts with simt's Longstaff-Schwartz dates
(FdBlackScholesVanillaEngine: its grid error is allowed for, plus Longstaff-Schwartz's low bias),
American puts (the same engine with continuous exercise, against simt's 50 dates a year),
Heston (AnalyticHestonEngine; QE-M's bias allowed for) and the continuous floating lookback
closed form (AnalyticContinuousFloatingLookbackEngine). Every check is within 4 combined
standard errors plus the stated tolerance of the other method. Maturities are whole days under
Actual/365 (Fixed), with fixings and exercise dates on whole days, so both see the same times.
"""
import math

import numpy as np
import pytest

ql = pytest.importorskip("QuantLib")
import simt  # noqa: E402
import simt.analytic as analytic  # noqa: E402

from quantlib_market import TODAY, bsm_process, evaluation_date, flat_curve, ql_type  # noqa: E402,F401

PATHS = 1 << 16


def random_market(rng, n_dates):
    """A market whose maturity (60 days to 2 years) is n_dates whole periods of whole days."""
    period = max(1, int(rng.integers(60, 730)) // n_dates)
    return dict(type=str(rng.choice(["call", "put"])), spot=float(rng.uniform(80, 120)),
                strike=float(rng.uniform(85, 115)), rate=float(rng.uniform(0.0, 0.06)),
                dividend=float(rng.uniform(0.0, 0.04)), volatility=float(rng.uniform(0.15, 0.4)),
                days=period * n_dates, period=period)


def row(m, **columns):
    return dict(type=m["type"], spot=m["spot"], strike=m["strike"], maturity=m["days"] / 365, rate=m["rate"],
                dividend=m["dividend"], volatility=m["volatility"], **columns)


def dates(m, n):
    return [TODAY + m["period"] * (k + 1) for k in range(n)]


def ql_european(m):
    opt = ql.VanillaOption(ql.PlainVanillaPayoff(ql_type(m["type"]), m["strike"]),
                           ql.EuropeanExercise(TODAY + m["days"]))
    opt.setPricingEngine(ql.AnalyticEuropeanEngine(bsm_process(m["spot"], m["rate"], m["dividend"], m["volatility"])))
    return opt.NPV(), 0.0


def ql_asian(m, n):
    opt = ql.DiscreteAveragingAsianOption(ql.Average.Arithmetic, 0.0, 0, dates(m, n),
                                          ql.PlainVanillaPayoff(ql_type(m["type"]), m["strike"]),
                                          ql.EuropeanExercise(TODAY + m["days"]))
    process = bsm_process(m["spot"], m["rate"], m["dividend"], m["volatility"])
    opt.setPricingEngine(ql.MCDiscreteArithmeticAPEngine(process, "pseudorandom", controlVariate=True,
                                                         requiredSamples=20000, seed=42))
    return opt.NPV(), opt.errorEstimate()


BARRIER_TYPES = {"down_in": ql.Barrier.DownIn, "down_out": ql.Barrier.DownOut, "up_in": ql.Barrier.UpIn,
                 "up_out": ql.Barrier.UpOut}


def ql_barrier(m, kind, level, rebate):
    opt = ql.BarrierOption(BARRIER_TYPES[kind], level, rebate, ql.PlainVanillaPayoff(ql_type(m["type"]), m["strike"]),
                           ql.EuropeanExercise(TODAY + m["days"]))
    opt.setPricingEngine(ql.AnalyticBarrierEngine(bsm_process(m["spot"], m["rate"], m["dividend"], m["volatility"])))
    return opt.NPV(), 0.0


def ql_bermudan(m, n):
    opt = ql.VanillaOption(ql.PlainVanillaPayoff(ql.Option.Put, m["strike"]), ql.BermudanExercise(dates(m, n)))
    opt.setPricingEngine(ql.FdBlackScholesVanillaEngine(bsm_process(m["spot"], m["rate"], m["dividend"],
                                                                    m["volatility"]), 400, 400))
    return opt.NPV(), 0.0


def ql_american(m):
    opt = ql.VanillaOption(ql.PlainVanillaPayoff(ql.Option.Put, m["strike"]), ql.AmericanExercise(TODAY, TODAY + m["days"]))
    opt.setPricingEngine(ql.FdBlackScholesVanillaEngine(bsm_process(m["spot"], m["rate"], m["dividend"],
                                                                    m["volatility"]), 400, 400))
    return opt.NPV(), 0.0


def random_book(seed=2024, per_kind=5):
    """(row, QuantLib price, QuantLib error, tolerance) for each option."""
    rng = np.random.default_rng(seed)
    cases = []
    for _ in range(per_kind):
        m = random_market(rng, 1)
        cases.append((row(m), *ql_european(m), 0.0))
    for _ in range(per_kind):
        n = int(rng.integers(4, 24))
        m = random_market(rng, n)
        cases.append((row(m, payoff="arithmetic_asian", fixings=n), *ql_asian(m, n), 0.0))
    for _ in range(per_kind):
        m = random_market(rng, 8)
        kind = str(rng.choice(list(BARRIER_TYPES)))
        level = m["spot"] * (float(rng.uniform(0.75, 0.95)) if kind.startswith("down") else float(rng.uniform(1.05, 1.3)))
        rebate = float(rng.choice([0.0, 2.0])) if kind.endswith("in") else 0.0
        cases.append((row(m, payoff="barrier", barrier=level, barrier_type=kind, rebate=rebate, monitoring="continuous",
                          fixings=8), *ql_barrier(m, kind, level, rebate), 0.0))
    for _ in range(per_kind):
        n = int(rng.integers(10, 40))
        m = random_market(rng, n)
        m["type"] = "put"
        price, err = ql_bermudan(m, n)
        # Longstaff-Schwartz is low by its rule's suboptimality (about 0.5 % of the price in
        # Longstaff & Schwartz's Table 1) and the FD grid is good to about 1e-3.
        cases.append((row(m, payoff="bermudan", exercise_dates=n), price, err, 0.01 * price + 2e-3))
    for _ in range(per_kind):
        m = random_market(rng, 1)
        m["type"] = "put"
        price, err = ql_american(m)
        # 50 exercise dates a year against continuous exercise: 0.5 % more allowed.
        cases.append((row(m, payoff="american"), price, err, 0.015 * price + 2e-3))
    return cases


def test_random_book_matches_quantlib():
    cases = random_book()
    book = [dict(c[0], id=i) for i, c in enumerate(cases)]
    r = simt.price(book, paths=PATHS, seed=7, device="cpu")
    assert len(r) == len(cases)
    for rec, (row_, expected, ql_error, tolerance) in zip(r, cases):
        se = math.hypot(rec["std_error"], ql_error)
        # 1e-6 of the spot: far out of the money a few paths pay and the sample error is unreliable.
        assert abs(rec["price"] - expected) < 4 * se + tolerance + 1e-4, (row_, rec["price"], rec["std_error"], expected)


def test_heston_mc_matches_quantlib():
    rng = np.random.default_rng(11)
    book, expected = [], []
    for i in range(4):
        p = dict(spot=100.0, strike=float(rng.uniform(80, 120)), days=int(rng.integers(90, 730)),
                 rate=float(rng.uniform(0, 0.05)), dividend=float(rng.uniform(0, 0.03)), v0=float(rng.uniform(0.02, 0.09)),
                 kappa=float(rng.uniform(0.5, 3)), theta=float(rng.uniform(0.02, 0.09)),
                 vol_of_vol=float(rng.uniform(0.2, 0.8)), rho=float(rng.uniform(-0.8, 0.0)))
        option = str(rng.choice(["call", "put"]))
        process = ql.HestonProcess(flat_curve(p["rate"]), flat_curve(p["dividend"]),
                                   ql.QuoteHandle(ql.SimpleQuote(p["spot"])), p["v0"], p["kappa"], p["theta"],
                                   p["vol_of_vol"], p["rho"])
        opt = ql.VanillaOption(ql.PlainVanillaPayoff(ql_type(option), p["strike"]),
                               ql.EuropeanExercise(TODAY + p["days"]))
        opt.setPricingEngine(ql.AnalyticHestonEngine(ql.HestonModel(process)))
        expected.append(opt.NPV())
        book.append(dict(id=i, type=option, model="heston", spot=p["spot"], strike=p["strike"],
                         maturity=p["days"] / 365, rate=p["rate"], dividend=p["dividend"], v0=p["v0"],
                         kappa=p["kappa"], theta=p["theta"], vol_of_vol=p["vol_of_vol"], rho=p["rho"],
                         steps_per_year=52))
    r = simt.price(book, paths=PATHS, seed=3, device="cpu")
    for rec, e in zip(r, expected):
        # Weekly QE-M steps: a bias well below 1e-3 of the spot in these markets.
        assert abs(rec["price"] - e) < 4 * rec["std_error"] + 0.02, (rec["price"], rec["std_error"], e)


def test_floating_lookback_closed_form_matches_quantlib():
    rng = np.random.default_rng(5)
    for _ in range(20):
        m = random_market(rng, 1)
        option = m["type"]
        process = bsm_process(m["spot"], m["rate"], m["dividend"] + 0.01, m["volatility"])  # r - q != 0
        opt = ql.ContinuousFloatingLookbackOption(m["spot"], ql.FloatingTypePayoff(ql_type(option)),
                                                  ql.EuropeanExercise(TODAY + m["days"]))
        opt.setPricingEngine(ql.AnalyticContinuousFloatingLookbackEngine(process))
        ours = analytic.floating_lookback_price(option, m["spot"], m["strike"], m["days"] / 365, m["rate"],
                                                m["dividend"] + 0.01, m["volatility"])
        assert ours == pytest.approx(opt.NPV(), rel=1e-8)
