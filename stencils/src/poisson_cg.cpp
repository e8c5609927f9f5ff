// SPDX-License-Identifier: MIT
// Preconditioned conjugate gradients on the CSR matrix of -L (poisson_matrix), with a
// multigrid V-cycle (multigrid.hpp) or the inverse diagonal (Jacobi) as the preconditioner:
// the vector updates and dot products are for_each / reduce kernels on either backend, the
// SpMV is cuSPARSE on the GPU and a row loop on the CPU. Without a Dirichlet face L is singular
// (constants); the solve pins the first fluid cell (its diagonal doubled), which keeps the
// matrix positive definite and changes a mean-free rhs's solution by a constant only, removed
// at the end. Across ranks (make_poisson_cg with a Comm and a Block) each rank holds its
// block's rows; the search direction's halo comes from the neighbours before each product.
// Compiled as CUDA in CUDA builds (simt_device_sources).
#include <simt/stencils/poisson.hpp>

#include <cmath>
#include <simt/core/copy.hpp>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/reduce.hpp>
#include <simt/stencils/padded_halo_exchange.hpp>
#include "multigrid.hpp"
#if SIMT_ENABLE_CUDA
#include "csr_spmv_cusparse.hpp"
#endif

namespace simt::stencils {
// The kernels are free functions: nvcc's extended lambdas in members of a class template made
// its generated registration code fail to compile.
namespace cg {
/// sum_i a_i b_i in double.
template <class Real>
double dot(const Context& ctx, Index n, const Real* a, const Real* b) {
    return reduce<double>(ctx, Kernel("poisson.cg.dot", 2.0 * sizeof(Real) * double(n)), Range<1>{n}, Sum{},
                          SIMT_LAMBDA(Index i) { return double(a[i]) * double(b[i]); });
}

/// v = scale (v - mean) on fluid cells (fluid = 1), 0 on solid ones (fluid = 0).
template <class Real>
void scale_about_mean(const Context& ctx, Index n, Real* v, const Real* fluid, Real mean, Real scale) {
    for_each(ctx, Kernel("poisson.cg.mean", 3.0 * sizeof(Real) * double(n)), Range<1>{n},
             SIMT_LAMBDA(Index i) { v[i] = fluid[i] * scale * (v[i] - mean); });
}

/// The first residual: r = b - A x (ap = A x) with a guess, else x = 0, r = b.
template <class Real>
void start(const Context& ctx, Index n, Real* x, Real* r, const Real* b, const Real* ap, bool guess) {
    for_each(ctx, Kernel("poisson.cg.start", 4.0 * sizeof(Real) * double(n)), Range<1>{n}, SIMT_LAMBDA(Index i) {
        if (!guess) x[i] = 0;
        r[i] = guess ? b[i] - ap[i] : b[i];
    });
}

/// z = M^-1 r for the diagonal M (Jacobi).
template <class Real>
void jacobi(const Context& ctx, Index n, Real* z, const Real* r, const Real* minv) {
    for_each(ctx, Kernel("poisson.cg.jacobi", 3.0 * sizeof(Real) * double(n)), Range<1>{n},
             SIMT_LAMBDA(Index i) { z[i] = minv[i] * r[i]; });
}

/// x += alpha p, r -= alpha A p.
template <class Real>
void update(const Context& ctx, Index n, Real* x, Real* r, const Real* p, const Real* ap, Real alpha) {
    for_each(ctx, Kernel("poisson.cg.update", 6.0 * sizeof(Real) * double(n)), Range<1>{n}, SIMT_LAMBDA(Index i) {
        x[i] += alpha * p[i];
        r[i] -= alpha * ap[i];
    });
}

/// p = z + beta p.
template <class Real>
void direction(const Context& ctx, Index n, Real* p, const Real* z, Real beta) {
    for_each(ctx, Kernel("poisson.cg.direction", 3.0 * sizeof(Real) * double(n)), Range<1>{n},
             SIMT_LAMBDA(Index i) { p[i] = z[i] + beta * p[i]; });
}

/// The block's cells (x fastest, `n` per axis) into the interior of its padded copy.
template <class Real>
void into_padded(const Context& ctx, const int (&n)[3], const CellBox& padded, const int (&offset)[3], const Real* from,
                 Real* to) {
    const int n0 = n[0], n1 = n[1], px = padded.n[0], py = padded.n[1];
    const int o0 = offset[0], o1 = offset[1], o2 = offset[2];
    for_each(ctx, Kernel("poisson.cg.pad", 2.0 * sizeof(Real) * double(n[0]) * n[1] * n[2]), Range<3>{n[0], n[1], n[2]},
             SIMT_LAMBDA(int i, int j, int k) {
                 to[(o0 + i) + Index(px) * ((o1 + j) + Index(py) * (o2 + k))] =
                     from[i + Index(n0) * (j + Index(n1) * k)];
             });
}

/// ap = A p, one row per index.
template <class Real>
void spmv(const Context& ctx, const Kernel& kernel, Index rows, const int* start, const int* column, const Real* value,
          const Real* p, Real* ap) {
    for_each(ctx, kernel, Range<1>{rows}, SIMT_LAMBDA(Index row) {
        Real sum = 0;
        for (int e = start[row]; e < start[row + 1]; ++e) sum += value[e] * p[column[e]];
        ap[row] = sum;
    });
}
}  // namespace cg

namespace detail {
template <class T>
Buffer<T> to_backend(Backend b, const std::vector<T>& host) {
    Buffer<T> d(b, host.size());
    d.copy_from_host(host.data());
    return d;
}

template <class Real>
class PoissonCg final : public PoissonSolver<Real> {
   public:
    /// `ranks` null: one process (block the whole grid).
    PoissonCg(const Context& ctx, const PoissonGrid& g, double tolerance, int max_iterations,
              PoissonPreconditioner preconditioner, const Comm* ranks, const Block& block)
        : m_ctx(ctx),
          m_tolerance(tolerance),
          m_max_iterations(max_iterations),
          m_rows(block.cells()),
          m_ranks(ranks && ranks->parallel() ? ranks : nullptr),
          m_block(block),
          m_grid{g.n[0], g.n[1], g.n[2]} {
        CsrMatrix a = poisson_matrix(g, block);
        std::vector<Real> value(a.value.begin(), a.value.end());
        std::vector<Real> inv_diag(static_cast<std::size_t>(m_rows)), fluid(inv_diag.size());
        Index pinned = 0;  // the first fluid cell of the whole grid
        while (pinned < g.cells() && g.is_solid(pinned)) ++pinned;
        SIMT_REQUIRE(pinned < g.cells(), "poisson.cg: every cell is solid");
        m_singular = !g.has_dirichlet();
        Index row = 0;
        for (int k = block.lo[2]; k < block.lo[2] + block.n[2]; ++k)
            for (int j = block.lo[1]; j < block.lo[1] + block.n[1]; ++j)
                for (int i = block.lo[0]; i < block.lo[0] + block.n[0]; ++i, ++row) {
                    const Index cell = i + Index(g.n[0]) * (j + Index(g.n[1]) * k);
                    fluid[row] = g.is_solid(cell) ? 0 : 1;
                    const int e = a.row_start[row];  // the diagonal: each row's first entry
                    if (cell == pinned && m_singular) value[e] *= 2;
                    inv_diag[row] = value[e] != 0 ? Real(1 / double(value[e])) : Real(1);
                }
        const Backend b = ctx.backend();
        m_row_start = to_backend(b, a.row_start);
        m_column = to_backend(b, a.column);
        m_value = to_backend(b, value);
        if (preconditioner == PoissonPreconditioner::Multigrid) {
            if (!m_ranks || m_ranks->root()) m_multigrid = std::make_unique<Multigrid<Real>>(ctx, g);
            m_gathered_multigrid = m_ranks != nullptr;
            if (m_ranks && m_ranks->root())
                for (Buffer<Real>* v : {&m_whole_r, &m_whole_z}) *v = Buffer<Real>(b, std::size_t(g.cells()));
        } else {
            m_inv_diag = to_backend(b, inv_diag);
        }
        m_fluid = to_backend(b, fluid);
        m_fluid_cells = 0;
        for (Index c = 0; c < g.cells(); ++c) m_fluid_cells += g.is_solid(c) ? 0 : 1;
        for (Buffer<Real>* v : {&m_r, &m_z, &m_p, &m_ap}) *v = Buffer<Real>(b, std::size_t(m_rows));
        if (m_ranks) {
            m_exchange = std::make_unique<PaddedHaloExchange<Real>>(*m_ranks, block, m_grid, 1, b);
            m_p_padded = Buffer<Real>(b, std::size_t(m_exchange->storage().cells()));
        }
#if SIMT_ENABLE_CUDA
        if (ctx.on_gpu() && !m_ranks) {  // across ranks the product reads the padded direction
            m_spmv = std::make_unique<CusparseSpmv<Real>>(ctx, int(m_rows), int(a.column.size()), m_row_start.data(),
                                                          m_column.data(), m_value.data(), m_p.data(), m_ap.data());
        }
#endif
    }

    PoissonStats solve(Buffer<Real>& rhs, Buffer<Real>& phi, bool guess) override {
        // -L phi = -rhs, with rhs made mean-free over the fluid (solid cells stay 0).
        remove_fluid_mean(rhs, Real(-1));
        const Index n = m_rows;
        Real *x = phi.data(), *r = m_r.data(), *z = m_z.data(), *p = m_p.data(), *ap = m_ap.data();
        const Real* b = rhs.data();
        const double b_norm = std::sqrt(dot(b, b));
        PoissonStats stats;
        guess = guess && b_norm > 0;
        if (guess) {
            copy(m_ctx, "poisson.cg.guess", phi, m_p);  // the SpMV reads its input from p
            multiply();
        }
        cg::start(m_ctx, n, x, r, b, ap, guess);
        if (b_norm == 0) return stats;
        double rr = dot(r, r), rz = 0;
        while (stats.iterations < m_max_iterations && std::sqrt(rr) > m_tolerance * b_norm) {
            precondition();
            const double rz_next = dot(r, z);
            if (stats.iterations == 0) {
                copy(m_ctx, "poisson.cg.direction", m_z, m_p);
            } else {
                cg::direction(m_ctx, n, p, z, Real(rz_next / rz));
            }
            rz = rz_next;
            multiply();
            cg::update(m_ctx, n, x, r, p, ap, Real(rz / dot(p, ap)));
            rr = dot(r, r);
            ++stats.iterations;
        }
        stats.residual = std::sqrt(rr) / b_norm;
        if (m_singular) remove_fluid_mean(phi, Real(1));
        return stats;
    }

   private:
    /// sum_i a_i b_i over the grid: the block's sum, and across ranks the blocks' sums in rank order.
    double dot(const Real* a, const Real* b) const {
        const double mine = cg::dot<Real>(m_ctx, m_rows, a, b);
        return m_ranks ? m_ranks->sum_in_rank_order(mine) : mine;
    }
    /// v = scale (v - mean over the fluid) on fluid cells, 0 on solid ones; the mean stays
    /// when L is definite.
    void remove_fluid_mean(Buffer<Real>& v, Real scale) const {
        const Real* fluid = m_fluid.data();
        const Real mean = m_singular ? Real(dot(v.data(), fluid) / m_fluid_cells) : Real(0);
        cg::scale_about_mean(m_ctx, m_rows, v.data(), fluid, mean, scale);
    }
    /// z = M^-1 r.
    void precondition() {
        if (m_gathered_multigrid) {
            precondition_on_root();
        } else if (m_multigrid) {
            m_multigrid->apply(m_r.data(), m_z.data());
        } else {
            cg::jacobi(m_ctx, m_rows, m_z.data(), m_r.data(), m_inv_diag.data());
        }
    }
    /// Across ranks with multigrid: the whole residual on rank 0, which applies the one-process
    /// V-cycle, and each rank's block of the correction back. Exact, not scalable: the V-cycle's
    /// smoothing with halos and coarse levels gathered below a size are the next step.
    void precondition_on_root() {
        m_ctx.synchronize();
        const std::vector<Real> whole = gather_blocks(*m_ranks, m_grid, m_block, m_r.to_host());
        if (m_ranks->root()) {
            m_whole_r.copy_from_host(whole.data());
            m_multigrid->apply(m_whole_r.data(), m_whole_z.data());
            m_ctx.synchronize();
        }
        const std::vector<Real> z =
            scatter_blocks(*m_ranks, m_grid, m_block, m_ranks->root() ? m_whole_z.to_host().data() : nullptr);
        m_z.copy_from_host(z.data());
    }
    /// ap = A p.
    void multiply() {
        const Kernel kernel("poisson.cg.spmv", spmv_bytes());
        if (m_ranks) {  // p into its padded copy, whose halo the neighbours fill
            const int n[3] = {m_block.n[0], m_block.n[1], m_block.n[2]};
            const CellBox& padded = m_exchange->storage();
            const int offset[3] = {m_block.lo[0] - padded.lo[0], m_block.lo[1] - padded.lo[1],
                                   m_block.lo[2] - padded.lo[2]};
            cg::into_padded(m_ctx, n, padded, offset, m_p.data(), m_p_padded.data());
            m_exchange->exchange(m_ctx, m_p_padded.data());
            cg::spmv(m_ctx, kernel, m_rows, m_row_start.data(), m_column.data(), m_value.data(), m_p_padded.data(),
                     m_ap.data());
            return;
        }
#if SIMT_ENABLE_CUDA
        if (m_spmv) {
            auto launch = m_ctx.profiler().start(kernel, m_ctx.backend(), m_ctx.stream());
            m_spmv->multiply();
            launch.stop();
            return;
        }
#endif
        cg::spmv(m_ctx, kernel, m_rows, m_row_start.data(), m_column.data(), m_value.data(), m_p.data(), m_ap.data());
    }
    /// Matrix entries and indices once, p (from cache) and ap once per row.
    double spmv_bytes() const {
        return double(m_value.size()) * (sizeof(Real) + sizeof(int)) + double(m_rows) * (sizeof(int) + 2 * sizeof(Real));
    }


    const Context& m_ctx;
    double m_tolerance;
    int m_max_iterations;
    Index m_rows;
    const Comm* m_ranks;  // null in one process
    Block m_block;
    Grid m_grid;
    double m_fluid_cells = 0;
    bool m_singular = true;  // no Dirichlet face: pinned, means removed
    Buffer<int> m_row_start, m_column;
    Buffer<Real> m_value, m_inv_diag, m_fluid, m_r, m_z, m_p, m_ap;
    std::unique_ptr<Multigrid<Real>> m_multigrid;  // rank 0's only across ranks
    bool m_gathered_multigrid = false;
    Buffer<Real> m_whole_r, m_whole_z;                     // rank 0's, across ranks with multigrid
    std::unique_ptr<PaddedHaloExchange<Real>> m_exchange;  // across ranks
    Buffer<Real> m_p_padded;
#if SIMT_ENABLE_CUDA
    std::unique_ptr<CusparseSpmv<Real>> m_spmv;
#endif
};
}  // namespace detail

template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_cg(const Context& ctx, const PoissonGrid& g, double tolerance,
                                                     int max_iterations, PoissonPreconditioner preconditioner) {
    Block whole;
    whole.n = {g.n[0], g.n[1], g.n[2]};
    return std::make_unique<detail::PoissonCg<Real>>(ctx, g, tolerance, max_iterations, preconditioner, nullptr, whole);
}
template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_cg(const Context& ctx, const PoissonGrid& g, double tolerance,
                                                     int max_iterations, PoissonPreconditioner preconditioner,
                                                     const Comm& ranks, const Block& block) {
    return std::make_unique<detail::PoissonCg<Real>>(ctx, g, tolerance, max_iterations, preconditioner, &ranks, block);
}
template std::unique_ptr<PoissonSolver<float>> make_poisson_cg(const Context&, const PoissonGrid&, double, int,
                                                               PoissonPreconditioner);
template std::unique_ptr<PoissonSolver<double>> make_poisson_cg(const Context&, const PoissonGrid&, double, int,
                                                                PoissonPreconditioner);
template std::unique_ptr<PoissonSolver<float>> make_poisson_cg(const Context&, const PoissonGrid&, double, int,
                                                               PoissonPreconditioner, const Comm&, const Block&);
template std::unique_ptr<PoissonSolver<double>> make_poisson_cg(const Context&, const PoissonGrid&, double, int,
                                                                PoissonPreconditioner, const Comm&, const Block&);
}  // namespace simt::stencils
