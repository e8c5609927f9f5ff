# SPDX-License-Identifier: MIT
"""On a GPU: fields handed to CuPy and PyTorch without a copy (same device pointer)."""
import numpy as np
import pytest

import simt

pytestmark = pytest.mark.skipif(not simt.cuda_available(), reason="needs a CUDA device")


def make():
    sim = simt.Simulation(
        {"solver": "heat", "grid": {"nx": 48, "ny": 20, "nz": 6}, "initial": {"type": "random"}}, device="cuda"
    )
    sim.step(7)
    return sim


def test_cupy_reads_the_field_in_place():
    cupy = pytest.importorskip("cupy")
    sim = make()
    dev = sim.field("u", copy=False)
    arr = cupy.asarray(dev)
    assert arr.data.ptr == dev.__cuda_array_interface__["data"][0]
    assert arr.shape == (48, 20, 6)
    np.testing.assert_array_equal(cupy.asnumpy(arr), sim.field("u"))
    sim.step(3)  # the same memory now holds the new state
    np.testing.assert_array_equal(cupy.asnumpy(arr), sim.field("u"))


def test_torch_reads_the_field_through_dlpack():
    torch = pytest.importorskip("torch")
    sim = make()
    dev = sim.field("u", copy=False)
    t = torch.from_dlpack(dev)
    assert t.device.type == "cuda"
    assert t.data_ptr() == dev.__cuda_array_interface__["data"][0]
    assert tuple(t.shape) == (48, 20, 6)
    np.testing.assert_array_equal(t.cpu().numpy(), sim.field("u"))
    del sim  # the tensor keeps the simulation's memory alive
    assert torch.isfinite(t).all()
