# SPDX-License-Identifier: MIT
"""Validate the lbm solver against flows with known answers: a figure per check in --out and a
Markdown table per check on stdout (docs/validation.md holds them).

1. Plane Poiseuille flow (configs/poiseuille.yaml) against u = F y (H - y) / (2 nu), with BGK and
   TRT; half-way bounce-back puts the wall off by the slip (16 Lambda - 3) / (3 H^2) u_max.
2. A decaying Taylor–Green vortex (configs/taylor_green.yaml): kinetic energy exp(-4 nu k^2 t),
   k = 2 pi / n.
3. The lid-driven cavity (configs/lid_driven_cavity.yaml) at Re 100, and with --re1000 at
   Re 1000, along both centrelines against Ghia, Ghia & Shin (1982).
4. Schäfer–Turek 2D-1 (configs/cylinder_channel.yaml): drag and lift against the published
   intervals cd 5.57-5.59, cl 0.0104-0.0110.

    python examples/lbm_validation.py [--quick] [--re1000 [N]] [--device auto] [--out docs/img]
"""
import argparse
import math
import pathlib

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from _lbm_common import ROOT, channel_overrides, load  # noqa: E402

# Grids per check; --quick finishes in well under a minute on two CPU cores.
SIZES = {
    "full": {"taylor_green": [32, 64, 128], "cavity": [32, 64, 128], "cylinder": [10, 20]},
    "quick": {"taylor_green": [32, 64], "cavity": [32], "cylinder": [10]},
}
CAVITY_STEPS_PER_CELL = {100: 250, 1000: 1000}  # steps = this x n; the table shows how steady
ST_CD, ST_CL = (5.57, 5.59), (0.0104, 0.0110)  # Schäfer & Turek (1996), 2D-1


def panels(height: float = 3.8):
    return plt.subplots(1, 2, figsize=(10, height), layout="constrained")


def publish(fig, out: pathlib.Path, name: str, heading: str, header: list[str], rows: list[list[str]]) -> None:
    """Save the figure as out/name; print the heading and the Markdown table."""
    for ax in fig.axes:
        ax.legend(fontsize=8)
    fig.savefig(out / name, dpi=100, bbox_inches="tight")
    plt.close(fig)
    print(f"### {heading}\n")
    print("| " + " | ".join(header) + " |")
    print("|---" * len(header) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()


def poiseuille(device: str, out: pathlib.Path) -> None:
    fig, (ax, ax_err) = panels()
    rows = []
    for label, collision, magic in [("BGK, tau = 0.8", "bgk", 0.25), ("TRT, Lambda = 3/16", "trt", 3 / 16),
                                    ("TRT, Lambda = 1/4", "trt", 0.25)]:
        sim = load("poiseuille.yaml", {"physics.collision": collision, "physics.trt_magic": magic}, device)
        nu, force, h = sim.param("physics.viscosity"), sim.param("physics.force_x"), sim.param("grid.ny")
        sim.step(round(25 * h * h / (math.pi**2 * nu)))  # the slowest transient has decayed by e^-25
        y = np.arange(h) + 0.5
        exact = force / (2 * nu) * y * (h - y)
        u_max = force * h * h / (8 * nu)
        err = (sim.field("velocity_x") - exact) / u_max  # every column: the flow is uniform in x
        # BGK is TRT with tau- = tau, so Lambda = (tau - 1/2)^2 = (3 nu)^2.
        slip = abs(16 * ((3 * nu) ** 2 if collision == "bgk" else magic) - 3) / (3 * h * h)
        rows.append([label, f"{abs(err).max():.2e}", f"{slip:.2e}"])
        ax.plot(y / h, sim.field("velocity_x")[0] / u_max, "o", ms=3, label=label)
        ax_err.plot(y / h, err[0], ".-", label=label)
    ax.plot(y / h, exact / u_max, "k-", lw=1, label="F y (H - y) / (2 nu)")
    ax.set(xlabel="y / H", ylabel="u / u_max", title=f"Poiseuille, {sim.param('grid.nx')} x {h}, nu = {nu:g}")
    ax_err.set(xlabel="y / H", ylabel="(u - exact) / u_max", title="error")
    publish(fig, out, "lbm_poiseuille.png",
            f"Poiseuille: {sim.param('grid.nx')} x {h}, nu = {nu:g}, u_max = {u_max:g}, {sim.steps} steps",
            ["collision", "max error / u_max", "slip (16 Lambda - 3) / (3 H^2)"], rows)


def taylor_green(sizes: list[int], device: str, out: pathlib.Path) -> None:
    fig, (ax, ax_dev) = panels()
    rows = []
    nu = load("taylor_green.yaml", {"grid.nx": 2, "grid.ny": 2}, device).param("physics.viscosity")
    for n in sizes:
        row = [f"{n}^2"]
        for collision in ("bgk", "trt"):
            rate = 4 * nu * (2 * math.pi / n) ** 2
            every = max(1, round(1 / rate / 20))  # 20 records per e-folding time
            sim = load("taylor_green.yaml", {"grid.nx": n, "grid.ny": n, "physics.collision": collision,
                                             "output.observables_every": every}, device)
            sim.step(42 * every)
            h = sim.history()
            t, energy = h["step"], h["kinetic_energy"]
            # As tests/solvers/test_lbm.cpp: from past the start-up (t0) over one e-folding (t1).
            t0, t1 = 2, 22
            measured = math.log(energy[t0] / energy[t1]) / (t[t1] - t[t0])
            row.append(f"{measured / rate:.4f}")
            exact = energy[t0] * np.exp(-rate * (t - t[t0]))
            ax_dev.plot(t * rate, energy / exact - 1, label=f"{collision.upper()} {n}^2")
            if n == sizes[-1]:
                ax.semilogy(t * rate, energy / energy[0], "o", ms=3, label=f"{collision.upper()} {n}^2")
        rows.append(row)
    ax.semilogy(t * rate, np.exp(-rate * t), "k-", lw=1, label="exp(-4 nu k^2 t)")
    ax.set(xlabel="4 nu k^2 t", ylabel="E / E(0)", title=f"Taylor-Green, nu = {nu:g}")
    ax_dev.set(xlabel="4 nu k^2 t", ylabel="relative deviation", title="E / (E(t0) exp(-4 nu k^2 (t - t0))) - 1")
    publish(fig, out, "lbm_taylor_green.png",
            f"Taylor-Green: nu = {nu:g}, rate over one e-folding from t0 = 1/10 of it",
            ["grid", "rate / 4 nu k^2, BGK", "TRT"], rows)


def ghia(re: int) -> dict[str, np.ndarray]:
    """Ghia et al.'s points: for u_vs_y and v_vs_x, rows (coordinate, velocity / lid)."""
    lines = (ROOT / "tests" / "data" / "ghia1982_cavity.csv").read_text().splitlines()
    rows = [line.split(",") for line in lines if line and not line.startswith(("#", "profile"))]
    column = {100: 2, 1000: 3}[re]
    return {p: np.array([[float(r[1]), float(r[column])] for r in rows if r[0] == p]) for p in ("u_vs_y", "v_vs_x")}


def cavity(re: int, sizes: list[int], device: str, out: pathlib.Path) -> None:
    ref = ghia(re)
    fig, (ax_u, ax_v) = panels(4.2)
    rows = []
    for n in sizes:
        sim = load("lid_driven_cavity.yaml", {"grid.nx": n, "grid.ny": n, "physics.reynolds": re}, device)
        lid = sim.param("boundaries.y_max.velocity_x")
        steps = CAVITY_STEPS_PER_CELL[re] * n
        sim.step(steps - 1000)
        before = sim.field("velocity_x", copy=True)
        sim.step(1000)
        u, v = sim.field("velocity_x") / lid, sim.field("velocity_y") / lid
        change = abs(u - before / lid).max()
        # The centrelines fall between cells n/2 - 1 and n/2; the walls (0 and 1) close the profiles.
        s = np.r_[0, (np.arange(n) + 0.5) / n, 1]
        u_mid = np.r_[0, 0.5 * (u[n // 2 - 1] + u[n // 2]), 1]
        v_mid = np.r_[0, 0.5 * (v[:, n // 2 - 1] + v[:, n // 2]), 0]
        du = abs(np.interp(ref["u_vs_y"][:, 0], s, u_mid) - ref["u_vs_y"][:, 1]).max()
        dv = abs(np.interp(ref["v_vs_x"][:, 0], s, v_mid) - ref["v_vs_x"][:, 1]).max()
        rows.append([f"{n}^2", str(steps), f"{du:.4f}", f"{dv:.4f}", f"{change:.1e}"])
        ax_u.plot(u_mid, s, label=f"{n}^2")
        ax_v.plot(s, v_mid, label=f"{n}^2")
    ax_u.plot(ref["u_vs_y"][:, 1], ref["u_vs_y"][:, 0], "ko", ms=4, label="Ghia et al. 1982")
    ax_v.plot(ref["v_vs_x"][:, 0], ref["v_vs_x"][:, 1], "ko", ms=4, label="Ghia et al. 1982")
    ax_u.set(xlabel="u / U_lid", ylabel="y", title=f"cavity Re {re}: u at x = 1/2")
    ax_v.set(xlabel="x", ylabel="v / U_lid", title=f"v at y = 1/2, lid {lid:g}")
    publish(fig, out, f"lbm_cavity_re{re}.png",
            f"Lid-driven cavity Re {re}: lid {lid:g} cells/step, against Ghia et al. (1982)",
            ["grid", "steps", "u: max deviation / U_lid", "v: max deviation / U_lid", "change over 1000 steps"], rows)


def cylinder(sizes: list[int], device: str, out: pathlib.Path) -> None:
    u_max = 0.1
    fig, (ax_cd, ax_cl) = panels()
    rows = []
    for d in sizes:
        u_mean, steps, every = 2 * u_max / 3, 800 * d, 5 * d  # ~2.4 flow-throughs of the channel
        overrides = {**channel_overrides(d, u_max, u_mean * d / 20), "output.observables_every": every}
        sim = load("cylinder_channel.yaml", overrides, device)
        sim.step(steps)
        h = sim.history()
        # Sound waves between inlet and outlet still move cd by ~0.3%: the mean of the last 10 records.
        cd, cl = h["drag_coefficient"][-10:].mean(), h["lift_coefficient"][-10:].mean()
        size = f"{sim.param('grid.nx')} x {sim.param('grid.ny')}"
        rows.append([str(d), size, str(steps), f"{cd:.4f}", f"{cd / np.mean(ST_CD) - 1:+.2%}", f"{cl:.4f}"])
        t = h["step"] * u_mean / d
        ax_cd.plot(t, h["drag_coefficient"], label=f"D = {d} ({size})")
        ax_cl.plot(t, h["lift_coefficient"], label=f"D = {d}")
    for ax, band, name in ((ax_cd, ST_CD, "c_D"), (ax_cl, ST_CL, "c_L")):
        ax.axhspan(*band, color="0.6", label="Schäfer & Turek 1996")
        ax.set(xlabel="t U_mean / D", ylabel=name, ylim=(0.9 * band[0] - 0.01, 1.1 * band[1] + 0.01))
    ax_cd.set_title("Schäfer-Turek 2D-1, Re 20: drag")
    ax_cl.set_title("lift")
    publish(fig, out, "lbm_cylinder.png",
            "Schäfer-Turek 2D-1 (Re 20): u_max = 0.1, TRT Lambda = 1/4; cd, cl the mean of the last 50 D steps",
            ["D [cells]", "grid", "steps", "cd (5.57-5.59)", "vs 5.58", "cl (0.0104-0.0110)"], rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small grids: well under a minute on a CPU")
    ap.add_argument("--re1000", type=int, nargs="?", const=128, metavar="N",
                    help="also the cavity at Re 1000 on N^2 cells (default 128; 1000 N steps)")
    ap.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "docs" / "img", help="folder for the PNGs")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = SIZES["quick" if args.quick else "full"]

    poiseuille(args.device, args.out)
    taylor_green(sizes["taylor_green"], args.device, args.out)
    cavity(100, sizes["cavity"], args.device, args.out)
    if args.re1000:
        cavity(1000, [args.re1000], args.device, args.out)
    cylinder(sizes["cylinder"], args.device, args.out)


if __name__ == "__main__":
    main()
