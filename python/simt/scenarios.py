# SPDX-License-Identifier: MIT
"""The scenarios shipped with simt (the repository's configs/), wherever the package is imported from.

    >>> import simt
    >>> simt.config("heat_2d.yaml").name
    'heat_2d.yaml'
"""
from __future__ import annotations

import pathlib

# The build copies configs/ into the package folder, and `pip install .` installs it there too.
_CONFIGS = pathlib.Path(__file__).resolve().parent / "configs"


def config(name: str) -> pathlib.Path:
    """Path of the shipped scenario ``name`` (e.g. "lid_driven_cavity.yaml"; "books/sample_book.csv"),
    for ``simt.Simulation(simt.config(name))`` from any directory. FileNotFoundError names the
    scenarios there are."""
    path = _CONFIGS / name
    if not path.is_file():
        shipped = ", ".join(sorted(p.name for p in _CONFIGS.glob("*.yaml")))
        raise FileNotFoundError(f"simt.config: no shipped scenario '{name}' in {_CONFIGS}; there are: {shipped}")
    return path
