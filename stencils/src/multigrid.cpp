// SPDX-License-Identifier: MIT
// The multigrid V-cycle's kernels and driver. Compiled as CUDA in CUDA builds
// (simt_device_sources): the kernels are for_each lambdas in free functions of this file.
#include "multigrid.hpp"

#include <simt/core/for_each.hpp>
#include "multigrid_hierarchy.hpp"

namespace simt::stencils {
namespace mg {
/// The first half-sweep from x = 0: red cells (i + j + k even) relax against zero neighbours,
/// black ones stay 0. Writes every cell, so x needs no clearing first.
template <int Dim, class Real>
void relax_from_zero(const Context& ctx, const MultigridStencil<Real>& s, const Real* b, Real* x) {
    const Range<3> r{s.n[0], s.n[1], s.n[2]};
    for_each(ctx, Kernel("poisson.mg.relax", 2.0 * sizeof(Real) * double(r.size())), r, SIMT_LAMBDA(int i, int j, int k) {
        Real diag;
        s.template gather<Dim, false>(x, i, j, k, diag);
        const int c = s.at(i, j, k);
        x[c] = ((i + j + k) & 1) == 0 && diag > 0 ? b[c] / diag : Real(0);
    });
}

/// One colour's half-sweep of Gauss-Seidel: the cells with (i + j + k) % 2 == colour. The
/// range covers every other x, so no thread idles.
template <int Dim, class Real>
void relax(const Context& ctx, const MultigridStencil<Real>& s, const Real* b, Real* x, int colour) {
    const Range<3> r{(s.n[0] + 1) / 2, s.n[1], s.n[2]};
    for_each(ctx, Kernel("poisson.mg.relax", 1.5 * sizeof(Real) * double(s.n[0]) * s.n[1] * s.n[2]), r,
             SIMT_LAMBDA(int half, int j, int k) {
                 const int i = 2 * half + ((j + k + colour) & 1);
                 if (i >= s.n[0]) return;
                 x[s.at(i, j, k)] = s.template relaxed<Dim>(b, x, i, j, k);
             });
}

/// b_coarse = sum over each aggregate of the fine residual b - A x.
template <int Dim, class Real>
void restrict_residual(const Context& ctx, const MultigridStencil<Real>& fine, const Real* b, const Real* x,
                       const MultigridStencil<Real>& coarse, Real* b_coarse, int cx, int cy, int cz) {
    const Range<3> r{coarse.n[0], coarse.n[1], coarse.n[2]};
    const double fine_cells = double(fine.n[0]) * fine.n[1] * fine.n[2];
    for_each(ctx, Kernel("poisson.mg.restrict", 2.0 * sizeof(Real) * fine_cells), r, SIMT_LAMBDA(int i, int j, int k) {
        Real sum = 0;
        SIMT_UNROLL
        for (int dz = 0; dz < 2; ++dz) {
            SIMT_UNROLL
            for (int dy = 0; dy < 2; ++dy) {
                SIMT_UNROLL
                for (int dx = 0; dx < 2; ++dx) {
                    const int fi = (i << cx) + dx, fj = (j << cy) + dy, fk = (k << cz) + dz;
                    if (dx > cx || dy > cy || dz > cz || fi >= fine.n[0] || fj >= fine.n[1] || fk >= fine.n[2]) continue;
                    sum += fine.template residual<Dim>(b, x, fi, fj, fk);
                }
            }
        }
        b_coarse[coarse.at(i, j, k)] = sum;
    });
}

/// x_fine += x_coarse of the aggregate (piecewise-constant prolongation).
template <class Real>
void prolong(const Context& ctx, const MultigridStencil<Real>& fine, const MultigridStencil<Real>& coarse,
             const Real* x_coarse, Real* x, int cx, int cy, int cz) {
    const Range<3> r{fine.n[0], fine.n[1], fine.n[2]};
    for_each(ctx, Kernel("poisson.mg.prolong", 3.0 * sizeof(Real) * double(r.size())), r, SIMT_LAMBDA(int i, int j, int k) {
        x[fine.at(i, j, k)] += x_coarse[coarse.at(i >> cx, j >> cy, k >> cz)];
    });
}

/// x = inverse b on the coarsest level (a dense row per thread).
template <class Real>
void dense_solve(const Context& ctx, int m, const Real* inverse, const Real* b, Real* x) {
    for_each(ctx, Kernel("poisson.mg.coarsest", sizeof(Real) * (double(m) * m + 2.0 * m)), Range<1>{Index(m)},
             SIMT_LAMBDA(Index row) {
                 Real sum = 0;
                 for (int col = 0; col < m; ++col) sum += inverse[row * m + col] * b[col];
                 x[row] = sum;
             });
}
}  // namespace mg

template <class Real>
Multigrid<Real>::Multigrid(const Context& ctx, const PoissonGrid& g, int coarsest_cells) : m_ctx(ctx) {
    std::vector<MultigridLevel> geometry{finest_level(g)};
    while (geometry.back().cells() > coarsest_cells) geometry.push_back(coarser_level(geometry.back()));
    const Backend b = ctx.backend();
    for (std::size_t l = 0; l < geometry.size(); ++l) {
        const MultigridLevel& h = geometry[l];
        Level level;
        level.open = Buffer<std::uint8_t>(b, h.open.size());
        level.open.copy_from_host(h.open.data());
        MultigridStencil<Real>& s = level.stencil;
        s.open = level.open.data();
        for (int a = 0; a < 3; ++a) {
            s.n[a] = h.n[a];
            s.w[a] = Real(h.w[a]);
            level.coarsened[a] = l > 0 && geometry[l - 1].n[a] > 1 ? 1 : 0;
        }
        s.pin = h.pin;
        s.shift = Real(h.shift);
        level.dim = h.dim();
        if (l > 0) {
            level.x = Buffer<Real>(b, std::size_t(h.cells()));
            level.b = Buffer<Real>(b, std::size_t(h.cells()));
        }
        m_levels.push_back(std::move(level));
    }
    const std::vector<double> inverse = dense_inverse(geometry.back());
    const std::vector<Real> cast(inverse.begin(), inverse.end());
    m_coarsest_inverse = Buffer<Real>(b, cast.size());
    m_coarsest_inverse.copy_from_host(cast.data());
}

template <class Real>
void Multigrid<Real>::apply(const Real* r, Real* z) {
    cycle(0, r, z);
}

template <class Real>
void Multigrid<Real>::cycle(std::size_t l, const Real* b, Real* x) {
    const Level& level = m_levels[l];
    const MultigridStencil<Real>& s = level.stencil;
    if (l + 1 == m_levels.size()) {
        mg::dense_solve(m_ctx, s.n[0] * s.n[1] * s.n[2], m_coarsest_inverse.data(), b, x);
        return;
    }
    Level& next = m_levels[l + 1];
    const int* c = next.coarsened;
    const bool three_d = level.dim == 3;
    // Pre-smoothing: (red, black)^sweeps from x = 0.
    for (int sweep = 0; sweep < m_sweeps; ++sweep) {
        if (sweep == 0) {
            three_d ? mg::relax_from_zero<3>(m_ctx, s, b, x) : mg::relax_from_zero<2>(m_ctx, s, b, x);
        } else {
            three_d ? mg::relax<3>(m_ctx, s, b, x, 0) : mg::relax<2>(m_ctx, s, b, x, 0);
        }
        three_d ? mg::relax<3>(m_ctx, s, b, x, 1) : mg::relax<2>(m_ctx, s, b, x, 1);
    }
    if (three_d) {
        mg::restrict_residual<3>(m_ctx, s, b, x, next.stencil, next.b.data(), c[0], c[1], c[2]);
    } else {
        mg::restrict_residual<2>(m_ctx, s, b, x, next.stencil, next.b.data(), c[0], c[1], c[2]);
    }
    cycle(l + 1, next.b.data(), next.x.data());
    mg::prolong(m_ctx, s, next.stencil, next.x.data(), x, c[0], c[1], c[2]);
    // Post-smoothing: the adjoint order, (black, red)^sweeps.
    for (int sweep = 0; sweep < m_sweeps; ++sweep) {
        three_d ? mg::relax<3>(m_ctx, s, b, x, 1) : mg::relax<2>(m_ctx, s, b, x, 1);
        three_d ? mg::relax<3>(m_ctx, s, b, x, 0) : mg::relax<2>(m_ctx, s, b, x, 0);
    }
}

template class Multigrid<float>;
template class Multigrid<double>;
}  // namespace simt::stencils
