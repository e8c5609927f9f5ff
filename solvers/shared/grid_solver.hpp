// SPDX-License-Identifier: MIT
// What the solvers on a uniform cell-centred grid (heat, navier_stokes) share: the grid keys,
// a field of one value per cell as a FieldRef, and the XDMF description of the grid.
#pragma once
#include <array>
#include <string>
#include <type_traits>
#include <vector>
#include <simt/io/params.hpp>
#include <simt/io/schema.hpp>
#include <simt/io/xdmf.hpp>
#include <simt/solvers/field_ref.hpp>
#include <simt/stencils/decomposition.hpp>
#include <simt/stencils/grid.hpp>

namespace simt {
/// Domain lengths [length]: cell sizes h (down to 1e-12 / 2^20) and 1/h^2 stay finite and normal in float.
constexpr double min_length = 1e-12, max_length = 1e12;
/// Values a scenario gives a field (boundary values, amplitudes, velocities): the stencils add a
/// few multiples of them, which must stay finite in float (3.4e38).
constexpr double max_field_value = 1e30;

/// grid.nx, ny, nz (nz = 1: 2-D) and grid.lx, ly, lz [length].
void add_grid_keys(io::Schema& s);
stencils::Grid read_grid(const io::Params& p);

/// One Real per cell, x fastest, on `where`: shape (nx, ny[, nz]).
template <class Real>
FieldRef cell_field(std::string name, const stencils::Grid& g, Real* data, Backend where) {
    FieldRef f;
    f.name = std::move(name);
    f.dtype = std::is_same_v<Real, float> ? io::DType::F32 : io::DType::F64;
    f.shape = {g.nx, g.ny};
    f.strides = {1, g.nx};
    if (g.dim() == 3) {
        f.shape.push_back(g.nz);
        f.strides.push_back(Index(g.nx) * g.ny);
    }
    f.data = data;
    f.location = where;
    return f;
}

io::XdmfGrid xdmf_grid(const stencils::Grid& g);
/// Per-axis values (x, y, z) in C order (z, y, x; y, x in 2-D), as checkpoints store grid fields.
std::vector<std::size_t> c_order(const std::array<int, 3>& v, int dim);

/// A rank's block `b` of a field of the grid `whole` as cell_field, with where it lies.
template <class Real>
FieldRef block_field(std::string name, const stencils::Grid& whole, const stencils::Block& b, Real* data,
                     Backend where) {
    FieldRef f = cell_field(std::move(name), stencils::Grid{b.n[0], b.n[1], b.n[2]}, data, where);
    if (whole.dim() == 3 && f.shape.size() == 2) {  // a block one cell deep of a 3-D grid
        f.shape.push_back(1);
        f.strides.push_back(Index(b.n[0]) * b.n[1]);
    }
    const std::array<int, 3> sizes{whole.nx, whole.ny, whole.nz};
    for (std::size_t a = 0; a < f.shape.size(); ++a) {
        f.block_offset.push_back(b.lo[a]);
        f.whole_shape.push_back(sizes[a]);
    }
    return f;
}

/// parallel.ranks_x, _y, _z: ranks along each axis under mpirun; 0 (the default) lets simt
/// choose (stencils::choose_rank_grid).
void add_rank_grid_keys(io::Schema& s);
std::array<int, 3> read_rank_grid(const io::Params& p);
/// parallel.overlap: across ranks, step the cells that read no halo while the halos travel.
void add_overlap_key(io::Schema& s);
/// This rank's block of `g`: the rank grid `requested` (read_rank_grid) or chosen, printed once
/// by rank 0 under the solver's name. One process (no mpirun) holds the whole grid whatever the
/// keys say, so that a scenario or checkpoint made for ranks also runs in one process.
stencils::Block decompose(const char* solver, const stencils::Grid& g, const std::array<int, 3>& requested,
                          const std::array<bool, 3>& periodic, const Comm& ranks);
}  // namespace simt
