# SPDX-License-Identifier: MIT
"""Prints docs/validation.md's Monte Carlo tables: simt.price against closed forms, against
Longstaff & Schwartz's (2001) Table 1, and against QuantLib on the seeded random book of
tests/python/test_quantlib_mc.py (the cases that test asserts on).

    python examples/mc_validation.py [--paths 65536] [--device cpu]
"""
import argparse
import csv
import math
import pathlib
import sys

import simt
import simt.analytic as analytic

ROOT = pathlib.Path(__file__).resolve().parents[1]


def closed_forms(paths, device):
    m = dict(spot=100.0, strike=100.0, maturity=1.0, rate=0.05, dividend=0.02, volatility=0.25)
    bsm = dict(spot=100.0, strike=100.0, expiry=1.0, rate=0.05, dividend=0.02, volatility=0.25)
    cases = [
        ("down-and-out call, B 90, continuous (bridge, 8 fixings)",
         dict(m, type="call", payoff="barrier", barrier=90, barrier_type="down_out", monitoring="continuous", fixings=8),
         analytic.barrier_price("down_out", "call", **bsm, barrier=90)),
        ("up-and-in call, B 120, rebate 2, continuous (bridge, 8 fixings)",
         dict(m, type="call", payoff="barrier", barrier=120, barrier_type="up_in", rebate=2, monitoring="continuous",
              fixings=8),
         analytic.barrier_price("up_in", "call", **bsm, barrier=120, rebate=2)),
        ("up-and-out put, B 110, BGK (50 fixings)",
         dict(m, type="put", payoff="barrier", barrier=110, barrier_type="up_out", monitoring="bgk", fixings=50),
         analytic.barrier_price("up_out", "put", **bsm, barrier=110)),
        ("floating lookback put, 250 fixings (GSG + BGK)",
         dict(m, type="put", payoff="floating_lookback", fixings=250, volatility=0.3),
         analytic.floating_lookback_price("put", **dict(bsm, volatility=0.3), observations=250)),
        ("Merton call, lambda 1, mu_J -0.1, delta 0.15",
         dict(m, type="call", model="merton", jump_intensity=1, jump_mean=-0.1, jump_vol=0.15, maturity=0.75,
              rate=0.04, volatility=0.2),
         analytic.merton_price("call", 100, 100, 0.75, 0.04, 0.02, 0.2, 1, -0.1, 0.15)),
    ]
    for strike in (80, 100, 120):
        h = dict(spot=100, strike=strike, maturity=1, rate=0.03, dividend=0.01, v0=0.09, kappa=1, theta=0.09,
                 vol_of_vol=1, rho=-0.7)
        exact = analytic.heston_price("put", 100, strike, 1, 0.03, 0.01, 0.09, 1, 0.09, 1, -0.7)
        for steps in (1, 4, 32):
            cases.append((f"Heston put K {strike}, QE-M, {steps} steps a year",
                          dict(h, type="put", model="heston", steps_per_year=steps), exact))
    book = [dict(row, id=i) for i, (_, row, _) in enumerate(cases)]
    r = simt.price(book, paths=paths, seed=11, device=device)
    print("| option | closed form | simt ± SE | (simt − closed form) / SE |")
    print("| --- | --- | --- | --- |")
    for (name, _, exact), rec in zip(cases, r):
        print(f"| {name} | {exact:.4f} | {rec['price']:.4f} ± {rec['std_error']:.4f} | "
              f"{(rec['price'] - exact) / rec['std_error']:+.1f} |")


def longstaff_schwartz(paths, device):
    lines = (ROOT / "tests/data/longstaff_schwartz2001_table1.csv").read_text().splitlines()
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    book = [dict(id=i, type="put", payoff="american", spot=r["spot"], strike=40, maturity=r["maturity"], rate=0.06,
                 volatility=r["volatility"]) for i, r in enumerate(rows)]
    res = simt.price(book, paths=paths, seed=5, antithetic=True, device=device)
    print("| S | σ | T | LS (2001) finite difference | LS (2001) simulated | simt ± SE |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r, x in zip(rows, res):
        print(f"| {r['spot']} | {r['volatility']} | {r['maturity']} | {r['fd']} | {r['lsm']} | "
              f"{x['price']:.3f} ± {x['std_error']:.3f} |")


def quantlib(paths, device):
    sys.path.insert(0, str(ROOT / "tests/python"))
    import QuantLib as ql
    import test_quantlib_mc as t

    ql.Settings.instance().evaluationDate = t.TODAY
    cases = t.random_book()
    r = simt.price([dict(c[0], id=i) for i, c in enumerate(cases)], paths=paths, seed=7, device=device)
    print("| payoff | type | S | K | T | σ | simt ± SE | QuantLib (± its error) | (simt − QuantLib) / combined SE |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for rec, (row, expected, error, _) in zip(r, cases):
        payoff = row.get("payoff", "european")
        if payoff == "barrier":
            payoff = f"{row['barrier_type']} at {row['barrier']:.1f}" + (f", rebate {row['rebate']:g}" if row["rebate"] else "")
        elif payoff == "bermudan":
            payoff = f"Bermudan, {row['exercise_dates']} dates"
        elif payoff == "american":
            payoff = "American (50 dates a year)"
        elif payoff == "arithmetic_asian":
            payoff = f"arithmetic Asian, {row['fixings']} fixings"
        ql_text = f"{expected:.4f}" + (f" ± {error:.4f}" if error else "")
        se = math.hypot(rec["std_error"], error)
        print(f"| {payoff} | {row['type']} | {row['spot']:.2f} | {row['strike']:.2f} | {row['maturity']:.3f} | "
              f"{row['volatility']:.3f} | {rec['price']:.4f} ± {rec['std_error']:.4f} | {ql_text} | "
              f"{(rec['price'] - expected) / se:+.1f} |")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--paths", type=int, default=1 << 16)
    p.add_argument("--device", default="auto")
    a = p.parse_args()
    closed_forms(a.paths * 4, a.device)
    print()
    longstaff_schwartz(a.paths, a.device)
    print()
    quantlib(a.paths, a.device)


if __name__ == "__main__":
    main()
