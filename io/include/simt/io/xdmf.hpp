// SPDX-License-Identifier: MIT
// XDMF sidecar: a small XML file beside a grid checkpoint that tells ParaView/VisIt how to read
// its /fields datasets as cell data on a uniform grid.
#pragma once
#include <string>
#include <vector>

namespace simt::io {
struct XdmfGrid {
    int nx = 1, ny = 1, nz = 1;         ///< cells per axis (nz = 1 in 2-D)
    double dx = 1, dy = 1, dz = 1;      ///< cell size
    double x0 = 0, y0 = 0, z0 = 0;      ///< origin (lower corner)
    double time = 0;
};
struct XdmfField {
    std::string name;                   ///< dataset /fields/<name>
    int components = 1;                 ///< 1 scalar, 2 or 3 vector (last C-order axis)
    std::string precision;              ///< "float" | "double"
};
/// Writes <h5_path without .h5>.xmf atomically (temp + rename); the .xmf refers to the .h5 by
/// its file name, so the pair can be moved together. Returns the .xmf path.
std::string write_xdmf(const std::string& h5_path, const XdmfGrid& grid, const std::vector<XdmfField>& fields);
}  // namespace simt::io
