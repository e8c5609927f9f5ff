# SPDX-License-Identifier: MIT
"""md trajectories in H5MD 1.1 (nongnu.org/h5md): the layout the specification asks for, values
equal to the solver's state in the checkpoint written at the same step, a restart that
continues the trajectory as one uninterrupted run would have written it, checkpoints that hold
their state as one H5MD frame too, a standard reader (MDAnalysis) that opens the trajectory, and
either read back as the initial positions of a new run (system.lattice: file)."""
import subprocess

import h5py
import numpy as np
import pytest

MD = """\
solver: md
seed: 3
system: {lattice: fcc, nx: 4, ny: 4, nz: 4, density: 0.8442, types: 2, fraction_b: 0.25, mass_b: 3.0}
initial: {temperature: 1.44}
integrator: {type: langevin, dt: 0.005}
run: {steps: 50}
output: {observables_every: 10, trajectory_every: 10}
"""


def run(simt_bin, *args):
    r = subprocess.run([simt_bin, *map(str, args)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return r


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def by_id(checkpoint, name):
    """A checkpoint's (3, N) (or (N,)) state array in storage order, as (N, 3) (or (N,)) in
    particle-id order."""
    state, ids = checkpoint[f"fields/state_{name}"][...], checkpoint["fields/state_id"][...]
    out = np.empty_like(state.T)
    out[ids] = state.T
    return out


def test_trajectory_layout_and_values(simt_bin, tmp_path):
    (tmp_path / "md.yaml").write_text(MD)
    run(simt_bin, "run", tmp_path / "md.yaml", "--output", tmp_path / "out", "--device", "cpu")
    with h5py.File(tmp_path / "out" / "trajectory.h5") as f, \
            h5py.File(tmp_path / "out" / "checkpoint_000000050.h5") as c:
        # H5MD 1.1: /h5md with version (2 integers), author (name) and creator (name, version).
        assert list(f["h5md"].attrs["version"]) == [1, 1]
        assert text(f["h5md/author"].attrs["name"]) and text(f["h5md/creator"].attrs["name"]) == "simt"
        assert text(f["h5md/creator"].attrs["version"])
        # The box: dimension, one boundary string per axis, edges of D values as a time-dependent
        # element (MDAnalysis reads box/edges/value[frame]).
        box = f["particles/all/box"]
        assert box.attrs["dimension"] == 3
        assert [text(b) for b in box.attrs["boundary"]] == ["periodic"] * 3
        edges = box["edges/value"]
        assert edges.shape == (6, 3) and edges.dtype.kind == "f"
        assert list(box["edges/step"][...]) == [0, 10, 20, 30, 40, 50]
        np.testing.assert_allclose(edges[...], np.full((6, 3), (256 / 0.8442) ** (1 / 3)), rtol=1e-14)
        # Time-independent species and mass: datasets of N values, in particle-id order.
        species, mass = f["particles/all/species"][...], f["particles/all/mass"][...]
        assert species.shape == mass.shape == (256,) and mass.dtype.kind == "f"
        assert np.count_nonzero(species == 1) == 64 and set(species) == {0, 1}
        assert np.array_equal(mass, np.where(species == 1, 3.0, 1.0))
        assert np.array_equal(species, by_id(c, "type"))
        for name in ("position", "velocity", "force", "image"):
            # Time-dependent elements: step (integer) and time (real) of shape (frames,), value
            # (frames, N, D).
            element = f[f"particles/all/{name}"]
            assert element["step"].dtype.kind == "i" and element["time"].dtype.kind == "f"
            assert list(element["step"][...]) == [0, 10, 20, 30, 40, 50]
            np.testing.assert_allclose(element["time"][...], 0.005 * element["step"][...], rtol=1e-14)
            value = element["value"]
            assert value.shape == (6, 256, 3) and value.maxshape == (None, 256, 3) and value.chunks == (1, 256, 3)
            # The last frame is the state the checkpoint holds, bit for bit.
            assert np.array_equal(value[-1], by_id(c, name))
        # Unwrapped positions move continuously: no frame-to-frame jump near a box length.
        x = f["particles/all/position/value"][...] + f["particles/all/image/value"][...] * edges[-1]
        assert np.abs(np.diff(x, axis=0)).max() < 1.0


def test_restart_continues_the_trajectory(simt_bin, tmp_path):
    (tmp_path / "md.yaml").write_text(MD)
    a, b = tmp_path / "a", tmp_path / "b"
    run(simt_bin, "run", tmp_path / "md.yaml", "--output", a, "--device", "cpu")
    run(simt_bin, "run", tmp_path / "md.yaml", "--output", b, "--steps", 30, "--device", "cpu")
    run(simt_bin, "run", "--restart", b / "checkpoint_000000030.h5", "--device", "cpu")
    with h5py.File(a / "trajectory.h5") as fa, h5py.File(b / "trajectory.h5") as fb:
        for name in ("position", "velocity", "force", "image"):
            assert list(fb[f"particles/all/{name}/step"][...]) == [0, 10, 20, 30, 40, 50]
            assert fa[f"particles/all/{name}/value"][...].tobytes() == fb[f"particles/all/{name}/value"][...].tobytes()
        assert list(fb["particles/all/box/edges/step"][...]) == [0, 10, 20, 30, 40, 50]


def test_checkpoints_hold_their_state_as_an_h5md_frame(simt_bin, tmp_path):
    """A checkpoint holds /h5md and /particles/all beside its own groups: one frame, the
    trajectory's frame of the same step, bit for bit."""
    (tmp_path / "md.yaml").write_text(MD)
    run(simt_bin, "run", tmp_path / "md.yaml", "--output", tmp_path / "out", "--device", "cpu")
    with h5py.File(tmp_path / "out" / "trajectory.h5") as f, \
            h5py.File(tmp_path / "out" / "checkpoint_000000050.h5") as c:
        assert list(c["h5md"].attrs["version"]) == [1, 1] and c["particles/all/box"].attrs["dimension"] == 3
        for name in ("position", "velocity", "force", "image", "box/edges"):
            assert list(c[f"particles/all/{name}/step"][...]) == [50]
            assert np.array_equal(c[f"particles/all/{name}/value"][0], f[f"particles/all/{name}/value"][-1])
        for name in ("species", "mass"):
            assert np.array_equal(c[f"particles/all/{name}"][...], f[f"particles/all/{name}"][...])


def test_mdanalysis_reads_the_trajectory(simt_bin, tmp_path):
    """MDAnalysis's H5MD reader (reduced units: convert_units=False) gives every frame's time,
    box, positions, velocities and forces as stored. (It refuses checkpoints: it takes every
    entry of /observables for a time-dependent element, and simt's series there are plain
    datasets, which H5MD allows as time-independent elements.)"""
    H5MDReader = pytest.importorskip("MDAnalysis.coordinates.H5MD").H5MDReader
    (tmp_path / "md.yaml").write_text(MD)
    run(simt_bin, "run", tmp_path / "md.yaml", "--output", tmp_path / "out", "--device", "cpu")
    path = tmp_path / "out" / "trajectory.h5"
    reader = H5MDReader(str(path), convert_units=False)
    with h5py.File(path) as f:
        assert (reader.n_frames, reader.n_atoms) == (6, 256)
        for frame in range(reader.n_frames):
            ts = reader[frame]
            assert ts.time == pytest.approx(0.05 * frame)
            np.testing.assert_allclose(ts.dimensions, [(256 / 0.8442) ** (1 / 3)] * 3 + [90] * 3, rtol=1e-6)
            for name, ours in (("position", ts.positions), ("velocity", ts.velocities), ("force", ts.forces)):
                np.testing.assert_allclose(ours, f[f"particles/all/{name}/value"][frame], rtol=1e-6, atol=1e-6)
    reader.close()


@pytest.mark.parametrize("source", ["trajectory.h5", "checkpoint_000000050.h5"])
def test_a_trajectory_or_checkpoint_starts_a_new_run(simt_bin, tmp_path, source):
    """system.lattice: file reads the last frame of /particles/all/position/value and the box
    edges (the path relative to the scenario, not to the working directory): the new run's
    first frame holds exactly those positions."""
    (tmp_path / "md.yaml").write_text(MD)
    run(simt_bin, "run", tmp_path / "md.yaml", "--output", tmp_path / "a", "--device", "cpu")
    (tmp_path / "again.yaml").write_text(MD.replace(
        "lattice: fcc, nx: 4, ny: 4, nz: 4, density: 0.8442,", f"lattice: file, file: a/{source},"))
    run(simt_bin, "run", tmp_path / "again.yaml", "--output", tmp_path / "b", "--steps", 10, "--device", "cpu")
    with h5py.File(tmp_path / "a" / "trajectory.h5") as fa, h5py.File(tmp_path / "b" / "trajectory.h5") as fb:
        assert np.array_equal(fb["particles/all/box/edges/value"][0], fa["particles/all/box/edges/value"][-1])
        assert np.array_equal(fb["particles/all/position/value"][0], fa["particles/all/position/value"][-1])
        assert np.array_equal(fb["particles/all/mass"][...], fa["particles/all/mass"][...])
