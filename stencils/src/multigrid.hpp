// SPDX-License-Identifier: MIT
// The geometric multigrid V-cycle used as the preconditioner of the conjugate gradients:
// z = B r with B symmetric positive definite. Symmetric because the post-smoother is the
// adjoint of the pre-smoother (red-black Gauss-Seidel, red then black before, black then red
// after), the restriction is the transpose of the prolongation (sum over the aggregate /
// piecewise-constant injection), and the coarsest level is solved with a symmetric dense
// inverse; positive because each half-sweep contracts in the A-norm.
#pragma once
#include <memory>
#include <vector>
#include <simt/core/buffer.hpp>
#include <simt/core/context.hpp>
#include <simt/stencils/poisson.hpp>
#include "multigrid_kernels.hpp"

namespace simt::stencils {
template <class Real>
class Multigrid {
   public:
    /// The hierarchy of g down to at most `coarsest_cells` cells.
    Multigrid(const Context& ctx, const PoissonGrid& g, int coarsest_cells = 256);
    /// z = B r (device arrays of the finest level's cells; solid cells get 0).
    void apply(const Real* r, Real* z);
    int levels() const { return int(m_levels.size()); }

   private:
    struct Level {
        MultigridStencil<Real> stencil;
        Buffer<std::uint8_t> open;
        Buffer<Real> x, b;  // empty on the finest level: the caller's z and r
        int coarsened[3] = {0, 0, 0};  // log2 of the aggregate size along each axis
        int dim = 2;
    };
    void cycle(std::size_t l, const Real* b, Real* x);

    const Context& m_ctx;
    std::vector<Level> m_levels;
    Buffer<Real> m_coarsest_inverse;
    int m_sweeps = 1;
};
}  // namespace simt::stencils
