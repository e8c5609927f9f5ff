# SPDX-License-Identifier: MIT
"""Exceptions raised by simt; each carries the same message as the `simt` command prints.

Error
 ├── ConfigError      a scenario, override or steering key that is wrong
 ├── IoError          files that cannot be read or written
 │    └── CheckpointError   missing, truncated, corrupted, foreign or newer checkpoints
 ├── DeviceError      a CUDA failure
 ├── Unsupported      e.g. device="cuda" without a GPU
 └── DivergedError    the NaN/Inf watchdog stopped the run
"""
from ._simt import CheckpointError, ConfigError, DeviceError, DivergedError, Error, IoError, Unsupported

__all__ = ["Error", "ConfigError", "IoError", "CheckpointError", "DeviceError", "Unsupported", "DivergedError"]
