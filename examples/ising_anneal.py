# SPDX-License-Identifier: MIT
"""Anneal a 2-D Ising lattice from Python: cool it through T_c in steps by steering physics.T,
and at each temperature print the binned energy, |m|, specific heat and Binder cumulant that the
lattice_mc solver measures, beside Onsager's spontaneous magnetisation below T_c.

    python examples/ising_anneal.py [--device auto] [--L 64] [--sweeps 4000] [--method multispin]
"""
import argparse
import math

import simt

T_C = 2 / math.log(1 + math.sqrt(2))


def onsager(T: float) -> float:
    """Spontaneous magnetisation of the infinite lattice, (1 - sinh(2/T)^-4)^(1/8) below T_c."""
    s = math.sinh(2 / T)
    return (1 - s ** -4) ** 0.125 if s > 1 else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--device", default="auto")
    ap.add_argument("--L", type=int, default=64)
    ap.add_argument("--sweeps", type=int, default=4000, help="sweeps at each temperature")
    ap.add_argument("--method", default="multispin")
    ap.add_argument("--schedule", type=float, nargs="+", default=[4.0, 3.0, 2.5, T_C, 2.1, 1.8, 1.5])
    args = ap.parse_args()

    thermalise = args.sweeps // 5
    sim = simt.Simulation(
        {
            "solver": "lattice_mc",
            "lattice": {"dim": 2, "L": args.L},
            "physics": {"model": "ising", "T": args.schedule[0]},
            "update": {"method": args.method},
            "measure": {"thermalise": thermalise, "every": 2},
            "output": {"observables_every": 0},
        },
        device=args.device,
    )
    print(f"2-D Ising, L = {args.L}, {args.method} on {sim.device}; {args.sweeps} sweeps a temperature, "
          f"the first {thermalise} discarded")
    print("|     T |     <e> (error)     |   <|m|> (error)   | Onsager m |    C    |  Binder |")
    for T in args.schedule:
        sim.set("physics.T", T)  # a new state point: the solver starts a new series
        sim.step(args.sweeps)
        o = sim.observables()
        print(f"| {T:5.3f} | {o['energy_mean']:8.5f} ({o['energy_mean_error']:.5f}) | "
              f"{o['abs_m_mean']:7.5f} ({o['abs_m_mean_error']:.5f}) | {onsager(T):9.5f} | "
              f"{o['specific_heat']:7.4f} | {o['binder']:7.4f} |")


if __name__ == "__main__":
    main()
