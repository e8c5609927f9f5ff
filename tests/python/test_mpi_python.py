# SPDX-License-Identifier: MIT
"""Python under mpirun: `mpirun -np N python script.py` drives one simt.Simulation on every rank.

The heat field and lattice_mc's spins gathered on rank 0 equal the one-process field to the bit
on 1 to 3 ranks, with steering mid-run and a checkpoint written by every rank; the ranks' blocks tile the grid;
md's ranks each see their own particles and gather the one-process system in id order on rank 0;
simt.price splits a book across ranks with the one-process bits; an error on one rank ends every
rank with its message. Skipped in a build without MPI or without mpirun.
"""
import json
import os
import shutil
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import simt
from simt import _simt

MPIRUN = shutil.which("mpirun")
pytestmark = pytest.mark.skipif(not (_simt.mpi_built and MPIRUN), reason="no MPI in this build or no mpirun")

# A plate with a hot wall, insulated sides and random initial values (drawn by global cell index),
# and a 3-D box periodic along y and z in float.
PLATE = {"solver": "heat", "device": "cpu", "grid": {"nx": 23, "ny": 18, "lx": 1.0, "ly": 0.8},
         "physics": {"diffusivity": 1.0, "cfl": 0.24},
         "boundaries": {"x_min": {"type": "dirichlet", "value": 1.0}, "x_max": {"type": "dirichlet", "value": -0.5},
                        "y_min": {"type": "neumann", "value": 0.25}, "y_max": {"type": "neumann"}},
         "initial": {"type": "random", "amplitude": 0.5}, "output": {"observables_every": 0}}
BOX = {"solver": "heat", "device": "cpu", "precision": "float", "grid": {"nx": 7, "ny": 6, "nz": 10},
       "physics": {"diffusivity": 1.0, "cfl": 0.3},
       "boundaries": {"x_min": {"type": "dirichlet", "value": 2.0}, "x_max": {"type": "neumann", "value": 1.0}},
       "initial": {"type": "mode", "kx": 1, "ky": 2, "kz": 3}, "output": {"observables_every": 0}}
# A 2-D Ising lattice of 22 x 22 spins (blocks start on odd sites) by checkerboard Metropolis.
SPINS = {"solver": "lattice_mc", "device": "cpu", "seed": 5, "lattice": {"dim": 2, "L": 22},
         "physics": {"model": "ising", "T": 2.0}, "output": {"observables_every": 0}}
# Per scenario: the field, and the steered key with its new value.
STEERED = {"heat": ("u", "physics.diffusivity", 0.5), "lattice_mc": ("spin", "physics.T", 3.0)}

# Every rank: 15 steps, a key steered, 15 more, a checkpoint, the field gathered on rank 0, and
# each rank's block (its slices, and whether its own field is the whole's there).
FIELD_SCRIPT = """
import json, sys
import numpy as np
import simt
scenario, out, (name, key, value) = json.loads(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
sim = simt.Simulation(scenario)
sim.step(15)
sim.set(key, value)
sim.step(15)
sim.checkpoint(out + "/end.h5")
whole = sim.field(name, gather=True)
mine = sim.field(name, copy=True)
blocks = simt._simt.gather_bytes(json.dumps([[s.start, s.stop] for s in sim.block(name)]).encode())
if sim.rank == 0:
    np.save(out + "/field.npy", whole)
    own = [[[s.start, s.stop] for s in sim.block(name)], bool(np.array_equal(whole[sim.block(name)], mine))]
    json.dump({"ranks": sim.ranks, "steered": sim.param(key),
               "blocks": [json.loads(b) for b in blocks], "own": own}, open(out + "/run.json", "w"))
elif whole is not None:
    raise AssertionError("gather=True returned a field on a rank other than 0")
"""


def launch(ranks, script, args, tmp_path, timeout=90):
    """`python script args` on `ranks` ranks under mpirun (0: a plain process); a hang fails."""
    path = tmp_path / "script.py"
    path.write_text(textwrap.dedent(script))
    python = [sys.executable, str(path), *args]
    mpi = [MPIRUN, "--allow-run-as-root", "--oversubscribe", "-x", "OMP_NUM_THREADS=1", "-x", "PYTHONPATH", "-np",
           str(ranks)]
    env = dict(os.environ, OMP_NUM_THREADS="1")
    return subprocess.run((mpi if ranks else []) + python, capture_output=True, text=True, timeout=timeout, env=env)


def field_run(ranks, scenario, tmp_path):
    out = tmp_path / f"ranks{ranks}"
    out.mkdir()
    steered = json.dumps(STEERED[scenario["solver"]])
    done = launch(ranks, FIELD_SCRIPT, [json.dumps(scenario), str(out), steered], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    return out, json.loads((out / "run.json").read_text())


def tiles(blocks, shape):
    """Whether the blocks cover every cell of `shape` exactly once."""
    count = np.zeros(shape, dtype=int)
    for block in blocks:
        count[tuple(slice(lo, hi) for lo, hi in block)] += 1
    return bool((count == 1).all())


@pytest.mark.parametrize("scenario, ranks", [(PLATE, 1), (PLATE, 2), (PLATE, 3), (BOX, 3), (SPINS, 3)],
                         ids=["plate-1", "plate-2", "plate-3", "box-3", "spins-3"])
def test_gathered_field_is_the_one_process_field(scenario, ranks, tmp_path):
    name, _, value = STEERED[scenario["solver"]]
    plain, _ = field_run(0, scenario, tmp_path)
    split, run = field_run(ranks, scenario, tmp_path)
    expected = np.load(plain / "field.npy")
    whole = np.load(split / "field.npy")
    assert run["ranks"] == ranks and run["steered"] == value
    assert whole.dtype == expected.dtype and whole.shape == expected.shape
    assert whole.tobytes() == expected.tobytes()
    assert len(run["blocks"]) == ranks and tiles(run["blocks"], expected.shape)
    assert run["own"] == [run["blocks"][0], True]
    # The checkpoint every rank wrote its block of, read back in this one process.
    restored = simt.Simulation.restore(split / "end.h5")
    assert restored.steps == 30
    assert restored.field(name, copy=True).tobytes() == expected.tobytes()


def test_one_process_gather_and_block_are_the_field(tmp_path):
    sim = simt.Simulation(PLATE)
    sim.step(3)
    assert (sim.rank, sim.ranks) == (0, 1)
    assert sim.block("u") == (slice(0, 23), slice(0, 18))
    assert np.array_equal(sim.field("u", gather=True), sim.field("u"))


PRICE_SCRIPT = """
import json, sys
import numpy as np
from numpy.lib import recfunctions
import simt
book, out = json.loads(sys.argv[1]), sys.argv[2]
r = simt.price(book, paths=4000, seed=3, device="cpu", greeks=True)
if simt.rank() == 0:
    np.save(out, recfunctions.repack_fields(r[[n for n in r.dtype.names if n != "seconds"]]))  # seconds: wall time
"""

BOOK = [{"id": 1, "type": "call", "spot": 100, "strike": 105, "maturity": 1, "rate": 0.03, "volatility": 0.25},
        {"id": 2, "type": "put", "payoff": "barrier", "barrier": 90, "barrier_type": "down_out", "spot": 100,
         "strike": 100, "maturity": 0.5, "rate": 0.03, "volatility": 0.3, "fixings": 26}]


# 864 Lennard-Jones particles (box 10.1 sigma), hot enough to cross sub-box faces in 30 steps.
LIQUID = {"solver": "md", "device": "cpu", "seed": 4242,
          "system": {"lattice": "fcc", "nx": 6, "ny": 6, "nz": 6, "density": 0.8442},
          "initial": {"temperature": 1.44}, "integrator": {"type": "nve", "dt": 0.005},
          "neighbor": {"skin": 0.3, "deterministic": True}, "output": {"observables_every": 0}}

# Every rank: 15 steps, the thermostat's target steered (Bussi), 15 more; its own particles with
# their ids, gathered by hand on rank 0 beside what gather=True gives there.
MD_SCRIPT = """
import json, sys
import numpy as np
import simt
scenario, out = json.loads(sys.argv[1]), sys.argv[2]
sim = simt.Simulation(scenario, set={"integrator.type": "bussi", "thermostat.temperature": 1.2})
sim.step(15)
sim.set("thermostat.temperature", 0.9)
sim.step(15)
whole = {name: sim.field(name, gather=True) for name in ("position", "velocity", "type")}
ids = sim.field("id", copy=True) if sim.ranks > 1 else np.arange(len(whole["position"]), dtype=np.int32)
mine = np.concatenate([ids[:, None].astype(np.float64), sim.field("position", copy=True),
                       sim.field("velocity", copy=True)], axis=1)
parts = simt._simt.gather_bytes(mine.tobytes())
if sim.rank == 0:
    rows = [np.frombuffer(p).reshape(-1, 7) for p in parts]
    own = np.concatenate(rows)
    by_id = own[np.argsort(own[:, 0])]
    np.save(out + "/position.npy", whole["position"])
    np.save(out + "/velocity.npy", whole["velocity"])
    json.dump({"counts": [len(r) for r in rows], "ids": by_id[:, 0].astype(int).tolist(),
               "own_is_whole": bool(np.array_equal(by_id[:, 1:4], whole["position"]) and
                                    np.array_equal(by_id[:, 4:7], whole["velocity"]))},
              open(out + "/run.json", "w"))
elif any(v is not None for v in whole.values()):
    raise AssertionError("gather=True returned particles on a rank other than 0")
"""


@pytest.mark.parametrize("ranks", [2, 3])
def test_md_own_particles_and_gathered_system(ranks, tmp_path):
    """md under mpirun: each rank sees its own particles (field("id") names them), gather=True the
    whole system in id order on rank 0, the one-process bits (particle-id order)."""
    runs = {}
    for count in (0, ranks):
        out = tmp_path / f"md{count}"
        out.mkdir()
        done = launch(count, MD_SCRIPT, [json.dumps(LIQUID), str(out)], tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        runs[count] = out
    run = json.loads((runs[ranks] / "run.json").read_text())
    assert len(run["counts"]) == ranks and sum(run["counts"]) == 864 and max(run["counts"]) < 864
    assert run["ids"] == list(range(864))  # each particle on exactly one rank
    assert run["own_is_whole"]
    for name in ("position", "velocity"):
        assert np.array_equal(np.load(runs[ranks] / f"{name}.npy"), np.load(runs[0] / f"{name}.npy"))


@pytest.mark.parametrize("ranks", [1, 2, 3])
def test_price_across_ranks_is_the_one_process_price(ranks, tmp_path):
    """Two rows on 3 ranks share each option's paths; on 2 each rank prices one row."""
    results = []
    for n in (0, ranks):
        out = tmp_path / f"ranks{n}.npy"
        done = launch(n, PRICE_SCRIPT, [json.dumps(BOOK), str(out)], tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        results.append(np.load(out))
    assert len(results[0]) == 2
    assert results[1].tobytes() == results[0].tobytes()


ERROR_SCRIPT = """
import simt
sim = simt.Simulation({"solver": "heat", "device": "cpu", "grid": {"nx": 16, "ny": 16}})
sim.step(2)
if sim.rank == 1:
    sim.set("physics.diffusivity", -1.0)  # out of range: a ConfigError on rank 1 alone
sim.field("u", gather=True)               # rank 0 waits here for rank 1
sim.step(2)
"""


def test_an_error_on_one_rank_ends_every_rank(tmp_path):
    done = launch(2, ERROR_SCRIPT, [], tmp_path, timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "simt: rank 1 of 2: error: " in done.stderr
    assert "diffusivity" in done.stderr


MPI4PY_SCRIPT = """
from mpi4py import MPI
import simt
sim = simt.Simulation({"solver": "heat", "device": "cpu", "grid": {"nx": 16, "ny": 16}})
sim.step(5)
whole = sim.field("u", gather=True)
assert (sim.rank, sim.ranks) == (MPI.COMM_WORLD.Get_rank(), MPI.COMM_WORLD.Get_size())
assert (whole is not None) == (sim.rank == 0)
MPI.COMM_WORLD.Barrier()
"""


def test_mpi4py_imported_first_shares_its_mpi(tmp_path):
    pytest.importorskip("mpi4py")
    done = launch(2, MPI4PY_SCRIPT, [], tmp_path, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
