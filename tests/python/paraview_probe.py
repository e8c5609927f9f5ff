# SPDX-License-Identifier: MIT
"""Run by Debian's pvbatch (ParaView 5.11) from test_paraview.py: opens each XDMF file given,
prints one JSON line per file with the range of every array ParaView reads, saves every
scalar array as it reads it (ParaView's cell order) in OUT_DIR/values_<n>_<name>.npy, and saves
a picture of the middle slice coloured by the first array that varies.

    pvbatch paraview_probe.py OUT_DIR FILE.xmf...
"""
import json
import os
import sys

import numpy as np
from paraview import servermanager
from paraview.simple import ColorBy, GetActiveViewOrCreate, Hide, SaveScreenshot, Show, Slice, XDMFReader
from vtkmodules.util.numpy_support import vtk_to_numpy

out_dir, files = sys.argv[1], sys.argv[2:]
view = GetActiveViewOrCreate("RenderView")
for n, path in enumerate(files):
    reader = XDMFReader(FileNames=[path])
    reader.UpdatePipeline()
    ranges = {}
    for association, data in (("CELLS", reader.CellData), ("POINTS", reader.PointData)):
        for name in data.keys():
            ranges[name] = [association, *data[name].GetRange(-1 if data[name].GetNumberOfComponents() > 1 else 0)]
    grid = servermanager.Fetch(reader)
    shape = [max(d - 1, 1) for d in grid.GetDimensions()]  # cells along x, y, z
    cells = grid.GetCellData()
    for k in range(cells.GetNumberOfArrays()):
        array = cells.GetArray(k)
        if array.GetNumberOfComponents() == 1:
            np.save(os.path.join(out_dir, f"values_{n}_{array.GetName()}.npy"), vtk_to_numpy(array))
    bounds = reader.GetDataInformation().GetBounds()
    middle = [(bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2, (bounds[4] + bounds[5]) / 2]
    cut = Slice(Input=reader)
    cut.SliceType.Origin = middle
    cut.SliceType.Normal = [0, 0, 1]
    shown = Show(cut, view)
    varying = [name for name, r in ranges.items() if r[2] > r[1]]
    if varying:
        ColorBy(shown, (ranges[varying[0]][0], varying[0]))
        shown.RescaleTransferFunctionToDataRange(True)
    view.ResetCamera()
    picture = os.path.join(out_dir, f"slice_{n}.png")
    SaveScreenshot(picture, view, ImageResolution=[160, 160])
    Hide(cut, view)
    print(json.dumps({"file": path, "index": n, "cells": shape, "ranges": ranges, "picture": picture, "coloured_by": varying[:1]}),
          flush=True)
