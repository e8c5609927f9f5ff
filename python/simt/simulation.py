# SPDX-License-Identifier: MIT
"""The Simulation class: one scenario, driven step by step."""
from __future__ import annotations

import contextlib
import json
import os
from typing import Any, Iterator, Mapping

import numpy as np

from . import _simt
from .picture import Picture


def solvers() -> list[str]:
    """Names of the registered solvers (the YAML ``solver:`` values)."""
    return list(_simt.solvers())


class Profile:
    """Per-kernel timings collected inside ``with sim.profile() as p:``.

    ``p.rows`` is a list of dicts (kernel, launches, total_s, mean_s, bytes, gbps);
    ``p.table()`` the same as aligned text.
    """

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self._table = ""

    def table(self) -> str:
        return self._table


class Simulation:
    """A scenario run, driven from Python.

    ``scenario`` is a path to a YAML file or a dict with the same structure.
    ``set`` overrides keys by dotted path, like ``simt run --set``:
    ``Simulation("cavity.yaml", set={"physics.diffusivity": 0.5})``.
    ``device`` is "auto", "cpu" or "cuda" (default: the scenario's ``device`` key).

    Example::

        sim = simt.Simulation({"solver": "heat", "grid": {"nx": 64, "ny": 64}})
        sim.step(500)                       # GIL released while kernels run
        u = sim.field("u")                  # NumPy, indexed u[i, j] (x first)
        sim.set("physics.diffusivity", 0.2) # steering
        sim.checkpoint("heat.h5")
        again = simt.Simulation.restore("heat.h5")

    Under ``mpirun -np N python script.py`` every rank creates the same Simulation and makes the
    same calls in the same order (``step``, ``set``, ``checkpoint``, ``observables``, ``field``
    with ``gather=True`` are collective); each rank holds its block of the grid
    (:meth:`block`), and ``field(name, gather=True)`` assembles the whole on rank 0.
    """

    def __init__(
        self,
        scenario: str | os.PathLike | Mapping[str, Any],
        set: Mapping[str, Any] | None = None,
        device: str | None = None,
    ) -> None:
        overrides = dict(set or {})
        if isinstance(scenario, Mapping):
            # JSON is YAML, so a dict goes through the same parser and validation as a file.
            text, origin, is_file = json.dumps(scenario, indent=1), "<dict>", False
        else:
            text, origin, is_file = os.fspath(scenario), os.fspath(scenario), True
        self._cpp = _simt._Simulation(text, origin, is_file, overrides, device or "")

    @classmethod
    def restore(cls, path: str | os.PathLike, device: str | None = None) -> "Simulation":
        """Continue exactly from a checkpoint written by ``checkpoint()`` or ``simt run``."""
        sim = cls.__new__(cls)
        sim._cpp = _simt._Simulation.restore(os.fspath(path), device or "")
        return sim

    def step(self, n: int = 1) -> None:
        """Advance ``n`` steps, keeping the scenario's observable schedule and NaN watchdog."""
        self._cpp.step(int(n))

    @property
    def time(self) -> float:
        """Simulated time [the solver's time unit]."""
        return self._cpp.time

    @property
    def steps(self) -> int:
        return self._cpp.steps

    @property
    def rank(self) -> int:
        """This process's rank under mpirun (0 without)."""
        return _simt.rank()

    @property
    def ranks(self) -> int:
        """The number of ranks that share the run (1 without mpirun)."""
        return _simt.ranks()

    def block(self, name: str) -> tuple[slice, ...]:
        """Where this rank's block of a field lies in the whole field: one ``slice(lower, upper)``
        of global indices per axis (upper exclusive), x first, so that
        ``whole[sim.block("u")]`` is ``sim.field("u")``. Without mpirun, or for a field every rank
        holds whole, the slices span the field."""
        lower, shape, _ = self._cpp.field_block(name)
        return tuple(slice(lo, lo + n) for lo, n in zip(lower, shape))

    @property
    def solver(self) -> str:
        return self._cpp.solver

    @property
    def device(self) -> str:
        """"cpu" or "cuda": where the fields live."""
        return self._cpp.device

    @property
    def scenario(self) -> str:
        """The scenario as YAML, with overrides and steering applied."""
        return self._cpp.scenario

    def fields(self) -> list[str]:
        """Names of the fields ``field()`` accepts."""
        return list(self._cpp.field_names())

    def field(self, name: str, copy: bool | None = None, gather: bool = False):
        """A field, indexed like the C++ kernels: ``u[i, j]`` or ``u[i, j, k]``, x first.

        On the CPU the default is a NumPy *view* of the solver's memory (its values follow
        the run); ``copy=True`` gives a snapshot. On the GPU the default is a NumPy copy;
        ``copy=False`` gives a :class:`DeviceArray` that ``cupy.asarray`` and
        ``torch.from_dlpack`` take without a copy.

        Under mpirun it is this rank's block (:meth:`block` says where it lies); for ``md`` the
        particles this rank owns, in its storage order, and ``field("id")`` their particle ids.
        ``gather=True`` returns the whole field as a new NumPy array on rank 0 (md: in particle-id
        order) and None on the other ranks; it is collective: every rank must call it, or rank 0
        waits for ever.
        """
        if copy is None:
            copy = self.device != "cpu"
        if self.solver == "md":
            if not gather:
                return self._cpp.own_field(name, bool(copy))
            # md's field() gathers the system in id order on rank 0 itself (collective).
            whole = self._cpp.field(name, True)
            return whole if self.rank == 0 else None
        if gather:
            return self._gathered(name)
        return self._cpp.field(name, bool(copy))

    def _gathered(self, name: str):
        lower, _, whole_shape = self._cpp.field_block(name)
        mine = self._cpp.field(name, True)  # a NumPy copy, x fastest in memory
        head = np.asarray(list(lower) + list(mine.shape), dtype=np.int64).tobytes()
        parts = _simt.gather_bytes(head + mine.tobytes(order="F"))
        if parts is None:
            return None
        whole = np.empty(whole_shape, dtype=mine.dtype, order="F")
        axes = len(whole_shape)
        for part in parts:
            where = np.frombuffer(part, dtype=np.int64, count=2 * axes)
            block = np.frombuffer(part, dtype=mine.dtype, offset=16 * axes)
            shape = tuple(int(n) for n in where[axes:])
            at = tuple(slice(lo, lo + n) for lo, n in zip(where[:axes], shape))
            whole[at] = block.reshape(shape, order="F")
        return whole

    def image(self, field: str, colormap: str = "viridis", range: tuple[float, float] | None = None,
              slice: str | None = None, projection: str | None = None, slab: tuple[float, float] | None = None,
              width: int = 0) -> "Picture":
        """A picture of a grid field as an RGB array of shape (height, width, 3), uint8, coloured
        on the device the run uses (only the picture is copied back from a GPU). x runs across,
        y up (the top row is the largest y). Jupyter shows it as an image.

        colormap: ``viridis``, ``coolwarm`` or ``grey``; range: ``(lo, hi)`` drawn at the
        colormap's ends (default: the shown values' minimum and maximum); for a 3-D field
        ``slice="z=64"`` (default: the middle z plane) or ``projection="z"`` (the maximum along
        z); width in pixels (default: one per cell, the height keeps the aspect)::

            rgb = sim.image("u", colormap="coolwarm", range=(-1, 1))

        A particle solver draws its particles as discs one length unit across, seen along z
        (``projection="x"`` or ``"y"`` for another axis), coloured by ``"type"`` or by speed
        (``"velocity"``); ``slab=(0.4, 0.6)`` keeps those in that fraction of the box along the
        axis; the width defaults to 512 pixels.
        """
        def pair(p):
            return "" if p is None else f"{float(p[0])!r},{float(p[1])!r}"
        rgb, lo, hi = self._cpp.image(field, colormap, pair(range), slice or "", projection or "", pair(slab), int(width))
        return Picture(rgb, field=field, colormap=colormap, lo=lo, hi=hi)

    def observables(self) -> dict[str, float]:
        """The solver's observables now (e.g. u_mean, u_rms for heat)."""
        return dict(self._cpp.observables())

    def history(self) -> dict[str, Any]:
        """Observables recorded every ``output.observables_every`` steps, as NumPy arrays
        keyed by name, with ``step`` (int64) and ``time`` first."""
        return dict(self._cpp.history())

    def param(self, key: str) -> Any:
        """The validated value of a scenario key, defaults included."""
        return self._cpp.param(key)

    def set(self, key: str, value: Any) -> None:
        """Steer a key mid-run (only keys marked steerable; ``simt solvers`` lists them)."""
        self._cpp.set(key, value)

    def checkpoint(self, path: str | os.PathLike) -> None:
        """Write an HDF5 checkpoint (atomically) and, for grid solvers, an XDMF file beside it."""
        self._cpp.checkpoint(os.fspath(path))

    @contextlib.contextmanager
    def profile(self) -> Iterator[Profile]:
        """Time every kernel launched inside the block::

            with sim.profile() as p:
                sim.step(100)
            print(p.table())
        """
        result = Profile()
        self._cpp.profile_enable(True)
        try:
            yield result
        finally:
            result.rows = list(self._cpp.profile_rows())
            result._table = self._cpp.profile_table()
            self._cpp.profile_enable(False)

    def __repr__(self) -> str:
        return f"<simt.Simulation solver={self.solver} device={self.device} steps={self.steps} time={self.time:.6g}>"
