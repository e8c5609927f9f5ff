# SPDX-License-Identifier: MIT
"""Price the sample book with simt.price at growing path counts and plot one option's standard
error against the number of paths (log-log), pseudo-random against scrambled Sobol points, beside
the 1/sqrt(N) law of Monte Carlo.

    python examples/price_book.py OUT_DIR [--book configs/books/sample_book.csv] [--option 1]
                                  [--min-paths 1024] [--max-paths 4194304] [--device auto]

Prints, for the chosen option, the price and standard error at each path count and the fitted
slope of log(std error) against log(paths) (-0.5 for Monte Carlo), then the whole book at the
largest count; then the same option with qmc=True (scrambled Sobol points with a Brownian
bridge, 16 independent scramblings whose spread is the error), whose error falls faster; saves
OUT_DIR/price_book_std_error.png. Sobol direction vectors come from cuRAND's host API, which
needs no GPU: a build made where the CUDA toolkit is installed has qmc, the cpu preset's too;
a build made without the toolkit has none (qmc=True raises ConfigError), and the plot then shows
the pseudo-random curve only.
"""
import csv
import argparse
import pathlib

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import simt  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=pathlib.Path, help="where the PNG goes")
    ap.add_argument("--book", default=str(ROOT / "configs" / "books" / "sample_book.csv"))
    ap.add_argument("--option", type=int, default=1, help="id of the option whose error is plotted")
    ap.add_argument("--min-paths", type=int, default=1 << 10)
    ap.add_argument("--max-paths", type=int, default=1 << 22)
    ap.add_argument("--device", default="auto")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    paths = []
    n = args.min_paths
    while n <= args.max_paths:
        paths.append(n)
        n *= 4
    runs = [simt.price(args.book, paths=n, seed=args.seed, device=args.device) for n in paths]
    picked = [r[r["id"] == args.option] for r in runs]
    if any(len(p) != 1 for p in picked):
        raise SystemExit(f"no option with id {args.option} in {args.book}")
    price = np.array([p["price"][0] for p in picked])
    error = np.array([p["std_error"][0] for p in picked])
    slope = np.polyfit(np.log(paths), np.log(error), 1)[0]

    option = picked[0][0]
    print(f"option {args.option}: {option['type']} {option['payoff']}")
    print("| paths | price | std error |\n|---|---|---|")
    for n, p, e in zip(paths, price, error):
        print(f"| {n} | {p:.6f} | {e:.3e} |")
    print(f"slope of log(std error) against log(paths): {slope:.3f} (Monte Carlo: -0.5)")

    # The same option alone with Sobol points.
    with open(args.book, newline="") as f:
        lines = [line for line in f if not line.startswith("#")]  # the book's comment lines
    row = next(r for r in csv.DictReader(lines) if int(r["id"]) == args.option)
    qmc_error = None
    try:
        qmc_runs = [simt.price([row], paths=n, seed=args.seed, device=args.device, qmc=True)[0] for n in paths]
        qmc_error = np.array([r["std_error"] for r in qmc_runs])
        qmc_slope = np.polyfit(np.log(paths), np.log(qmc_error), 1)[0]
        print("| paths | Sobol price | Sobol std error |\n|---|---|---|")
        for n, r in zip(paths, qmc_runs):
            print(f"| {n} | {r['price']:.6f} | {r['std_error']:.3e} |")
        print(f"Sobol slope of log(std error) against log(paths): {qmc_slope:.3f}")
    except simt.ConfigError as e:
        print(f"no Sobol curve: {e}")

    last = runs[-1]
    print(f"\nthe book at {paths[-1]} paths:\n| id | type | payoff | price | std error |\n|---|---|---|---|---|")
    for r in last:
        print(f"| {int(r['id'])} | {r['type']} | {r['payoff']} | {r['price']:.6f} | {r['std_error']:.2e} |")

    args.out_dir.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.loglog(paths, error, "o-", label="pseudo-random (Philox)")
    if qmc_error is not None:
        ax.loglog(paths, qmc_error, "s-", label="scrambled Sobol + Brownian bridge")
    ax.loglog(paths, error[0] * np.sqrt(paths[0] / np.asarray(paths, float)), "k--", label=r"$\propto 1/\sqrt{N}$")
    ax.set_xlabel("paths N")
    ax.set_ylabel("standard error")
    ax.set_title(f"option {args.option} ({option['type']}, {option['payoff']}): slope {slope:.3f}")
    ax.legend()
    fig.tight_layout()
    out = args.out_dir / "price_book_std_error.png"
    fig.savefig(out, dpi=120)
    print(f"\nsaved {out}")


if __name__ == "__main__":
    main()
