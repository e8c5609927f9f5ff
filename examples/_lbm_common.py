# SPDX-License-Identifier: MIT
"""Helpers shared by the lbm examples: the shipped scenarios with overrides, and the Schäfer–Turek
cylinder channel at any resolution."""
import pathlib

import simt

ROOT = pathlib.Path(__file__).resolve().parents[1]


def load(config: str, overrides: dict, device: str) -> "simt.Simulation":
    """configs/<config> with the overrides, writing no files (the shipped scenarios name an
    output.dir) and recording no observables unless the overrides ask for them."""
    defaults = {"output.dir": "", "output.observables_every": 0}
    return simt.Simulation(ROOT / "configs" / config, set={**defaults, **overrides}, device=device)


def channel_overrides(d: int, u_max: float, nu: float) -> dict:
    """Overrides of configs/cylinder_channel.yaml (written in metres) for a cylinder of d cells,
    in lattice units: the channel 2.2 x 0.41 and the centre (0.2, 0.2) scale with 10 d cells per
    unit length, velocities are in cells/step."""
    return {
        "units.system": "lattice",
        "grid.nx": 22 * d,
        "grid.ny": round(4.1 * d),
        "obstacle_1.center_x": 2 * d,
        "obstacle_1.center_y": 2 * d,
        "obstacle_1.radius": d / 2,
        "physics.viscosity": nu,
        "physics.velocity": 2 * u_max / 3,  # the mean of the parabola: the coefficients' speed
        "boundaries.x_min.velocity_x": u_max,
    }

