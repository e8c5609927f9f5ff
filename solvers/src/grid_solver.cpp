// SPDX-License-Identifier: MIT
#include "grid_solver.hpp"

#include <limits>

namespace simt {
void add_grid_keys(io::Schema& s) {
    constexpr double unbounded = std::numeric_limits<double>::infinity();
    s.add(io::integer_key("grid.nx", 64, 1, 1 << 20, "cells along x"));
    s.add(io::integer_key("grid.ny", 64, 1, 1 << 20, "cells along y"));
    s.add(io::integer_key("grid.nz", 1, 1, 1 << 20, "cells along z; 1 makes the grid 2-D"));
    s.add(io::real_key("grid.lx", 1.0, 0, unbounded, "domain length along x [length]", true));
    s.add(io::real_key("grid.ly", 1.0, 0, unbounded, "domain length along y [length]", true));
    s.add(io::real_key("grid.lz", 1.0, 0, unbounded, "domain length along z [length]", true));
}

stencils::Grid read_grid(const io::Params& p) {
    return {int(p.integer("grid.nx")), int(p.integer("grid.ny")), int(p.integer("grid.nz")),
            p.real("grid.lx"),         p.real("grid.ly"),         p.real("grid.lz")};
}

io::XdmfGrid xdmf_grid(const stencils::Grid& g) {
    io::XdmfGrid x;
    x.nx = g.nx, x.ny = g.ny, x.nz = g.nz;
    x.dx = g.dx(), x.dy = g.dy(), x.dz = g.dz();
    return x;
}
}  // namespace simt
