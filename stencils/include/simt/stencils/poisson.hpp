// SPDX-License-Identifier: MIT
// The pressure Poisson equation of a staggered (MAC) grid, L phi = rhs, with L = div(grad) on
// cell centres: periodic axes wrap, walls and solid cells give a zero normal gradient. Two
// solvers behind one interface: spectral (FFTW on the CPU, cuFFT on the GPU; periodic axes by
// the FFT, walled ones by cosine transforms; no solid cells) and
// conjugate gradients on a CSR matrix preconditioned by a
// geometric multigrid V-cycle or Jacobi (cuSPARSE SpMV on the GPU, the same algorithm on the
// CPU; any faces, solid cells). No FFTW,
// cuFFT or cuSPARSE header is seen here: each backend lives in a file of its own.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>
#include <simt/core/buffer.hpp>
#include <simt/core/comm.hpp>
#include <simt/core/context.hpp>
#include <simt/stencils/decomposition.hpp>

namespace simt::stencils {
/// The grid of the problem: cells per axis (nz = 1 in 2-D), spacings [length], periodic or
/// walled axes, and optionally one byte per cell (x fastest), nonzero for a solid cell.
struct PoissonGrid {
    int n[3] = {1, 1, 1};
    double h[3] = {1, 1, 1};
    bool periodic[3] = {true, true, true};
    /// phi = 0 on the high face of axis a (an outflow; walled axes only): L is then definite.
    bool dirichlet_high[3] = {false, false, false};
    std::vector<std::uint8_t> solid;

    int dim() const { return n[2] > 1 ? 3 : 2; }
    Index cells() const { return Index(n[0]) * n[1] * n[2]; }
    bool has_dirichlet() const { return dirichlet_high[0] || dirichlet_high[1] || dirichlet_high[2]; }
    bool is_solid(Index c) const { return !solid.empty() && solid[std::size_t(c)] != 0; }
};

/// What one solve did: iterations (0 for the direct spectral solve) and the final residual
/// ||rhs - L phi|| / ||rhs|| (2-norms over fluid cells; 0 when not measured).
struct PoissonStats {
    int iterations = 0;
    double residual = 0;
};

enum class PoissonMethod { Fft, Cg };
/// Multigrid: one V-cycle (red-black Gauss-Seidel, cell aggregation 2^dim, dense coarsest
/// solve): iterations nearly independent of the grid. Jacobi: the inverse diagonal, O(n) iterations.
enum class PoissonPreconditioner { Jacobi, Multigrid };

template <class Real>
class PoissonSolver {
   public:
    virtual ~PoissonSolver() = default;
    /// Solves L phi = rhs for phi with zero mean over the fluid cells. The mean of rhs over the
    /// fluid cells (which no phi can produce: L has the constants in its null space) is dropped
    /// first. With a Dirichlet face L is definite: neither mean is touched. rhs is overwritten. With `guess`, phi holds the starting point of an iterative
    /// solver (the spectral one ignores it); without, phi's contents are never read. Both
    /// buffers live on the context's backend.
    virtual PoissonStats solve(Buffer<Real>& rhs, Buffer<Real>& phi, bool guess) = 0;
};

/// Spectral solver: the multi-dimensional FFT when every axis is periodic; otherwise one real
/// transform per axis, the DCT-II / DCT-III along walls (symbol (2 cos(pi k / n) - 2) / h^2),
/// the DCT-IV along a wall with a Dirichlet high face ((2 cos(pi (k + 1/2) / n) - 2) / h^2) and
/// the Hartley transform along periodic axes. Unsupported with a solid cell.
template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_fft(const Context& ctx, const PoissonGrid& g);

/// The same across `ranks`, each holding `block` of g (solve's rhs and phi are the block's cells,
/// x fastest): the axis-by-axis transforms (the Hartley transform along periodic axes too) on
/// slabs reached by MPI_Alltoallv transposes. ConfigError when there are more ranks than cells
/// along either of the last two axes (the slabs'). Collective: every rank calls solve.
template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_fft(const Context& ctx, const PoissonGrid& g, const Comm& ranks,
                                                      const Block& block);

/// Preconditioned conjugate gradients to ||r|| / ||rhs|| < tolerance or max_iterations.
template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_cg(
    const Context& ctx, const PoissonGrid& g, double tolerance, int max_iterations,
    PoissonPreconditioner preconditioner = PoissonPreconditioner::Multigrid);

/// The same across `ranks`, each holding `block` of g: solve's rhs and phi are the block's cells
/// (x fastest). The matrix-vector product reads the neighbours' cells of the search direction
/// (a halo exchange of one layer), dot products are summed per block and added in rank order.
/// The Jacobi preconditioner is block-local; the multigrid V-cycle runs whole on rank 0 (the
/// residual gathered, the correction scattered). Collective: every rank calls solve.
template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_cg(const Context& ctx, const PoissonGrid& g, double tolerance,
                                                     int max_iterations, PoissonPreconditioner preconditioner,
                                                     const Comm& ranks, const Block& block);

/// The matrix of -L (symmetric positive semi-definite) in CSR form on the host; a solid cell's
/// row is the identity. Rows are cells, x fastest; duplicate neighbours (an axis of two cells)
/// are merged.
struct CsrMatrix {
    std::vector<int> row_start;  ///< rows + 1 entries
    std::vector<int> column;
    std::vector<double> value;
    int rows() const { return int(row_start.size()) - 1; }
};
CsrMatrix poisson_matrix(const PoissonGrid& g);
/// The rows of the cells of `rows` (a rank's block), x fastest over the block; columns index the
/// block padded by one cell across the faces split between ranks (padded_box(rows, 1)).
CsrMatrix poisson_matrix(const PoissonGrid& g, const Block& rows);
}  // namespace simt::stencils
