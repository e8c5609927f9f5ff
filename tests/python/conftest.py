# SPDX-License-Identifier: MIT
"""pytest fixtures: the backends to run on, the simt command, scratch directories."""
import os
import pathlib
import shutil

import pytest

import simt

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _devices():
    return ["cpu", "cuda"] if simt.cuda_available() else ["cpu"]


@pytest.fixture(params=_devices())
def device(request):
    """Each test taking `device` runs on the CPU, and on the GPU where one answers."""
    return request.param


@pytest.fixture
def simt_bin():
    path = os.environ.get("SIMT_BIN") or shutil.which("simt")
    if not path:
        pytest.skip("the simt command is not built (set SIMT_BIN)")
    return path


@pytest.fixture
def root():
    return ROOT
