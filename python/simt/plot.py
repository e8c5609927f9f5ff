# SPDX-License-Identifier: MIT
"""Quick figures with matplotlib (an optional dependency: ``pip install matplotlib``): a field,
observables against time, a book's prices with their confidence intervals, and the convergence
of a Monte Carlo standard error. Each returns the matplotlib Axes it drew on::

    import simt, simt.plot
    sim = simt.Simulation(simt.config("heat_2d.yaml"))
    sim.step(500)
    simt.plot.field(sim, "u", colormap="coolwarm").figure.savefig("u.png")

``python -m simt.plot series RUN_DIR/observables.h5 --y u_mean,u_rms -o obs.png`` is what
``simt plot FILE --y ...`` runs.
"""
from __future__ import annotations

import argparse
import difflib
import os
import sys
from typing import Any, Mapping, Sequence

import numpy as np

# simt's colormap names as matplotlib spells them.
_MATPLOTLIB_COLORMAP = {"viridis": "viridis", "coolwarm": "coolwarm", "grey": "gray"}


def _pyplot():
    try:
        import matplotlib
    except ImportError as e:
        raise ImportError("simt.plot needs matplotlib: pip install matplotlib") from e
    if "matplotlib.pyplot" not in sys.modules and not os.environ.get("MPLBACKEND") and "ipykernel" not in sys.modules:
        matplotlib.use("Agg")  # no display needed outside notebooks
    import matplotlib.pyplot as plt
    return plt


def _axes(ax):
    return ax if ax is not None else _pyplot().subplots()[1]


def field(sim, name: str, ax=None, colorbar: bool = True, **options):
    """``sim.image(name, **options)`` drawn with a colour bar of its value range."""
    plt = _pyplot()
    pic = sim.image(name, **options)
    ax = _axes(ax)
    ax.imshow(np.asarray(pic), interpolation="nearest")
    ax.set_title(f"{name} at step {sim.steps}")
    ax.set_xticks([])
    ax.set_yticks([])
    if colorbar:
        import matplotlib.colors
        mappable = plt.cm.ScalarMappable(norm=matplotlib.colors.Normalize(pic.lo, pic.hi),
                                         cmap=_MATPLOTLIB_COLORMAP.get(pic.colormap, pic.colormap))
        ax.figure.colorbar(mappable, ax=ax, label=name)
    return ax


def read_series(source: Any) -> Mapping[str, np.ndarray]:
    """Observables by name from a Simulation (its history), a mapping of arrays, a run's
    observables.h5 (needs h5py) or observables.csv."""
    if hasattr(source, "history"):
        return source.history()
    if isinstance(source, Mapping):
        return source
    path = os.fspath(source)
    if path.endswith(".csv"):
        table = np.genfromtxt(path, delimiter=",", names=True)
        return {n: table[n] for n in table.dtype.names}
    try:
        import h5py
    except ImportError as e:
        raise ImportError(f"reading {path} needs h5py: pip install h5py (or give observables.csv)") from e
    with h5py.File(path, "r") as f:
        if "observables" not in f:
            raise ValueError(f"{path} holds no /observables group: not a run's observables.h5 or checkpoint")
        return {n: f["observables"][n][()] for n in f["observables"]}


def observables(source: Any, y: Sequence[str] | str, ax=None):
    """The observables named in `y` against time (a Simulation, a mapping, or a run's file)."""
    series = read_series(source)
    names = [y] if isinstance(y, str) else list(y)
    unknown = [n for n in names if n not in series]
    if unknown:
        near = difflib.get_close_matches(unknown[0], list(series), n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        raise ValueError(f"no observable {', '.join(map(repr, unknown))}; there are: {', '.join(series)}{hint}")
    ax = _axes(ax)
    x = series["time"] if "time" in series else series["step"]
    for n in names:
        ax.plot(x, series[n], label=n)
    ax.set_xlabel("time" if "time" in series else "step")
    if len(names) > 1:
        ax.legend()
    else:
        ax.set_ylabel(names[0])
    return ax


def prices(results, x: Sequence[float], ax=None, xlabel: str = "strike"):
    """A book's prices (``simt.price``'s records) against `x` (one value per record, e.g. the
    strikes) with their 95 % confidence intervals as error bars."""
    ax = _axes(ax)
    x = np.asarray(x, dtype=float)
    low, high = results["price"] - results["ci_low"], results["ci_high"] - results["price"]
    ax.errorbar(x, results["price"], yerr=np.vstack([low, high]), fmt="o", capsize=3)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("price")
    return ax


def convergence(paths: Sequence[float], std_errors: Sequence[float], ax=None, label: str = "Monte Carlo"):
    """Standard error against paths on log-log axes, beside the 1/sqrt(N) law through the first point."""
    ax = _axes(ax)
    n, se = np.asarray(paths, dtype=float), np.asarray(std_errors, dtype=float)
    ax.loglog(n, se, "o-", label=label)
    ax.loglog(n, se[0] * np.sqrt(n[0] / n), "k--", label="1/sqrt(N)")
    ax.set_xlabel("paths")
    ax.set_ylabel("standard error")
    ax.legend()
    return ax


def main(argv: Sequence[str]) -> int:
    """``series FILE --y a,b -o out.png``: what ``simt plot FILE --y a,b -o out.png`` runs.
    Exit 2 for a name the file does not hold, 4 for a file that cannot be read."""
    parser = argparse.ArgumentParser(prog="simt plot")
    parser.add_argument("kind", choices=["series"])
    parser.add_argument("input")
    parser.add_argument("--y", required=True)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    try:
        ax = observables(args.input, [n for n in args.y.split(",") if n])
    except ValueError as e:
        print(f"simt: error: {args.input}: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"simt: error: cannot read {args.input}: {e}", file=sys.stderr)
        return 4
    ax.figure.savefig(args.output, dpi=100)
    print(f"{args.output}: {args.y} against {ax.get_xlabel()} from {args.input}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
