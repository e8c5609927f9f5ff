# SPDX-License-Identifier: MIT
"""Drive a heat run from Python: steer a wall temperature mid-run, profile the kernels, and save
a picture of the field.

    python examples/heat_steering.py [--device auto] [--n 128] [--out heat.png]
"""
import argparse

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import simt  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--device", default="auto")
    ap.add_argument("--n", type=int, default=128)
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--out", default="heat.png")
    args = ap.parse_args()

    sim = simt.Simulation(
        {
            "solver": "heat",
            "grid": {"nx": args.n, "ny": args.n},
            "physics": {"diffusivity": 1.0},
            "boundaries": {
                "x_min": {"type": "dirichlet", "value": 1.0},
                "x_max": {"type": "dirichlet", "value": 0.0},
                "y_min": {"type": "neumann"},
                "y_max": {"type": "neumann"},
            },
            "initial": {"type": "constant"},
            "output": {"observables_every": 100},
        },
        device=args.device,
    )
    sim.step(args.steps // 2)
    print(f"step {sim.steps}: mean u = {sim.observables()['u_mean']:.4f}")
    sim.set("boundaries.x_max.value", 2.0)  # heat the far wall
    with sim.profile() as prof:
        sim.step(args.steps // 2)
    print(f"step {sim.steps}: mean u = {sim.observables()['u_mean']:.4f}")
    print(prof.table())

    fig, ax = plt.subplots(figsize=(5, 4))
    im = ax.imshow(sim.field("u").T, origin="lower", extent=(0, 1, 0, 1), cmap="inferno")
    fig.colorbar(im, label="u")
    ax.set(xlabel="x", ylabel="y", title=f"heat on {sim.device}, t = {sim.time:.3g}")
    fig.savefig(args.out, dpi=100, bbox_inches="tight")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
