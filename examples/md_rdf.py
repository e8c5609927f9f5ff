# SPDX-License-Identifier: MIT
"""Lennard-Jones liquid from Python: equilibrate with the Bussi thermostat, steer the temperature,
accumulate the radial distribution function g(r) over frames and save a plot.

    python examples/md_rdf.py [--device auto] [--cells 6] [--steps 4000] [--out md_rdf.png]
"""
import argparse

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import simt  # noqa: E402


def rdf(x: np.ndarray, box: float, r_max: float, bins: int) -> tuple[np.ndarray, np.ndarray]:
    """g(r) of one frame of positions x (N, 3) in a cubic periodic box, minimum image."""
    n = len(x)
    d = x[:, None, :] - x[None, :, :]
    d -= box * np.round(d / box)
    r = np.sqrt((d**2).sum(axis=-1))[np.triu_indices(n, 1)]
    counts, edges = np.histogram(r, bins=bins, range=(0, r_max))
    shell = 4 / 3 * np.pi * (edges[1:] ** 3 - edges[:-1] ** 3)
    ideal = shell / box**3 * n * (n - 1) / 2  # pairs an ideal gas of n particles puts in each shell
    return 0.5 * (edges[1:] + edges[:-1]), counts / ideal


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--device", default="auto")
    ap.add_argument("--cells", type=int, default=6, help="fcc cells per side (4 particles each)")
    ap.add_argument("--steps", type=int, default=4000, help="steps per stage (equilibrate, steer, sample)")
    ap.add_argument("--temperature", type=float, nargs=2, default=[1.5, 0.85], help="first and steered target")
    ap.add_argument("--out", default="md_rdf.png")
    args = ap.parse_args()

    density = 0.8442
    sim = simt.Simulation(
        {
            "solver": "md",
            "seed": 42,
            "system": {"lattice": "fcc", "nx": args.cells, "ny": args.cells, "nz": args.cells, "density": density},
            "initial": {"temperature": args.temperature[0]},
            "integrator": {"type": "bussi", "dt": 0.005},
            "thermostat": {"temperature": args.temperature[0], "tau": 0.2},
            "output": {"observables_every": 50},
        },
        device=args.device,
    )
    n = args.cells**3 * 4
    box = (n / density) ** (1 / 3)

    sim.step(args.steps)  # melt the lattice at the first temperature
    print(f"step {sim.steps}: T = {sim.observables()['temperature']:.3f} (target {args.temperature[0]})")
    sim.set("thermostat.temperature", args.temperature[1])  # steering
    sim.step(args.steps)
    g_sum, frames = 0, 0
    temperatures = []
    for _ in range(20):
        sim.step(args.steps // 20)
        r, g = rdf(sim.field("position", copy=True), box, box / 2, 100)
        g_sum, frames = g_sum + g, frames + 1
        temperatures.append(sim.observables()["temperature"])
    g = g_sum / frames
    peak = int(np.argmax(g))
    obs = sim.observables()
    print(f"step {sim.steps}: <T> = {np.mean(temperatures):.3f} (target {args.temperature[1]}), "
          f"pressure {obs['pressure']:.3f}, potential energy per particle {obs['potential_energy'] / n:.3f}")
    print(f"g(r) first peak {g[peak]:.3f} at r = {r[peak]:.3f}; neighbour-list rebuilds {obs['neighbor_rebuilds']:.0f}")

    history = sim.history()
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    a.plot(r, g)
    a.axhline(1, color="grey", lw=0.5)
    a.set(xlabel="r [sigma]", ylabel="g(r)", title=f"LJ liquid, density {density}, T = {args.temperature[1]}")
    b.plot(history["time"], history["temperature"])
    b.set(xlabel="t [sigma sqrt(m/epsilon)]", ylabel="T [epsilon/k_B]", title="steered Bussi thermostat")
    fig.savefig(args.out, dpi=100, bbox_inches="tight")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
