# SPDX-License-Identifier: MIT
"""Draws docs/gallery.md's pictures from the shipped configs with simt's own renderer
(sim.image, the picture output.images writes), and writes the page.

    python docs/gallery.py [--out docs] [--scale 1.0] [--device auto]

--scale multiplies every run's steps (the tests run it at 0.01). Each picture is the state after
the run's steps; the table under each says the config, the overrides, the steps and the range.
"""
import argparse
import pathlib
import time

import numpy as np

import simt

# name: (config, overrides, steps, field, picture options, what it shows)
SHOTS = {
    "heat_2d": ("heat_2d.yaml", {"grid.nx": 128, "grid.ny": 128}, 400, "u", {"colormap": "coolwarm"},
                "diffusing sine modes, temperature"),
    "heat_3d": ("heat_3d.yaml", {"grid.nx": 48, "grid.ny": 48, "grid.nz": 48}, 200, "u",
                {"colormap": "coolwarm", "slice": "z=12"}, "a z slice of the 3-D heat equation"),
    "lid_driven_cavity": ("lid_driven_cavity.yaml", {}, 8000, "speed", {"width": 384},
                          "lattice Boltzmann lid-driven cavity at Re 100, speed"),
    "cylinder_channel": ("cylinder_channel.yaml", {}, 6000, "vorticity",
                         {"colormap": "coolwarm", "range": (-5, 5), "width": 880},
                         "lattice Boltzmann flow past a cylinder, vorticity"),
    "taylor_green_ns_3d": ("taylor_green_ns_3d.yaml", {"grid.nx": 32, "grid.ny": 32, "grid.nz": 32}, 200,
                           "vorticity", {"projection": "z", "width": 384},
                           "3-D Taylor-Green vortex (navier_stokes), the largest vorticity along z"),
    "sphere_channel": ("sphere_channel.yaml", {}, 1500, "speed", {"slice": "z=16", "width": 768},
                       "lattice Boltzmann flow past a sphere, speed on the middle z plane"),
    "lj_liquid": ("lj_liquid.yaml", {"system.nx": 6, "system.ny": 6, "system.nz": 6}, 500, "velocity",
                  {"slab": (0.4, 0.6), "colormap": "coolwarm", "width": 384},
                  "Lennard-Jones liquid, a slab of the box coloured by speed"),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(pathlib.Path(__file__).resolve().parent))
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--device", default="auto")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    (out / "img" / "gallery").mkdir(parents=True, exist_ok=True)
    from PIL import Image

    page = ["# Gallery", "",
            "Pictures drawn by simt's renderer (`sim.image`, the same as `output.images` and `simt plot`)",
            "from the shipped configs; `python docs/gallery.py` draws them all again and writes this page.", ""]
    for name, (config, overrides, steps, field, options, caption) in SHOTS.items():
        sim = simt.Simulation(simt.config(config), set=overrides, device=args.device)
        n = max(1, int(steps * args.scale))
        start = time.perf_counter()
        sim.step(n)
        seconds = time.perf_counter() - start
        pic = sim.image(field, **options)
        path = out / "img" / "gallery" / f"{name}.png"
        Image.fromarray(np.asarray(pic)).save(path)
        sets = ", ".join(f"`{k}={v}`" for k, v in overrides.items()) or "none"
        page += [f"## {name}", "", f"![{caption}](img/gallery/{name}.png)", "",
                 f"{caption}: `configs/{config}`, overrides {sets}, {n} steps on {sim.device} ({seconds:.1f} s); "
                 f"`{field}` with {options}, drawn from {pic.lo:.4g} to {pic.hi:.4g}.", ""]
        print(f"{path}: {pic.shape[1]} x {pic.shape[0]}, {n} steps in {seconds:.1f} s")
    (out / "gallery.md").write_text("\n".join(page))


if __name__ == "__main__":
    main()
