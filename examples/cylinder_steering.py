# SPDX-License-Identifier: MIT
"""Steer the inflow of the Schäfer–Turek cylinder channel mid-run so that vortex shedding starts,
print the drag and lift coefficients before and after, and save a picture of the vorticity.

The channel of configs/cylinder_channel.yaml (2.2 x 0.41, cylinder of diameter D = 0.1 at
(0.2, 0.2), parabolic inflow) runs with a fixed viscosity: the first half of the steps at the
inflow of Re = U_mean D / nu = 20 (a steady wake), the second half at the inflow of Re = 100.

    python examples/cylinder_steering.py [--d 20] [--steps 40000] [--re 20 100] [--device auto]
                                         [--out cylinder.png]

On two CPU cores `--d 16 --steps 16000` shows the vortex street in about 20 s.
"""
import argparse
import math

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from _lbm_common import channel_overrides, load  # noqa: E402

INFLOW = "boundaries.x_min.velocity_x"  # the peak of the parabolic inlet, steerable


def coefficients(force_x, force_y, u_max: float, d: int):
    """Drag and lift coefficients 2 F / (rho U_mean^2 D), rho = 1, for the inflow peak u_max.

    From the forces, since the solver's coefficients use physics.velocity, which stays fixed
    while the inflow is steered."""
    scale = 2 / ((2 * u_max / 3) ** 2 * d)
    return scale * np.asarray(force_x), scale * np.asarray(force_y)


def cylinder_mask(d: int, nx: int, ny: int) -> np.ndarray:
    """Solid cells, indexed [i, j] like the fields: those whose centre lies in the cylinder."""
    x = np.arange(nx)[:, None] + 0.5
    y = np.arange(ny)[None, :] + 0.5
    return (x - 2 * d) ** 2 + (y - 2 * d) ** 2 <= (d / 2) ** 2


def run_phase(sim, start: float, end: float, steps: int, ramp: int) -> None:
    """Steer the inflow peak from start to end over `ramp` steps (sin^2 in time), then hold it.
    A jump sends pressure waves that hardly decay at tau close to 1/2: started from rest by a
    jump, the Re 20 lift at D = 16 swings by +-0.9 instead of staying near 0.01."""
    chunks = ramp // 10
    for k in range(1, chunks + 1):
        sim.set(INFLOW, start + (end - start) * math.sin(0.5 * math.pi * k / chunks) ** 2)
        sim.step(10)
    sim.set(INFLOW, end)
    sim.step(steps - 10 * chunks)


def report(sim, re: float, u_max: float, d: int, since: int) -> None:
    """Drag and lift from the observables recorded after step `since`, and the inflow seen in
    the first column of cells."""
    h = sim.history()
    window = h["step"] > since
    cd, cl = coefficients(h["force_x"][window], h["force_y"][window], u_max, d)
    inflow = sim.field("velocity_x")[0].max()
    print(f"Re {re:g} (steps {since}-{sim.steps}): inflow peak {inflow:.5f} (set {u_max:.5f}), "
          f"cd {cd.mean():.4f}, cl {cl.min():.4f} .. {cl.max():.4f}")


def vorticity(sim) -> tuple[np.ndarray, str]:
    """du_y/dx - du_x/dy [1/step]: the solver's field where it has one, else central differences
    of the velocity (one-sided on the faces)."""
    if "vorticity" in sim.fields():
        return sim.field("vorticity", copy=True), "solver field"
    u, v = sim.field("velocity_x"), sim.field("velocity_y")
    return np.gradient(v, axis=0) - np.gradient(u, axis=1), "numpy.gradient"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--d", type=int, default=20, help="cells per cylinder diameter (D = 16 or more at Re 100)")
    ap.add_argument("--steps", type=int, default=40000, help="total steps; the inflow is steered at half")
    ap.add_argument("--re", type=float, nargs=2, default=[20, 100], metavar=("BEFORE", "AFTER"))
    ap.add_argument("--u-max", type=float, default=0.1, help="inflow peak after steering [cells/step]")
    ap.add_argument("--ramp", type=int, default=1000, help="steps over which the inflow changes")
    ap.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    ap.add_argument("--out", default="cylinder.png")
    args = ap.parse_args()
    re_before, re_after = args.re
    half = args.steps // 2
    if not 10 <= args.ramp <= half // 2:
        ap.error("--ramp must lie between 10 and a quarter of --steps")

    # One viscosity for both phases: Re changes with the inflow alone.
    nu = 2 * args.u_max / 3 * args.d / re_after
    u_before = args.u_max * re_before / re_after
    # Start at rest: the first ramp brings the inflow up to the Re 20 value.
    overrides = {**channel_overrides(args.d, args.u_max, nu), INFLOW: 0.0, "output.observables_every": 50}
    sim = load("cylinder_channel.yaml", overrides, args.device)
    print(f"{sim.param('grid.nx')} x {sim.param('grid.ny')} cells, D = {args.d}, nu = {nu:.5g}, "
          f"tau = {3 * nu + 0.5:.4f}, on {sim.device}")

    # Statistics over the second half of each phase: after the ramp and the start of the wake.
    run_phase(sim, 0.0, u_before, half, args.ramp)
    report(sim, re_before, u_before, args.d, half // 2)
    w_before, source = vorticity(sim)
    run_phase(sim, u_before, args.u_max, args.steps - half, args.ramp)
    report(sim, re_after, args.u_max, args.d, half + (args.steps - half) // 2)
    w_after, _ = vorticity(sim)

    solid = cylinder_mask(args.d, *w_after.shape)
    ny_d = w_after.shape[1] / args.d
    cmap = plt.get_cmap("RdBu_r").copy()
    cmap.set_bad("0.35")
    fig, axes = plt.subplots(2, 1, figsize=(11, 4.6), sharex=True)
    for ax, w, re, u_max in zip(axes, (w_before, w_after), args.re, (u_before, args.u_max)):
        scaled = np.ma.masked_array(w * args.d / (2 * u_max / 3), solid)  # omega D / U_mean
        im = ax.imshow(scaled.T, origin="lower", extent=(0, 22, 0, ny_d), cmap=cmap, vmin=-5, vmax=5)
        ax.set(ylabel="y / D", title=f"Re {re:g}")
    axes[-1].set_xlabel("x / D")
    fig.colorbar(im, ax=axes, label="vorticity  $\\omega D / U_{mean}$", shrink=0.9)
    fig.suptitle(f"cylinder channel, D = {args.d} cells, step {sim.steps} on {sim.device} ({source})")
    fig.savefig(args.out, dpi=100, bbox_inches="tight")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
