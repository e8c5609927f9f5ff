# SPDX-License-Identifier: MIT
"""simt under ``mpirun``: which rank this process is, and an uncaught error on one rank ending all.

``mpirun -np 4 python script.py`` starts four processes; importing simt in each starts MPI (or
joins it when mpi4py was imported first; mpi4py is never needed) and every rank drives the same
:class:`simt.Simulation` collectively (docs/parallel.md, "Python")::

    sim = simt.Simulation("heat.yaml")
    sim.step(100)                          # every rank: its block of the grid
    whole = sim.field("u", gather=True)    # every rank calls it; rank 0 gets the field
    if simt.rank() == 0:
        print(whole.mean())

An exception that no rank catches would leave the other ranks waiting in their next collective
call for ever, so under ``mpirun`` an uncaught one prints ``simt: rank R of N: error`` with its
traceback and ends every rank (MPI_Abort), with the exit code the ``simt`` command gives that
error (2 for a ConfigError, 3 DivergedError, 4 IoError, 5 DeviceError or Unsupported, else 1).
"""
import sys

from . import _simt

__all__ = ["rank", "ranks"]


def rank() -> int:
    """This process's rank, 0 to ``ranks() - 1`` (0 without mpirun)."""
    return _simt.rank()


def ranks() -> int:
    """The number of ranks that share the run (1 without mpirun)."""
    return _simt.ranks()


def _exit_code(error: BaseException) -> int:
    """The exit code of the simt command for the same error (apps/exit_codes.hpp)."""
    codes = [(_simt.ConfigError, 2), (_simt.DivergedError, 3), (_simt.IoError, 4), (_simt.DeviceError, 5),
             (_simt.Unsupported, 5)]
    return next((code for kind, code in codes if isinstance(error, kind)), 1)


def _end_every_rank_on_error() -> None:
    report = sys.excepthook

    def hook(kind, error, trace):
        sys.stderr.write(f"simt: rank {rank()} of {ranks()}: error: {error}\n")
        report(kind, error, trace)
        sys.stderr.flush()
        _simt.abort(_exit_code(error))

    sys.excepthook = hook


if ranks() > 1:
    _end_every_rank_on_error()
