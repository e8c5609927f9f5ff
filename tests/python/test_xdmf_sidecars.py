# SPDX-License-Identifier: MIT
"""The XDMF sidecar beside a grid solver's checkpoint describes exactly what the .h5 holds:
every dataset it names exists, with the dimensions and the precision it states, as cell data
of the mesh it declares. ParaView reads only what the sidecar names, so a name without a
dataset (navier_stokes once named velocity_x there and wrote face_velocity_x) hides a field."""
import xml.etree.ElementTree as ET

import h5py
import pytest

import simt

SCENARIOS = {
    "heat_2d": "solver: heat\ngrid: {nx: 6, ny: 5}\n",
    "heat_3d": "solver: heat\nprecision: float\ngrid: {nx: 6, ny: 5, nz: 4}\n",
    "lbm_2d": "solver: lbm\nlattice: D2Q9\ngrid: {nx: 6, ny: 5}\nphysics: {reynolds: 10, velocity: 0.05}\n"
    "boundaries: {y_min: {type: wall}, y_max: {type: moving_wall, velocity_x: 0.05}}\n",
    "lbm_3d": "solver: lbm\nlattice: D3Q19\ngrid: {nx: 6, ny: 5, nz: 4}\nphysics: {reynolds: 10, velocity: 0.05}\n",
    "lbm_3d_fp16": "solver: lbm\nlattice: D3Q19\nprecision: float\nstorage: fp16\n"
    "grid: {nx: 6, ny: 5, nz: 4}\nphysics: {reynolds: 10, velocity: 0.05}\n",
    "navier_stokes_2d": "solver: navier_stokes\ngrid: {nx: 6, ny: 6}\nphysics: {viscosity: 0.01}\n"
    "pressure: {solver: cg}\nboundaries: {y_min: {type: wall}, y_max: {type: moving_wall, velocity_x: 0.05}}\n",
    "navier_stokes_3d": "solver: navier_stokes\nprecision: float\ngrid: {nx: 6, ny: 5, nz: 4}\n"
    "physics: {viscosity: 0.01}\n",
}


def sidecar_items(xmf):
    """(mesh cells in z y x order, [(h5 file, dataset path, dims, bytes per value)])."""
    grid = ET.parse(xmf).getroot().find("Domain/Grid")
    nodes = [int(n) for n in grid.find("Topology").get("Dimensions").split()]
    items = []
    for attribute in grid.findall("Attribute"):
        item = attribute.find("DataItem")
        assert item.get("Format") == "HDF"
        file, path = item.text.strip().split(":", 1)
        items.append((file, path, [int(d) for d in item.get("Dimensions").split()], int(item.get("Precision"))))
    return [n - 1 for n in nodes], items


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_dataset_the_sidecar_names_is_in_the_checkpoint(name, tmp_path):
    scenario = tmp_path / f"{name}.yaml"
    scenario.write_text("simt: 1\n" + SCENARIOS[name])
    sim = simt.Simulation(str(scenario), device="cpu")
    sim.step(3)
    h5 = tmp_path / f"{name}.h5"
    sim.checkpoint(str(h5))
    cells, items = sidecar_items(tmp_path / f"{name}.xmf")
    assert len(items) == len(sim.fields())  # every field of the solver is shown
    with h5py.File(h5, "r") as f:
        for file, path, dims, precision in items:
            assert file == h5.name
            assert path in f, f"{name}: the sidecar names {path}, which {h5.name} does not hold"
            # A 2-D grid is shown as a 3-D mesh one cell deep (ParaView lays a 2-D mesh in the y-z
            # plane): its (ny, nx) dataset is described as 1 x ny x nx.
            shape = list(f[path].shape)
            assert dims == cells and (shape == dims or [1] + shape == dims), f"{name}: {path}"
            assert f[path].dtype.itemsize == precision, f"{name}: {path}"
