# SPDX-License-Identifier: MIT
"""`pip install .` builds and installs the package in a fresh virtual environment."""
import os
import pathlib
import subprocess
import venv

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.mark.skipif(os.environ.get("SIMT_SKIP_PIP_TEST") == "1", reason="SIMT_SKIP_PIP_TEST=1")
def test_pip_install_builds_an_importable_package(tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True, system_site_packages=False)
    py = env_dir / "bin" / "python"
    # numpy and the build requirements come from this environment's pip cache or PyPI.
    r = subprocess.run([py, "-m", "pip", "install", "-q", str(ROOT)], capture_output=True, text=True, timeout=1500)
    assert r.returncode == 0, r.stdout + r.stderr
    code = (
        # The shipped scenarios are installed with the package.
        "import simt, numpy; s = simt.Simulation(simt.config('heat_2d.yaml'), set={'grid.nx': 8, 'grid.ny': 8}, device='cpu'); "
        "s.step(3); u = s.field('u'); print(type(u).__name__, u.shape, s.steps)"
    )
    r = subprocess.run([py, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ndarray (8, 8) 3"
