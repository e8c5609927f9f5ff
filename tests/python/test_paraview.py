# SPDX-License-Identifier: MIT
"""ParaView for real: Debian's pvbatch opens the XDMF sidecar of every grid solver's checkpoint
(2-D and 3-D), reads every array the sidecar names with the values (in their places) and the range
the HDF5 file holds, and draws a slice that is not blank. Needs paraview, python3-paraview and xvfb (scripts/install-deps.sh
--test installs them); skipped where they are missing."""
import json
import os
import re
import shutil
import subprocess

from pathlib import Path

import h5py
import numpy as np
import pytest

import simt

PIL_Image = pytest.importorskip("PIL.Image")

# (config, --set overrides): small grids, a few steps, so the fields are no longer uniform.
CASES = {
    "heat_2d": ("heat_2d.yaml", ["grid.nx=24", "grid.ny=16"]),
    "heat_3d": ("heat_3d.yaml", ["grid.nx=16", "grid.ny=12", "grid.nz=8"]),
    "lbm_2d": ("lid_driven_cavity.yaml", ["grid.nx=24", "grid.ny=24"]),
    "lbm_3d": ("sphere_channel.yaml", []),
    "navier_stokes_2d": ("cavity_ns.yaml", ["grid.nx=16", "grid.ny=16"]),
    "navier_stokes_3d": ("cavity_ns_3d.yaml", ["grid.nx=12", "grid.ny=12", "grid.nz=12"]),
}


@pytest.fixture(scope="module")
def paraview_reads(tmp_path_factory):
    pvbatch, xvfb = shutil.which("pvbatch"), shutil.which("xvfb-run")
    if not (pvbatch and xvfb):
        pytest.skip("ParaView is not installed: apt-get install paraview python3-paraview xvfb")
    simt_bin = os.environ.get("SIMT_BIN") or shutil.which("simt")
    if not simt_bin:
        pytest.skip("the simt command is not built (set SIMT_BIN)")
    root = tmp_path_factory.mktemp("paraview")
    checkpoints = {}
    for case, (config, sets) in CASES.items():
        args = [simt_bin, "run", simt.config(config), "--device", "cpu", "--steps", "6", "--output", str(root / case)]
        for s in sets:
            args += ["--set", s]
        r = subprocess.run(args, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        checkpoints[case] = root / case / "checkpoint_000000006.h5"
    probe = [xvfb, "-a", pvbatch, str(Path(__file__).with_name("paraview_probe.py")), str(root)]
    # On a loaded machine xvfb-run may hand pvbatch a display before the X server takes
    # connections, and pvbatch aborts creating its window: that alone is retried.
    for _ in range(3):
        r = subprocess.run(probe + [str(c.with_suffix(".xmf")) for c in checkpoints.values()], capture_output=True,
                           text=True, timeout=300)
        if "CreateAWindow" not in r.stderr:
            break
    lines = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    by_file = {line["file"]: line for line in lines}
    return {case: (c, by_file.get(str(c.with_suffix(".xmf")))) for case, c in checkpoints.items()}, r.stderr


@pytest.mark.parametrize("case", list(CASES))
def test_paraview_reads_the_checkpoint_and_draws_a_slice(paraview_reads, case):
    results, stderr = paraview_reads
    checkpoint, seen = results[case]
    assert seen is not None, f"pvbatch did not open {checkpoint.with_suffix('.xmf')}:\n{stderr[-3000:]}"
    with h5py.File(checkpoint) as f:
        stored = {name: f["fields"][name][()] for name in f["fields"]}
    grid_shape = stored[sorted(stored)[0]].shape  # (z,) y, x
    assert seen["cells"] == [*reversed(grid_shape), 1][:3], "ParaView sees another grid"
    named = set(re.findall(r":/fields/(\w+)", checkpoint.with_suffix(".xmf").read_text()))
    assert named <= set(stored), f"the sidecar names {sorted(named - set(stored))}, which {checkpoint.name} does not hold"
    assert named <= set(seen["ranges"]), f"ParaView could not read {sorted(named - set(seen['ranges']))}"
    for name, (_, lo, hi) in seen["ranges"].items():
        assert name in stored, f"the sidecar names '{name}', which {checkpoint.name} does not hold"
        values = stored[name]
        if values.ndim > len(next(iter(stored.values())).shape):  # a vector: ParaView's range is of its magnitude
            continue
        assert (lo, hi) == pytest.approx((float(values.min()), float(values.max())), rel=1e-6, abs=1e-12)
        # VTK orders cells x fastest, as the (z, y, x) dataset flattened in C order.
        read = np.load(checkpoint.parent.parent / f"values_{seen['index']}_{name}.npy")
        assert np.array_equal(read, values.reshape(-1).astype(read.dtype)), f"ParaView reads '{name}' in other places"
    assert seen["coloured_by"], "no array varies: the slice would be one colour"
    picture = np.asarray(PIL_Image.open(seen["picture"]).convert("RGB")).reshape(-1, 3)
    assert len(np.unique(picture, axis=0)) > 8, "the slice picture is blank"
