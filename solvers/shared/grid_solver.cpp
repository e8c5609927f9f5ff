// SPDX-License-Identifier: MIT
#include "shared/grid_solver.hpp"

#include <fmt/format.h>

namespace simt {
void add_grid_keys(io::Schema& s) {
    s.add(io::integer_key("grid.nx", 64, 1, 1 << 20, "cells along x"));
    s.add(io::integer_key("grid.ny", 64, 1, 1 << 20, "cells along y"));
    s.add(io::integer_key("grid.nz", 1, 1, 1 << 20, "cells along z; 1 makes the grid 2-D"));
    for (const char* axis : {"x", "y", "z"})
        s.add(io::real_key(fmt::format("grid.l{}", axis), 1.0, min_length, max_length,
                           fmt::format("domain length along {} [length]; within [1e-12, 1e12] so that cell sizes h "
                                       "and 1/h^2 stay finite and normal in float",
                                       axis)));
}

stencils::Grid read_grid(const io::Params& p) {
    return {int(p.integer("grid.nx")), int(p.integer("grid.ny")), int(p.integer("grid.nz")),
            p.real("grid.lx"),         p.real("grid.ly"),         p.real("grid.lz")};
}

void add_rank_grid_keys(io::Schema& s) {
    for (const char* axis : {"x", "y", "z"})
        s.add(io::integer_key(fmt::format("parallel.ranks_{}", axis), 0, 0, 1 << 20,
                              fmt::format("ranks along {} under mpirun; 0 lets simt choose (docs/parallel.md)", axis)));
}

void add_overlap_key(io::Schema& s) {
    s.add(io::bool_key("parallel.overlap", true,
                       "across ranks, update the cells that read no halo while the halos travel "
                       "(docs/performance.md); the results are the same either way"));
}

std::array<int, 3> read_rank_grid(const io::Params& p) {
    return {int(p.integer("parallel.ranks_x")), int(p.integer("parallel.ranks_y")), int(p.integer("parallel.ranks_z"))};
}

stencils::Block decompose(const char* solver, const stencils::Grid& g, const std::array<int, 3>& requested,
                          const std::array<bool, 3>& periodic, const Comm& ranks) {
    const std::array<int, 3> dims =
        stencils::choose_rank_grid(ranks.size(), g, ranks.parallel() ? requested : std::array<int, 3>{0, 0, 0});
    if (ranks.parallel() && ranks.root())
        fmt::print(stderr, "{}: {} ranks as {} x {} x {} blocks\n", solver, ranks.size(), dims[0], dims[1], dims[2]);
    return stencils::block_of(g, dims, ranks.rank(), periodic);
}

std::vector<std::size_t> c_order(const std::array<int, 3>& v, int dim) {
    if (dim == 2) return {std::size_t(v[1]), std::size_t(v[0])};
    return {std::size_t(v[2]), std::size_t(v[1]), std::size_t(v[0])};
}

io::XdmfGrid xdmf_grid(const stencils::Grid& g) {
    io::XdmfGrid x;
    x.nx = g.nx, x.ny = g.ny, x.nz = g.nz;
    x.dx = g.dx(), x.dy = g.dy(), x.dz = g.dz();
    return x;
}
}  // namespace simt
