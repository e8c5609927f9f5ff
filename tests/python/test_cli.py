# SPDX-License-Identifier: MIT
"""The `simt` command as a user meets it: run, restart in a new process, signals, bad input."""
import os
import re
import signal
import subprocess
import time

import h5py
import numpy as np
import pytest

EXIT_CONFIG, EXIT_DIVERGED, EXIT_IO, EXIT_DEVICE = 2, 3, 4, 5

HEAT = """\
simt: 1
solver: heat
seed: 11
grid: {nx: 40, ny: 30, nz: 8}
initial: {type: random}
boundaries: {x_min: {type: dirichlet, value: 1}, x_max: {type: dirichlet}}
run: {steps: 200}
output: {observables_every: 20}
"""


def run(simt_bin, *args, cwd=None, timeout=300):
    return subprocess.run([simt_bin, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=timeout)


@pytest.fixture
def scenario(tmp_path):
    p = tmp_path / "heat.yaml"
    p.write_text(HEAT)
    return p


def test_run_writes_checkpoint_xdmf_and_observables(simt_bin, scenario, tmp_path):
    out = tmp_path / "out"
    r = run(simt_bin, "run", scenario, "--output", out, "--device", "cpu")
    assert r.returncode == 0, r.stderr
    ckpt = out / "checkpoint_000000200.h5"
    assert ckpt.exists() and (out / "checkpoint_000000200.xmf").exists()
    with h5py.File(ckpt) as f:
        attrs = f["simt"].attrs
        assert attrs["solver"] in (b"heat", "heat") and attrs["step"] == 200
        assert f["fields/u"].shape == (8, 30, 40)  # z, y, x as XDMF reads it
        assert "solver: heat" in str(attrs["scenario"])
    csv = (out / "observables.csv").read_text().splitlines()
    assert csv[0] == "step,time,u_mean,u_rms,u_min,u_max" and len(csv) == 1 + 11
    with h5py.File(out / "observables.h5") as f:
        assert f["observables/step"].dtype == np.int64
        assert list(f["observables/step"][:]) == list(range(0, 201, 20))
    assert not list(out.glob("*.tmp"))


@pytest.mark.parametrize("device", ["cpu", "cuda"])
def test_restart_in_a_new_process_is_bit_exact(simt_bin, scenario, tmp_path, device):
    if device == "cuda" and "GPU: none" in run(simt_bin, "info").stdout:
        pytest.skip("no GPU")
    a, b = tmp_path / "a", tmp_path / "b"
    assert run(simt_bin, "run", scenario, "--output", a, "--device", device).returncode == 0
    r = run(simt_bin, "run", scenario, "--output", b, "--steps", 100, "--device", device)
    assert r.returncode == 0, r.stderr
    r = run(simt_bin, "run", "--restart", b / "checkpoint_000000100.h5", "--device", device)
    assert r.returncode == 0, r.stderr
    with h5py.File(a / "checkpoint_000000200.h5") as fa, h5py.File(b / "checkpoint_000000200.h5") as fb:
        assert fa["simt"].attrs["time"] == fb["simt"].attrs["time"]
        np.testing.assert_array_equal(fa["fields/u"][...], fb["fields/u"][...])
        assert fa["fields/u"][...].tobytes() == fb["fields/u"][...].tobytes()
        np.testing.assert_array_equal(fa["observables/u_rms"][...], fb["observables/u_rms"][...])
    assert (b / "observables.csv").read_text() == (a / "observables.csv").read_text()


@pytest.mark.parametrize("signo, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_writes_a_final_checkpoint_and_exits_with_its_code(simt_bin, tmp_path, signo, code):
    big = tmp_path / "big.yaml"
    big.write_text(HEAT.replace("nx: 40, ny: 30, nz: 8", "nx: 96, ny: 96, nz: 96").replace("steps: 200", "steps: 100000000"))
    out = tmp_path / "out"
    p = subprocess.Popen([simt_bin, "run", big, "--output", out, "--device", "cpu"], stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not (out / "observables.csv").exists() and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    p.send_signal(signo)
    _, err = p.communicate(timeout=120)
    assert p.returncode == code, err
    ckpts = sorted(out.glob("checkpoint_*.h5"))
    assert len(ckpts) == 1 and "stopped by" in err
    with h5py.File(ckpts[0]) as f:
        step = int(f["simt"].attrs["step"])
        assert step > 0 and np.isfinite(f["fields/u"][...]).all()
    # The observables of the stopped run in both forms, the same rows.
    rows = np.loadtxt(out / "observables.csv", delimiter=",", skiprows=1, ndmin=2)
    with h5py.File(out / "observables.h5") as f:
        assert np.array_equal(f["observables/step"][:], rows[:, 0]) and len(rows) >= 1
        assert np.array_equal(f["observables/u_mean"][:], rows[:, 2])
    assert not list(out.glob("*.tmp"))


def test_watchdog_exit_code_and_message(simt_bin, tmp_path):
    # A Lennard-Jones time step 100 times too long: the forces overflow within a few steps.
    p = tmp_path / "blow.yaml"
    p.write_text("simt: 1\nsolver: md\nsystem: {nx: 4, ny: 4, nz: 4}\nintegrator: {dt: 0.5}\nrun: {steps: 200}\n"
                 "output: {observables_every: 5}\n")
    r = run(simt_bin, "run", p, "--output", tmp_path / "o", "--device", "cpu")
    assert r.returncode == EXIT_DIVERGED
    assert re.search(r"md: step \d+: field '\w+'", r.stderr) and "NaN/Inf" in r.stderr


def test_validate_info_and_solvers(simt_bin, root):
    r = run(simt_bin, "validate", root / "configs" / "heat_2d.yaml")
    assert r.returncode == 0 and "valid heat scenario" in r.stdout
    r = run(simt_bin, "info")
    assert r.returncode == 0 and "HDF5" in r.stdout and "backends built: cpu" in r.stdout
    assert re.search(r"fmt \d+\.\d+\.\d+,", r.stdout), r.stdout  # 9.1.0, not 90100
    assert re.search(r"HDF5 \d+\.\d+\.\d+, yaml-cpp \d+\.\d+", r.stdout) and re.search(r"CLI11 \d+\.\d+", r.stdout)
    r = run(simt_bin, "solvers")
    assert r.returncode == 0
    assert "solver: heat" in r.stdout and "physics.diffusivity" in r.stdout and "[steerable]" in r.stdout
    assert "initial.kx" in r.stdout and "<= 1048576" in r.stdout and "1.04858e+06" not in r.stdout  # integer bounds whole


def test_solvers_shows_one_solver_by_name(simt_bin):
    r = run(simt_bin, "solvers", "md")
    assert r.returncode == 0, r.stderr
    assert "solver: md" in r.stdout and "Keys of every scenario" in r.stdout
    assert "solver: heat" not in r.stdout and "solver: lbm" not in r.stdout
    r = run(simt_bin, "solvers", "haet")
    assert r.returncode == EXIT_CONFIG and "unknown solver 'haet'" in r.stderr and "did you mean 'heat'?" in r.stderr
    assert r.stdout == ""


def test_every_config_validates_and_runs_a_few_steps(simt_bin, root, tmp_path):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    for cfg in sorted((root / "configs").glob("*.yaml")):
        r = run(simt_bin, "run", cfg, "--steps", 4, "--output", tmp_path / cfg.stem, "--device", "cpu",
                "--set", "output.checkpoint_every=0", cwd=cwd)
        assert r.returncode == 0, f"{cfg.name}: {r.stderr}"
    # Each config names output.dir runs/<name>; --output replaces it, so nothing lands beside.
    assert not list(cwd.iterdir())


def test_output_is_the_only_directory_written(simt_bin, scenario, tmp_path, root):
    scenario.write_text(HEAT.replace("output: {observables_every: 20}",
                                     "output: {dir: runs/heat, observables_every: 20}"))
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    had_runs = (root / "runs").exists()
    r = run(simt_bin, "run", scenario, "--output", tmp_path / "out", "--device", "cpu", cwd=cwd)
    assert r.returncode == 0, r.stderr
    assert not list(cwd.iterdir())
    assert (tmp_path / "out" / "observables.csv").read_text().splitlines()[1].startswith("0,")
    assert (root / "runs").exists() == had_runs  # the test suite leaves no runs/ in the checkout


def test_device_cuda_without_gpu_is_a_clear_error(simt_bin, scenario, tmp_path):
    if "GPU: none" not in run(simt_bin, "info").stdout:
        pytest.skip("a GPU answers here")
    r = run(simt_bin, "run", scenario, "--device", "cuda", "--output", tmp_path / "o")
    assert r.returncode == EXIT_DEVICE
    assert "no CUDA device answers" in r.stderr or "built without CUDA" in r.stderr


# Malformed scenarios: (file text, fragments the message must hold). Each must exit 2.
BAD_SCENARIOS = {
    "unknown_key": ("solver: heat\ngird: {nx: 4}\n", ["bad.yaml:2:1", "unknown key 'gird'", "did you mean 'grid'"]),
    "unknown_nested": ("solver: heat\ngrid: {nx: 4, nq: 3}\n", ["bad.yaml:2:", "grid.nq", "allowed here:", "nx"]),
    "wrong_type": ("solver: heat\ngrid: {nx: abc}\n", ["bad.yaml:2:", "grid.nx", "not an integer"]),
    "float_for_int": ("solver: heat\ngrid: {nx: 3.5}\n", ["grid.nx", "not an integer"]),
    "negative_size": ("solver: heat\ngrid: {nx: -4}\n", ["bad.yaml:2:", "grid.nx = -4 must be >= 1"]),
    "zero_diffusivity": ("solver: heat\nphysics: {diffusivity: 0}\n", ["physics.diffusivity", "must be > 0"]),
    "bad_choice": ("solver: heat\ndevice: gpu\n", ["bad.yaml:2:", "device", "auto, cpu, cuda"]),
    "choice_typo": ("solver: heat\nboundaries: {x_min: {type: nueman}, x_max: {type: neumann}}\n",
                    ["bad.yaml:2:", "boundaries.x_min.type = 'nueman'", "did you mean 'neumann'?"]),
    "missing_solver": ("grid: {nx: 4}\n", ["bad.yaml", "missing required key 'solver'"]),
    "unknown_solver": ("solver: lbm2\n", ["unknown solver 'lbm2'", "registered: heat"]),
    "yaml_syntax": ("solver: heat\ngrid: {nx: 4\n", ["bad.yaml:"]),
    "bad_indent": ("solver: heat\ngrid:\n  nx: 4\n ny: 4\n", ["bad.yaml:"]),
    "empty": ("", ["bad.yaml", "empty"]),
    "comments_only": ("# nothing here\n", ["bad.yaml", "empty"]),
    "top_level_list": ("- solver: heat\n", ["bad.yaml", "map"]),
    "duplicate_key": ("solver: heat\ngrid: {nx: 4, nx: 5}\n", ["bad.yaml:2:", "duplicate key 'nx'"]),
    "map_for_scalar": ("solver: heat\ngrid: {nx: {a: 1}}\n", ["grid.nx"]),
    "sequence_value": ("solver: heat\ngrid: {nx: [1, 2]}\n", ["grid.nx", "single value"]),
    "periodic_mismatch": ("solver: heat\nboundaries: {x_min: {type: dirichlet}}\n", ["x_min", "x_max", "periodic"]),
    "unstable_dt": ("solver: heat\nphysics: {dt: 1.0}\n", ["physics.dt", "blow up"]),
    "schema_version": ("simt: 2\nsolver: heat\n", ["bad.yaml:1:", "simt = 2"]),
}


@pytest.mark.parametrize("name", sorted(BAD_SCENARIOS))
def test_malformed_scenario_gives_its_message_and_exit_2(simt_bin, tmp_path, name):
    text, fragments = BAD_SCENARIOS[name]
    p = tmp_path / "bad.yaml"
    p.write_text(text)
    for cmd in (["validate", p], ["run", p, "--output", tmp_path / "o"]):
        r = run(simt_bin, *cmd)
        assert r.returncode == EXIT_CONFIG, (name, r.stderr)
        for frag in fragments:
            assert frag in r.stderr, (name, frag, r.stderr)
    assert not (tmp_path / "o").exists()  # nothing written for a scenario that never ran


def test_binary_garbage_scenario(simt_bin, tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_bytes(bytes(range(256)) * 4)
    r = run(simt_bin, "validate", p)
    assert r.returncode == EXIT_CONFIG and "bad.yaml" in r.stderr


def test_bad_set_overrides(simt_bin, scenario):
    r = run(simt_bin, "validate", scenario, "--set", "grid.nx")
    assert r.returncode == EXIT_CONFIG and "--set expects key=value" in r.stderr
    r = run(simt_bin, "validate", scenario, "--set", "grid.nx=-2")
    assert r.returncode == EXIT_CONFIG and "--set grid.nx=-2" in r.stderr and "must be >= 1" in r.stderr
    r = run(simt_bin, "validate", scenario, "--set", "grid.zz=1")
    assert r.returncode == EXIT_CONFIG and "unknown key 'grid.zz'" in r.stderr


def make_checkpoint(simt_bin, scenario, out):
    assert run(simt_bin, "run", scenario, "--output", out, "--steps", 20, "--device", "cpu").returncode == 0
    return out / "checkpoint_000000020.h5"


def test_bad_checkpoints_give_their_messages(simt_bin, scenario, tmp_path):
    good = make_checkpoint(simt_bin, scenario, tmp_path / "ok")
    data = good.read_bytes()
    cases = {
        "missing.h5": (None, "no such file"),
        "text.h5": (b"this is not hdf5\n" * 50, "not an HDF5 file"),
        "empty.h5": (b"", "not an HDF5 file"),
        "truncated.h5": (data[: len(data) // 2], "truncated or corrupted"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / name
        if content is not None:
            path.write_bytes(content)
        r = run(simt_bin, "run", "--restart", path, "--device", "cpu")
        assert r.returncode == EXIT_IO, (name, r.stderr)
        assert message in r.stderr, (name, r.stderr)
    foreign = tmp_path / "foreign.h5"
    with h5py.File(foreign, "w") as f:
        f["x"] = np.arange(3)
    r = run(simt_bin, "run", "--restart", foreign)
    assert r.returncode == EXIT_IO and "not a simt checkpoint" in r.stderr
    newer = tmp_path / "newer.h5"
    newer.write_bytes(data)
    with h5py.File(newer, "r+") as f:
        f["simt"].attrs.modify("format_version", 99)
    r = run(simt_bin, "run", "--restart", newer)
    assert r.returncode == EXIT_IO and "newer than this simt reads" in r.stderr


def test_restart_accepts_only_steerable_overrides(simt_bin, scenario, tmp_path):
    ckpt = make_checkpoint(simt_bin, scenario, tmp_path / "ok")
    r = run(simt_bin, "run", "--restart", ckpt, "--steps", 20, "--set", "physics.diffusivity=0.5", "--device", "cpu")
    assert r.returncode == 0, r.stderr
    r = run(simt_bin, "run", "--restart", ckpt, "--set", "grid.nx=8", "--device", "cpu")
    assert r.returncode == EXIT_CONFIG and "cannot be changed during a run" in r.stderr


def test_progress_line_on_a_terminal_and_quiet_otherwise(simt_bin, scenario, tmp_path):
    import pty

    big = scenario.read_text().replace("steps: 200", "steps: 3000")
    scenario.write_text(big)
    controller, terminal = pty.openpty()
    p = subprocess.Popen([simt_bin, "run", scenario, "--output", tmp_path / "t", "--device", "cpu"],
                         stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    assert p.wait(timeout=120) == 0
    os.close(controller)
    assert b"steps/s" in seen and b"ETA" in seen and b"3000/3000 (100%)" in seen
    r = run(simt_bin, "run", scenario, "--output", tmp_path / "p", "--device", "cpu")  # stderr is a pipe
    assert r.returncode == 0 and "\r" not in r.stderr  # log lines at most, never the live line


@pytest.mark.parametrize("physics, warning", [
    ("{velocity: 0.1, viscosity: 0.001}", "tau = 0.503 is below 0.51"),
    ("{velocity: 0.1, viscosity: 1.0}", "tau = 3.5 is above 2"),
    ("{velocity: 0.25, viscosity: 0.1}", "Mach number 0.433 > 0.3"),
])
def test_lbm_warns_when_the_lattice_parameters_leave_the_safe_range(simt_bin, tmp_path, physics, warning):
    p = tmp_path / "cavity.yaml"
    p.write_text("simt: 1\nsolver: lbm\ngrid: {nx: 16, ny: 16}\n"
                 f"physics: {physics}\nrun: {{steps: 2}}\noutput: {{observables_every: 0}}\n")
    r = run(simt_bin, "run", p, "--output", tmp_path / "out", "--device", "cpu")
    assert r.returncode == 0, r.stderr
    assert "lbm: warning: " in r.stderr and warning in r.stderr


def test_lbm_physical_units_scenario_validates(simt_bin, root):
    r = run(simt_bin, "validate", root / "configs" / "cylinder_channel.yaml")
    assert r.returncode == 0, r.stderr


def test_option_pricing_reports_bad_rows_and_writes_results(simt_bin, root, tmp_path):
    book = (root / "configs" / "books" / "sample_book.csv").read_text()
    (tmp_path / "book.csv").write_text(book + "21,call,european,gbm,100,100,1.0,0.05,0.02,-0.2,,\n")
    (tmp_path / "s.yaml").write_text("solver: option_pricing\nbook: {file: book.csv}\n"
                                     "pricing: {paths_per_step: 2000, target_std_error: 0.02}\nrun: {steps: 50}\n")
    out = tmp_path / "out"
    r = run(simt_bin, "run", tmp_path / "s.yaml", "--output", out, "--device", "cpu", cwd=root)
    assert r.returncode == 0, r.stderr
    assert "bad row" in r.stderr and "book.csv:" in r.stderr and "row 21, column 'volatility'" in r.stderr
    lines = (out / "results.csv").read_text().splitlines()
    assert len(lines) == 21 and lines[0].startswith("id,row,type,payoff,model,price,std_error")
    with h5py.File(out / "results.h5") as f:
        assert f["results/price"].shape == (20,)
        assert np.all(f["results/std_error"][:] < 0.02 * np.abs(f["results/price"][:]))


def test_steps_counts_from_the_start_and_until_is_absolute(simt_bin, scenario, tmp_path):
    ckpt = make_checkpoint(simt_bin, scenario, tmp_path / "a")  # step 20
    r = run(simt_bin, "run", "--restart", ckpt, "--steps", 30, "--device", "cpu")
    assert r.returncode == 0, r.stderr
    assert "steps 20 -> 50" in r.stderr and (tmp_path / "a" / "checkpoint_000000050.h5").exists()
    r = run(simt_bin, "run", "--restart", ckpt, "--until", 40, "--device", "cpu")
    assert r.returncode == 0, r.stderr
    assert "steps 20 -> 40" in r.stderr and (tmp_path / "a" / "checkpoint_000000040.h5").exists()
    r = run(simt_bin, "run", scenario, "--steps", 30, "--output", tmp_path / "b", "--device", "cpu")
    assert r.returncode == 0 and "steps 0 -> 30" in r.stderr
    # Requests that would do nothing are errors, not a silent exit 0.
    r = run(simt_bin, "run", "--restart", ckpt, "--until", 10, "--device", "cpu")
    assert r.returncode == EXIT_CONFIG and "nothing to do" in r.stderr and "step 20" in r.stderr
    r = run(simt_bin, "run", scenario, "--until", 0, "--output", tmp_path / "none", "--device", "cpu")
    assert r.returncode == EXIT_CONFIG and "nothing to do" in r.stderr
    assert not (tmp_path / "none").exists()  # refused before any file is written
    done = tmp_path / "c"
    assert run(simt_bin, "run", scenario, "--output", done, "--device", "cpu").returncode == 0
    r = run(simt_bin, "run", "--restart", done / "checkpoint_000000200.h5", "--device", "cpu")
    assert r.returncode == EXIT_CONFIG and "nothing to do" in r.stderr and "--steps N" in r.stderr
    for bad in (["--steps", 0], ["--steps", 5, "--until", 50]):
        r = run(simt_bin, "run", "--restart", ckpt, *bad)
        assert r.returncode == EXIT_CONFIG, (bad, r.stderr)


@pytest.mark.parametrize("args", [
    ["run", "--bogus"],
    ["run", "missing.yaml"],
    ["validate", "missing.yaml"],
    ["validate"],
    ["price", "missing.csv"],
    ["price", "BOOK", "--paths", "many"],
    ["price", "BOOK", "--paths", "2"],
    ["run", "SCENARIO", "--device", "gpu"],
    ["frobnicate"],
    [],
])
def test_every_argument_error_exits_2(simt_bin, scenario, root, tmp_path, args):
    book = root / "configs" / "books" / "sample_book.csv"
    args = [book if a == "BOOK" else scenario if a == "SCENARIO" else a for a in args]
    r = run(simt_bin, *args, cwd=tmp_path)
    assert r.returncode == EXIT_CONFIG, (args, r.returncode, r.stderr)
    assert r.stderr
    if not args:  # `simt` alone prints the usage
        assert "Usage:" in r.stderr and "run" in r.stderr and "price" in r.stderr


def test_version_and_help_exit_0(simt_bin):
    r = run(simt_bin, "--version")
    assert r.returncode == 0 and re.fullmatch(r"simt \d+\.\d+\.\d+\n", r.stdout), r.stdout
    r = run(simt_bin, "run", "--help")
    assert r.returncode == 0 and "--until" in r.stdout and "--progress-every" in r.stdout


def test_progress_lines_in_a_log(simt_bin, scenario, tmp_path):
    scenario.write_text(HEAT.replace("steps: 200", "steps: 2000"))
    r = run(simt_bin, "run", scenario, "--output", tmp_path / "o", "--device", "cpu", "--progress-every", 0.001)
    assert r.returncode == 0, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.startswith("heat step ")]
    assert len(lines) >= 2 and "\r" not in r.stderr, r.stderr
    assert re.match(r"heat step \d+/2000 \( *\d+%\)  \S+ steps/s  ETA \d+:\d\d  u_mean=\S+ u_rms=\S+", lines[0]), lines[0]
    r = run(simt_bin, "run", scenario, "--output", tmp_path / "p", "--device", "cpu", "--progress-every", 0)
    assert r.returncode == 0 and "heat step" not in r.stderr


def test_price_prints_a_table_and_writes_files_only_with_o(simt_bin, root, tmp_path):
    book = tmp_path / "book.csv"
    book.write_text("id,type,payoff,model,spot,strike,maturity,rate,dividend,volatility\n"
                    "7,call,european,gbm,100,100,1.0,0.05,0.0,0.2\n")
    r = run(simt_bin, "price", book, "--paths", 20000, "--device", "cpu", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.csv"]  # no results.csv / .h5
    header, row = r.stdout.splitlines()
    assert header.split() == ["id", "price", "std_error", "ci_low", "ci_high"]
    cells = row.split()
    assert cells[0] == "7" and abs(float(cells[1]) - 10.4506) < 4 * float(cells[2])  # Black-Scholes 10.4506
    assert float(cells[3]) < float(cells[1]) < float(cells[4])
    assert "priced 1 option (0 bad rows)" in r.stderr
    r = run(simt_bin, "price", book, "--paths", 20000, "--greeks", "--device", "cpu", "-o", tmp_path / "res.csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split()[:9] == ["id", "price", "std_error", "ci_low", "ci_high", "delta", "gamma", "vega", "rho"]
    assert "_se" not in r.stdout.splitlines()[0]
    with h5py.File(tmp_path / "res.h5") as f:
        for name in ("id", "row", "paths"):
            assert f["results/" + name].dtype == np.int64, name
        assert f["results/id"][0] == 7 and f["results/price"].dtype == np.float64


def test_price_book_progress_in_a_log_and_payoff_suggestion(simt_bin, root, tmp_path):
    book = root / "configs" / "books" / "sample_book.csv"
    r = run(simt_bin, "price", book, "--paths", 2000, "--device", "cpu", "--progress-every", 0.000001, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert re.search(r"simt price: option \d+/\d+ \( *\d+%\)", r.stderr), r.stderr
    r = run(simt_bin, "price", book, "--paths", 2000, "--greeks", "--device", "cpu", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 21 and "nan" not in r.stdout and lines[1].split()[-1] == "-"  # row 1 has no LR Greeks
    bad = tmp_path / "bad.csv"
    bad.write_text("id,type,payoff,model,spot,strike,maturity,rate,dividend,volatility\n"
                   "1,call,europian,gbm,100,100,1.0,0.05,0.0,0.2\n")
    r = run(simt_bin, "price", bad, "--device", "cpu", cwd=tmp_path)
    assert "unknown payoff 'europian'" in r.stderr and "did you mean 'european'?" in r.stderr
