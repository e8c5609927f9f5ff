# SPDX-License-Identifier: MIT
"""The notebooks in examples/ run headless (nbclient) at small sizes, their parameters cell
replaced, and are kept in git without outputs."""
import json
import re

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

SMALL = {
    "cylinder_wake.ipynb": 'steps = 40\nframes = 2\ndevice = "cpu"',
    "lj_liquid_rdf.ipynb": 'cells = 4\nsteps = 100\ndevice = "cpu"',
    "book_greeks.ipynb": 'paths = 16384\ndevice = "cpu"',
}


def execute(root, name, tmp_path):
    nb = nbformat.read(root / "examples" / name, as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1, "one cell tagged 'parameters'"
    params[0].source = SMALL[name]
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    return "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.parametrize("name", sorted(SMALL))
def test_notebook_is_stored_without_outputs(root, name):
    nb = json.loads((root / "examples" / name).read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)


def test_cylinder_wake_notebook_runs(root, tmp_path):
    execute(root, "cylinder_wake.ipynb", tmp_path)


def test_lj_liquid_notebook_matches_numpy_rdf(root, tmp_path):
    text = execute(root, "lj_liquid_rdf.ipynb", tmp_path)
    difference = float(re.search(r"largest difference solver - numpy: (\S+)", text).group(1))
    assert difference < 1e-9


def test_book_notebook_prices_near_bsm(root, tmp_path):
    text = execute(root, "book_greeks.ipynb", tmp_path)
    ratio = float(re.search(r"largest \|price - BSM\| / std error: (\S+)", text).group(1))
    assert ratio < 4.5  # nine options: the largest of nine normal deviates
