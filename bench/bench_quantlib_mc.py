#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""simt's Monte Carlo on the CPU against QuantLib's own Monte Carlo engines, in one run.

A European call (one step to expiry) and an arithmetic-average Asian call with 252 daily fixings,
both with the geometric-average control variate for the Asian, priced by:
  - QuantLib (ql.MCEuropeanEngine, pseudo-random, timeSteps=1; ql.MCDiscreteArithmeticAPEngine),
    which runs on one thread;
  - simt.price on the CPU, fp64 and fp32, on every core and with OMP_NUM_THREADS=1.
Prints path-steps per second, the price and its standard error for each, and the closed form of
the European. Needs QuantLib (scripts/test.sh puts it in .venv) and the simt module:

    .venv/bin/python bench/bench_quantlib_mc.py

Each simt case runs in a child process, because OpenMP reads OMP_NUM_THREADS only at start-up.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time

# 252 daily fixings over 252 days (Actual/365 Fixed): QuantLib's fixing dates fall exactly at
# T/n, 2T/n, ..., T, the schedule simt's Asian uses.
DAYS = 252
MARKET = dict(spot=100.0, strike=100.0, rate=0.05, dividend=0.02, volatility=0.20, maturity=DAYS / 365.0)


def simt_case(payoff, paths, fp32, seed):
    """Times simt.price on one option after a warm-up; returns a dict (run in a child process)."""
    import simt

    row = dict(id=1, type="call", payoff=payoff, model="gbm", fixings=DAYS, **MARKET)
    simt.price([row], paths=max(paths // 64, 1024), seed=seed, device="cpu", fp32=fp32)  # warm-up
    t0 = time.perf_counter()
    r = simt.price([row], paths=paths, seed=seed, device="cpu", fp32=fp32)
    seconds = time.perf_counter() - t0
    return dict(seconds=seconds, paths=int(r["paths"][0]), price=float(r["price"][0]),
                std_error=float(r["std_error"][0]))


def quantlib_case(payoff, paths, seed):
    import QuantLib as ql

    today = ql.Date(2, ql.January, 2025)
    ql.Settings.instance().evaluationDate = today
    dc = ql.Actual365Fixed()
    spot = ql.QuoteHandle(ql.SimpleQuote(MARKET["spot"]))
    rate = ql.YieldTermStructureHandle(ql.FlatForward(today, MARKET["rate"], dc))
    div = ql.YieldTermStructureHandle(ql.FlatForward(today, MARKET["dividend"], dc))
    vol = ql.BlackVolTermStructureHandle(ql.BlackConstantVol(today, ql.NullCalendar(), MARKET["volatility"], dc))
    process = ql.BlackScholesMertonProcess(spot, div, rate, vol)
    expiry = today + DAYS
    payoff_obj = ql.PlainVanillaPayoff(ql.Option.Call, MARKET["strike"])
    exercise = ql.EuropeanExercise(expiry)
    if payoff == "european":
        option = ql.VanillaOption(payoff_obj, exercise)
        option.setPricingEngine(ql.MCEuropeanEngine(process, "pseudorandom", timeSteps=1, requiredSamples=paths,
                                                    seed=seed))
    else:
        fixings = [today + d for d in range(1, DAYS + 1)]
        option = ql.DiscreteAveragingAsianOption(ql.Average.Arithmetic, fixings, payoff_obj, exercise)
        option.setPricingEngine(ql.MCDiscreteArithmeticAPEngine(process, "pseudorandom", controlVariate=True,
                                                                requiredSamples=paths, seed=seed))
    t0 = time.perf_counter()
    price = option.NPV()
    seconds = time.perf_counter() - t0
    return dict(seconds=seconds, paths=paths, price=price, std_error=option.errorEstimate())


def run_child(payoff, paths, fp32, seed, threads):
    env = dict(os.environ)
    if threads:
        env["OMP_NUM_THREADS"] = str(threads)
    else:
        env.pop("OMP_NUM_THREADS", None)
    cmd = [sys.executable, __file__, "--child", payoff, str(paths), str(int(fp32)), str(seed)]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.splitlines()[-1])


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--european-paths", type=int, default=1 << 24, help="paths of the European, simt")
    ap.add_argument("--asian-paths", type=int, default=1 << 17, help="paths of the Asian, simt")
    ap.add_argument("--quantlib-european-paths", type=int, default=1 << 21, help="paths of the European, QuantLib")
    ap.add_argument("--quantlib-asian-paths", type=int, default=1 << 14, help="paths of the Asian, QuantLib")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        payoff, paths, fp32, seed = args.child
        print(json.dumps(simt_case(payoff, int(paths), fp32 == "1", int(seed))))
        return

    import QuantLib as ql
    import simt

    cores = os.cpu_count()
    print(f"# {time.strftime('%Y-%m-%d %H:%M %Z')}; {cpu_model()}; nproc {cores}; QuantLib {ql.__version__}; "
          f"S=K=100, T={DAYS}/365, r=5%, q=2%, sigma=20%, seed {args.seed}")
    european = simt.analytic.bsm_price("call", spot=MARKET["spot"], strike=MARKET["strike"],
                                       expiry=MARKET["maturity"], rate=MARKET["rate"],
                                       dividend=MARKET["dividend"], volatility=MARKET["volatility"])
    print(f"# European closed form (Black-Scholes-Merton): {european:.6f}")
    print(f"{'case':<10} {'engine':<26} {'threads':>7} {'paths':>9} {'seconds':>8} {'path-steps/s':>12} "
          f"{'price':>10} {'std error':>10}")
    for payoff, steps, sim_paths, ql_paths in (("european", 1, args.european_paths, args.quantlib_european_paths),
                                               ("asian", DAYS, args.asian_paths, args.quantlib_asian_paths)):
        payoff_name = "european" if payoff == "european" else "arithmetic_asian"
        cases = [("QuantLib MC", 1, quantlib_case(payoff, ql_paths, args.seed))]
        for fp32 in (False, True):
            for threads in (None, 1):
                name = f"simt.price cpu {'fp32' if fp32 else 'fp64'}"
                cases.append((name, threads or cores, run_child(payoff_name, sim_paths, fp32, args.seed, threads)))
        for name, threads, r in cases:
            rate = r["paths"] * steps / r["seconds"]
            print(f"{payoff:<10} {name:<26} {threads:>7} {r['paths']:>9} {r['seconds']:>8.3f} {rate:>12.3e} "
                  f"{r['price']:>10.5f} {r['std_error']:>10.2e}")


if __name__ == "__main__":
    main()
