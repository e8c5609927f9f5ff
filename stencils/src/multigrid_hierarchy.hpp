// SPDX-License-Identifier: MIT
// The levels of the geometric multigrid preconditioner, built on the host: each level is a
// cell-centred grid whose cells aggregate 2 (x 2 x 2) cells of the finer one, with the
// face-coupled operator A x = diag x_i - sum_faces w_a x_neighbour (the matrix of -L) described
// by per-axis face weights and one byte per cell of open faces. The coarsest level is solved
// directly with a dense (pseudo-)inverse.
#pragma once
#include <cstdint>
#include <vector>
#include <simt/stencils/poisson.hpp>

namespace simt::stencils {
/// One level: bit a of open[cell] says the face to the +a neighbour (wrapping on a periodic
/// axis) couples the two cells with weight w[a]; a wall, a solid cell or an axis of one cell
/// closes it. Bit 3 + a says that face is a Dirichlet boundary (phi = 0 there: 2 w[a] on the
/// diagonal). Without one, `pin` gets `shift` added to its diagonal, which makes A definite
/// (the CG matrix pins its first fluid cell the same way); with one, pin = -1.
struct MultigridLevel {
    int n[3] = {1, 1, 1};
    double w[3] = {0, 0, 0};
    std::vector<std::uint8_t> open;
    int pin = 0;
    double shift = 0;

    int cells() const { return n[0] * n[1] * n[2]; }
    int dim() const { return n[2] > 1 ? 3 : 2; }
    int at(int i, int j, int k) const { return i + n[0] * (j + n[1] * k); }
};

/// The finest level: exactly the CG matrix of g (pinned at the first fluid cell without a
/// Dirichlet face).
MultigridLevel finest_level(const PoissonGrid& g);

/// The level below `fine`: every axis of more than one cell halved (an odd count leaves a last
/// aggregate of one cell). A coarse face is open (Dirichlet) where any fine face across it is. Its weight is
/// the rediscretised one, w_a h_a^2 / (2 h_a)^2, times the cells per aggregate: the Galerkin
/// operator P^T A P of piecewise-constant P counts each aggregate's crossing faces but
/// overestimates the smooth modes' curvature by 2 per halved axis.
MultigridLevel coarser_level(const MultigridLevel& fine);

/// The symmetric positive semi-definite inverse of a level's matrix (row major, cells^2): LDL^T
/// with pivots that vanish (a fluid pocket sealed off from the pin) dropped, which makes it a
/// pseudo-inverse instead of failing.
std::vector<double> dense_inverse(const MultigridLevel& level);
}  // namespace simt::stencils
