# SPDX-License-Identifier: MIT
"""Picture: the RGB array ``Simulation.image`` returns, which Jupyter displays as an image."""
from __future__ import annotations

import io

import numpy as np


class Picture(np.ndarray):
    """An (height, width, 3) uint8 array with what it shows: ``field``, ``colormap`` and the
    values ``lo``, ``hi`` drawn at the colormap's ends."""

    def __new__(cls, rgb, field: str = "", colormap: str = "viridis", lo: float = 0.0, hi: float = 1.0):
        out = np.asarray(rgb, dtype=np.uint8).view(cls)
        out.field, out.colormap, out.lo, out.hi = field, colormap, float(lo), float(hi)
        return out

    def __array_finalize__(self, obj) -> None:
        for name, default in (("field", ""), ("colormap", "viridis"), ("lo", 0.0), ("hi", 1.0)):
            setattr(self, name, getattr(obj, name, default))

    def _repr_png_(self) -> bytes | None:
        """PNG bytes for Jupyter, through Pillow or matplotlib, whichever is installed."""
        rgb = np.ascontiguousarray(self.view(np.ndarray))
        buf = io.BytesIO()
        try:
            from PIL import Image
            Image.fromarray(rgb, "RGB").save(buf, format="PNG")
        except ImportError:
            try:
                import matplotlib.image
            except ImportError:
                return None
            matplotlib.image.imsave(buf, rgb, format="png")
        return buf.getvalue()
