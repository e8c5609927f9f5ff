# SPDX-License-Identifier: MIT
"""Convergence of the heat solver against the analytic decay of a Fourier mode.

For each boundary type the mode that fits it decays as exp(-alpha q^2 t). The script refines the
grid and prints the max-norm error and the observed order as a Markdown table
(docs/validation.md holds its output).

    python examples/heat_convergence.py [--device cpu|cuda|auto] [--sizes 16 32 64 128]
"""
import argparse
import math

import numpy as np

import simt

CASES = {
    # name: (boundary type per axis pair, wavenumber q(L=1) for mode k=1, the mode shape)
    "periodic": ("periodic", 2 * math.pi, np.cos),
    "dirichlet": ("dirichlet", math.pi, np.sin),
    "neumann": ("neumann", math.pi, np.cos),
}


def error(kind: str, n: int, device: str, precision: str = "double") -> float:
    bc, q, shape = CASES[kind]
    alpha, t_end = 0.5, 0.05
    dt = 0.2 * (1.0 / n) ** 2 / (2 * alpha)
    steps = math.ceil(t_end / dt)
    faces = {f"{a}_{s}": {"type": bc} for a in "xy" for s in ("min", "max")}
    sim = simt.Simulation(
        {
            "solver": "heat",
            "precision": precision,
            "grid": {"nx": n, "ny": n},
            "physics": {"diffusivity": alpha, "dt": t_end / steps},
            "boundaries": faces,
            "initial": {"type": "mode", "kx": 1, "ky": 1},
            "output": {"observables_every": 0},
        },
        device=device,
    )
    sim.step(steps)
    x = (np.arange(n) + 0.5) / n
    exact = np.outer(shape(q * x), shape(q * x)) * math.exp(-alpha * 2 * q * q * sim.time)
    return float(np.abs(sim.field("u") - exact).max() / math.exp(-alpha * 2 * q * q * sim.time))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--device", default="auto")
    ap.add_argument("--sizes", type=int, nargs="+", default=[16, 32, 64, 128])
    args = ap.parse_args()
    print(f"| boundaries | {' | '.join(f'n = {n}' for n in args.sizes)} | order (last pair) |")
    print("|---" * (len(args.sizes) + 2) + "|")
    for kind in CASES:
        errs = [error(kind, n, args.device) for n in args.sizes]
        order = math.log2(errs[-2] / errs[-1])
        print(f"| {kind} | {' | '.join(f'{e:.3e}' for e in errs)} | {order:.3f} |")


if __name__ == "__main__":
    main()
