# SPDX-License-Identifier: MIT
"""Restarts from checkpoints that are valid HDF5 with the right shapes but impossible contents:
each is exit 4 with a message naming the file, the dataset, the index and the rule, never a
crash and never a silent run. The damaged files are good checkpoints with one value changed."""
import os
import pathlib
import shutil
import subprocess

import h5py
import numpy as np
import pytest

import simt

EXIT_IO = 4
STEPS = 20

HEAT = """\
solver: heat
seed: 3
grid: {nx: 12, ny: 10}
initial: {type: random}
boundaries: {x_min: {type: dirichlet, value: 1}, x_max: {type: dirichlet}}
"""
KOB_ANDERSEN = """\
solver: md
seed: 1995
system: {lattice: random, particles: 250, density: 1.2, min_distance: 0.8, types: 2, fraction_b: 0.2}
potential:
  type: lj
  aa: {epsilon: 1.0, sigma: 1.0, r_cut: 2.5}
  ab: {epsilon: 1.5, sigma: 0.8, r_cut: 2.0}
  bb: {epsilon: 0.5, sigma: 0.88, r_cut: 2.2}
integrator: {type: langevin, dt: 0.005}
"""
LJ = """\
solver: md
seed: 7
system: {lattice: fcc, nx: 4, ny: 4, nz: 4, density: 0.8442}
potential: {type: lj, aa: {epsilon: 1.0, sigma: 1.0, r_cut: 2.5}}
integrator: {type: nve, dt: 0.005}
"""
# A lid-driven cavity: walls, and the top one moving.
CAVITY = """\
boundaries:
  x_min: {type: wall}
  x_max: {type: wall}
  y_min: {type: wall}
  y_max: {type: moving_wall, velocity_x: 0.05}
"""
LBM = """\
solver: lbm
lattice: D2Q9
grid: {nx: 12, ny: 10}
physics: {reynolds: 10, velocity: 0.05}
""" + CAVITY
LBM_FP16 = """\
solver: lbm
lattice: D3Q19
precision: float
storage: fp16
grid: {nx: 6, ny: 5, nz: 4}
physics: {reynolds: 10, velocity: 0.05}
"""
NAVIER_STOKES = """\
solver: navier_stokes
grid: {nx: 12, ny: 12}
physics: {viscosity: 0.01}
pressure: {solver: cg}
""" + CAVITY
OPTIONS = """\
solver: option_pricing
book: {file: BOOK}
pricing: {paths_per_step: 500}
"""


def run(simt_bin, *args):
    return subprocess.run([simt_bin, *map(str, args)], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def checkpoints(tmp_path_factory):
    """A good checkpoint at step 20 of each scenario, made once for the module."""
    simt_bin = os.environ.get("SIMT_BIN") or shutil.which("simt")
    if not simt_bin:
        pytest.skip("the simt command is not built (set SIMT_BIN)")
    root = pathlib.Path(__file__).resolve().parents[2]
    tmp = tmp_path_factory.mktemp("good")
    made = {}
    for name, text in {"heat": HEAT, "ka": KOB_ANDERSEN, "lj": LJ, "lbm": LBM, "lbm16": LBM_FP16, "ns": NAVIER_STOKES,
                       "options": OPTIONS.replace("BOOK", str(root / "configs/books/sample_book.csv"))}.items():
        scenario = tmp / f"{name}.yaml"
        scenario.write_text(text + f"run: {{steps: {STEPS}}}\noutput: {{observables_every: 10}}\n")
        r = run(simt_bin, "run", scenario, "--output", tmp / name, "--device", "cpu")
        assert r.returncode == 0, r.stderr
        made[name] = tmp / name / f"checkpoint_{STEPS:09d}.h5"
    return made


def damaged(checkpoints, tmp_path, name, edit):
    path = tmp_path / f"damaged_{name}.h5"
    shutil.copy(checkpoints[name], path)
    with h5py.File(path, "r+") as f:
        edit(f)
    return path


def set_value(dataset, index, value):
    def edit(f):
        data = f[dataset][...]
        data[index] = value
        f[dataset][...] = data
    return edit


def set_flat(dataset, index, value):
    def edit(f):
        data = f[dataset][...]
        data.reshape(-1)[index] = value
        f[dataset][...] = data
    return edit


def set_attr(group, name, value):
    def edit(f):
        del f[group].attrs[name]
        f[group].attrs[name] = value
    return edit


CASES = {
    "id 2e9": ("ka", set_value("fields/state_id", 7, 2000000000),
               "/fields/state_id[7] = 2000000000: ids run from 0 to 249, each once"),
    "id -1": ("ka", set_value("fields/state_id", 7, -1), "/fields/state_id[7] = -1: ids run from 0 to 249"),
    "id twice": ("lj", lambda f: set_value("fields/state_id", 5, f["fields/state_id"][4])(f),
                 "/fields/state_id[5] = "),
    "type 1e6, two types": ("ka", set_value("fields/state_type", 3, 1000000),
                            "/fields/state_type[3] = 1000000: types run from 0 to 1"),
    "type -1, two types": ("ka", set_value("fields/state_type", 3, -1), "/fields/state_type[3] = -1: types run"),
    "type 1, one type": ("lj", set_value("fields/state_type", 3, 1), "/fields/state_type[3] = 1: types run from 0 to 0"),
    "position 1e12": ("lj", set_value("fields/state_position", (1, 5), 1e12),
                      "/fields/state_position[1, 5] = 1000000000000: positions lie in the box"),
    "reference -3": ("ka", set_value("fields/state_reference", (2, 0), -3.0), "/fields/state_reference[2, 0] = -3"),
    "image 2^31-1": ("lj", set_value("fields/state_image", (0, 9), 2**31 - 1),
                     "/fields/state_image[0, 9] = 2147483647: |image| is at most 2^24 box lengths"),
    "velocity NaN": ("ka", set_value("fields/state_velocity", (0, 1), np.nan),
                     "/fields/state_velocity[1] = nan: values must be finite"),
    "velocity 9e283": ("lj", set_value("fields/state_velocity", (2, 4), 9e283),
                       "/fields/state_velocity[2, 4] = 9e+283: a particle moves less than half the box a step"),
    "force -3e274": ("ka", set_value("fields/state_force", (0, 8), -3e274),
                     "/fields/state_force[0, 8] = -3e+274: one kick moves a particle less than half the box"),
    "negative rebuilds": ("lj", set_attr("state", "rebuilds", -2), "/state/rebuilds = -2: a count cannot be negative"),
    "thermostat NaN": ("ka", set_attr("state", "temperature", np.nan), "/state/temperature = nan: values must be finite"),
    "step -5": ("heat", set_attr("simt", "step", np.int64(-5)), "/simt/step = -5: the step count cannot be negative"),
    "time -1": ("lbm", set_attr("simt", "time", -1.0), "/simt/time = -1: the time must be finite and not negative"),
    "rng counter": ("ka", set_attr("simt", "rng_counter", np.uint64(12345)),
                    "/simt/rng_counter = 12345: this scenario at step 20 has drawn random numbers up to"),
    "heat NaN": ("heat", set_flat("fields/u", 43, np.nan), "/fields/u[43] = nan: values must be finite"),
    "heat dt -1": ("heat", set_attr("state", "dt", -1.0), "/state/dt = -1: a time step must be positive"),
    "heat dt text": ("heat", set_attr("state", "dt", "fast"), "attribute /state/dt is not a float"),
    "lbm populations -1": ("lbm", lambda f: f["fields/f"].write_direct(np.full(f["fields/f"].shape, -1.0)),
                           "/fields/f[:, 0] sums to density -9: the density of a fluid cell must be positive"),
    "lbm population Inf": ("lbm", set_flat("fields/f", 4 * 120 + 29, np.inf), "/fields/f[509] = inf: values must be"),
    "lbm fp16 population Inf": ("lbm16", set_flat("fields/f", 4 * 120 + 29, 0x7C00),
                                "/fields/f[4, 29] = inf: populations must be finite"),
    "ns pressure Inf": ("ns", set_flat("fields/pressure", 13, -np.inf), "/fields/pressure[13] = -inf"),
    "ns iterations -3": ("ns", set_attr("state", "poisson_iterations", -3), "/state/poisson_iterations = -3"),
    "options samples -1": ("options", set_value("fields/samples", 2, -1),
                           "/fields/samples[2] = -1: sample counts cannot be negative"),
    "options sums NaN": ("options", set_value("fields/sums", (1, 0), np.nan), "/fields/sums["),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_impossible_checkpoint_contents_are_exit_4_naming_file_dataset_index_and_rule(
        simt_bin, checkpoints, tmp_path, case):
    name, edit, message = CASES[case]
    bad = damaged(checkpoints, tmp_path, name, edit)
    r = run(simt_bin, "run", "--restart", bad, "--steps", STEPS + 10, "--output", tmp_path / "o", "--device", "cpu")
    assert r.returncode == EXIT_IO, r.stderr
    assert f"checkpoint '{bad}': " in r.stderr and message in r.stderr, r.stderr
    assert not (tmp_path / "o" / f"checkpoint_{STEPS + 10:09d}.h5").exists()


def test_a_flipped_byte_is_exit_4_naming_file_and_dataset(simt_bin, checkpoints, tmp_path):
    good = checkpoints["ka"]
    with h5py.File(good) as f:
        ids = f["fields/state_id"][...]
    data = bytearray(good.read_bytes())
    at = data.find(ids.tobytes())
    assert at > 0 and data.find(ids.tobytes(), at + 1) < 0
    data[at + 17] ^= 0x04
    bad = tmp_path / "flipped.h5"
    bad.write_bytes(bytes(data))
    r = run(simt_bin, "run", "--restart", bad, "--steps", STEPS + 10, "--output", tmp_path / "o", "--device", "cpu")
    assert r.returncode == EXIT_IO, r.stderr
    assert f"checkpoint '{bad}': /fields/state_id: the data fail their Fletcher32 checksum" in r.stderr


def test_good_checkpoints_restart(simt_bin, checkpoints, tmp_path):
    for name, path in checkpoints.items():
        r = run(simt_bin, "run", "--restart", path, "--steps", STEPS + 10, "--output", tmp_path / name, "--device", "cpu")
        assert r.returncode == 0, (name, r.stderr)


def test_variable_length_strings_of_earlier_files_still_read(simt_bin, checkpoints, tmp_path):
    """simt now writes fixed-length strings (reading variable-length ones goes through HDF5's global
    heap, which hangs on damaged files); h5py writes str attributes variable-length, as simt did."""
    def as_variable_length(f):
        for group in ("simt", "state"):
            for name, value in list(f[group].attrs.items()):
                if isinstance(value, (bytes, np.bytes_)):
                    del f[group].attrs[name]
                    f[group].attrs[name] = value.decode()
    old = damaged(checkpoints, tmp_path, "lbm", as_variable_length)
    with h5py.File(old) as f:
        assert h5py.check_string_dtype(f["simt"].attrs.get_id("scenario").dtype).length is None
    r = run(simt_bin, "run", "--restart", old, "--steps", 10, "--output", tmp_path / "o", "--device", "cpu")
    assert r.returncode == 0, r.stderr


def test_python_restore_raises_checkpoint_error(checkpoints, tmp_path):
    bad = damaged(checkpoints, tmp_path, "ka", set_value("fields/state_type", 3, 1000000))
    with pytest.raises(simt.CheckpointError, match=r"/fields/state_type\[3\] = 1000000: types run from 0 to 1"):
        simt.Simulation.restore(str(bad), device="cpu")
