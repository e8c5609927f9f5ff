# SPDX-License-Identifier: MIT
"""Every example runs, at a small size."""
import subprocess
import sys

import pytest


def run_example(root, name, *args, cwd):
    r = subprocess.run([sys.executable, str(root / "examples" / name), *args], capture_output=True, text=True,
                       cwd=cwd, timeout=600)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_heat_convergence_shows_second_order(root, tmp_path):
    out = run_example(root, "heat_convergence.py", "--device", "cpu", "--sizes", "16", "32", "64", cwd=tmp_path)
    rows = [line for line in out.splitlines() if line.startswith("| periodic") or line.startswith("| dirichlet")
            or line.startswith("| neumann")]
    assert len(rows) == 3
    for row in rows:
        order = float(row.strip("| ").split("|")[-1])
        assert 1.9 < order < 2.1, row


def test_heat_steering_saves_a_picture(root, tmp_path):
    pytest.importorskip("matplotlib")
    out = run_example(root, "heat_steering.py", "--device", "cpu", "--n", "32", "--steps", "400", cwd=tmp_path)
    assert "heat.2d.step" in out and (tmp_path / "heat.png").stat().st_size > 1000
