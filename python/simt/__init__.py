# SPDX-License-Identifier: MIT
"""simt: GPU simulation toolkit — CFD, molecular dynamics and Monte Carlo from Python.

    >>> import simt
    >>> sim = simt.Simulation({"solver": "heat", "grid": {"nx": 32, "ny": 32}}, device="cpu")
    >>> sim.step(100)
    >>> sim.field("u").shape
    (32, 32)
"""
from ._simt import __version__, cuda_available, cuda_built, DeviceArray
from . import analytic, errors
from .pricing import price, price_option, payoffs, BookWarning
from .errors import *  # noqa: F401,F403 — the exception classes
from .scenarios import config
from .picture import Picture
from .ranks import rank, ranks
from .simulation import Simulation, Profile, solvers

__all__ = ["__version__", "config", "Simulation", "Profile", "Picture", "DeviceArray", "solvers", "cuda_available", "cuda_built", "analytic", "price", "price_option", "payoffs", "BookWarning", "rank", "ranks"]
__all__ += errors.__all__
