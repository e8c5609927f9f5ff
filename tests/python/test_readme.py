# SPDX-License-Identifier: MIT
"""The README's Python snippet runs as written, from a directory outside the checkout, with the
Python the quick start leaves: .venv/bin/python imports simt through the path file that
scripts/install-deps.sh writes, with no PYTHONPATH."""
import os
import pathlib
import re
import subprocess
import sys


def readme_python_snippet(root):
    section = (root / "README.md").read_text().split("\n## Python\n", 1)[1]
    return re.search(r"^```python\n(.*?)^```$", section, re.S | re.M).group(1)


def run_python(code, cwd):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


def test_the_venv_imports_this_checkouts_build(root, tmp_path):
    r = run_python("import simt; print(simt.__file__)", tmp_path)
    assert r.returncode == 0, f"{sys.executable} cannot import simt without PYTHONPATH (scripts/install-deps.sh " \
                              f"writes the path file): {r.stderr}"
    assert pathlib.Path(r.stdout.strip()).is_relative_to(root / "build"), r.stdout


def test_readme_python_snippet_runs_from_any_directory(root, tmp_path):
    r = run_python(readme_python_snippet(root), tmp_path)
    assert r.returncode == 0, r.stderr
    assert "heat.2d.step" in r.stdout  # the profile table
    assert (tmp_path / "heat.h5").stat().st_size > 0
