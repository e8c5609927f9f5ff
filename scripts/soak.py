#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Soak test of stop and restart (not in CI; a few minutes on two cores).

For each solver, a small scenario runs once without interruption, then again as a chain: start,
SIGTERM at a random moment, restart from the newest checkpoint, and so on, --restarts signals in
all, before a last restart runs to the end. The final checkpoints of the two runs must hold the same
bits in every field and observable series (the option book's wall-clock 'seconds' aside). A
signal that lands before the run has installed its handler kills it without a checkpoint; the
chain then restarts from the newest checkpoint there is, as a user would, and counts it.

    scripts/soak.py [--simt build/cpu/bin/simt] [--restarts 20] [--seed 1] [--solver md ...]

Exit status 0 when every solver's chain ends bit-identical to its uninterrupted run.
"""
import argparse
import os
import pathlib
import random
import re
import signal
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]

# Small versions of shipped scenarios: each runs a few seconds uninterrupted, checkpointing often
# enough that a chain also restarts from scheduled checkpoints, not only from the final ones.
SCENARIOS = {
    "heat": ("heat_2d.yaml", ["grid.nx=128", "grid.ny=128", "run.steps=80000", "output.checkpoint_every=9000",
                              "output.observables_every=500"]),
    "lbm": ("lid_driven_cavity.yaml", ["grid.nx=64", "grid.ny=64", "run.steps=12000",
                                       "output.checkpoint_every=1400", "output.observables_every=100"]),
    "md": ("kob_andersen.yaml", ["system.particles=400", "run.steps=6000", "output.checkpoint_every=700",
                                 "output.observables_every=50"]),
    "navier_stokes": ("cavity_ns.yaml", ["grid.nx=32", "grid.ny=32", "run.steps=3000",
                                         "output.checkpoint_every=340", "output.observables_every=50"]),
    "option_pricing": ("option_book.yaml", ["pricing.paths_per_step=2000", "pricing.target_std_error=0",
                                            "run.steps=400", "output.checkpoint_every=50"]),
}
# Wall-clock measurements, which no two runs share.
UNTIMED = {"fields/seconds"}


def start(simt, args, out):
    env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"))
    return subprocess.Popen([simt, "run", *args, "--output", str(out), "--device", "cpu"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)


def newest_checkpoint(out):
    found = sorted(out.glob("checkpoint_*.h5"), key=step_of)
    return found[-1] if found else None


def step_of(checkpoint):
    return int(re.findall(r"\d+", checkpoint.name)[0])


def final_state(path):
    """Every dataset under /fields and /observables, by name."""
    state = {}
    with h5py.File(path) as f:
        for group in ("fields", "observables"):
            for name, ds in f[group].items():
                if f"{group}/{name}" not in UNTIMED:
                    state[f"{group}/{name}"] = ds[...]
    return state


def differences(a, b):
    if a.keys() != b.keys():
        return [f"datasets differ: {sorted(a.keys() ^ b.keys())}"]
    return [name for name in a if a[name].shape != b[name].shape or a[name].tobytes() != b[name].tobytes()]


def soak(simt, solver, restarts, rng, work):
    config, overrides = SCENARIOS[solver]
    sets = [x for o in overrides for x in ("--set", o)]
    scenario = [str(ROOT / "configs" / config), *sets]

    whole = work / f"{solver}_whole"
    t0 = time.monotonic()
    p = start(simt, scenario, whole)
    _, err = p.communicate()
    seconds = time.monotonic() - t0
    if p.returncode != 0:
        raise RuntimeError(f"{solver}: the uninterrupted run failed ({p.returncode}): {err}")
    reference = newest_checkpoint(whole)

    chain = work / f"{solver}_chain"
    target = step_of(reference)
    stopped = killed = finished = 0
    for _ in range(restarts):
        last = newest_checkpoint(chain)
        p = start(simt, ["--restart", str(last)] if last else scenario, chain)
        # Start-up included, and at most a quarter of what is left, so most signals land mid-run.
        left = 1 - (step_of(last) if last else 0) / target
        time.sleep(rng.uniform(0.02, 0.05 + 0.25 * seconds * left))
        p.send_signal(signal.SIGTERM)
        _, err = p.communicate()
        if p.returncode == 128 + signal.SIGTERM:
            stopped += 1
        elif p.returncode == -signal.SIGTERM:
            killed += 1  # before the handler was installed: no final checkpoint
        elif p.returncode == 0:
            finished += 1
        else:
            raise RuntimeError(f"{solver}: exit {p.returncode}: {err}")
    while step_of(newest_checkpoint(chain)) < target:
        p = start(simt, ["--restart", str(newest_checkpoint(chain))], chain)
        _, err = p.communicate()
        if p.returncode != 0:
            raise RuntimeError(f"{solver}: the closing run exited {p.returncode}: {err}")
    diff = differences(final_state(reference), final_state(newest_checkpoint(chain)))
    print(f"{solver:15s} uninterrupted {seconds:5.1f} s to step {target}; {restarts} SIGTERMs: {stopped} stopped "
          f"with a checkpoint, {killed} killed in start-up, {finished} too late (run done); "
          f"{len(list(chain.glob('checkpoint_*.h5')))} checkpoints; "
          + ("final state bit-identical" if not diff else f"DIFFERS in {', '.join(diff)}"), flush=True)
    return not diff


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--simt", default=str(ROOT / "build/cpu/bin/simt"))
    parser.add_argument("--restarts", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--solver", action="append", choices=sorted(SCENARIOS))
    a = parser.parse_args()
    rng = random.Random(a.seed)
    with tempfile.TemporaryDirectory(prefix="simt_soak_") as tmp:
        results = [soak(a.simt, s, a.restarts, rng, pathlib.Path(tmp)) for s in a.solver or SCENARIOS]
    print(f"soak: {sum(results)} of {len(results)} solvers bit-identical after {a.restarts} random SIGTERMs each")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
