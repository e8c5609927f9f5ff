// SPDX-License-Identifier: MIT
// Jacobi-preconditioned conjugate gradients on the CSR matrix of -L (poisson_matrix): the
// vector updates and dot products are for_each / reduce kernels on either backend, the SpMV is
// cuSPARSE on the GPU and a row loop on the CPU. L is singular (constants); the solve pins the
// first fluid cell (its diagonal doubled), which keeps the matrix positive definite and changes
// a mean-free rhs's solution by a constant only, removed at the end.
// Compiled as CUDA in CUDA builds (simt_device_sources).
#include <simt/stencils/poisson.hpp>

#include <cmath>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/reduce.hpp>
#if SIMT_ENABLE_CUDA
#include "csr_spmv_cusparse.hpp"
#endif

namespace simt::stencils {
// A named namespace: nvcc's extended lambdas want an enclosing class it can name.
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
    PoissonCg(const Context& ctx, const PoissonGrid& g, double tolerance, int max_iterations)
        : m_ctx(ctx), m_tolerance(tolerance), m_max_iterations(max_iterations), m_rows(g.cells()) {
        CsrMatrix a = poisson_matrix(g);
        std::vector<Real> value(a.value.begin(), a.value.end());
        std::vector<Real> inv_diag(static_cast<std::size_t>(m_rows)), fluid(inv_diag.size());
        Index pinned = -1;
        for (Index row = 0; row < m_rows; ++row) {
            fluid[row] = g.is_solid(row) ? 0 : 1;
            if (pinned < 0 && fluid[row] != 0) pinned = row;
            for (int e = a.row_start[row]; e < a.row_start[row + 1]; ++e) {
                if (a.column[e] != row) continue;
                if (row == pinned) value[e] *= 2;
                inv_diag[row] = value[e] != 0 ? Real(1 / double(value[e])) : Real(1);
            }
        }
        SIMT_REQUIRE(pinned >= 0, "poisson.cg: every cell is solid");
        const Backend b = ctx.backend();
        m_row_start = to_backend(b, a.row_start);
        m_column = to_backend(b, a.column);
        m_value = to_backend(b, value);
        m_inv_diag = to_backend(b, inv_diag);
        m_fluid = to_backend(b, fluid);
        m_fluid_cells = 0;
        for (Real f : fluid) m_fluid_cells += f;
        for (Buffer<Real>* v : {&m_r, &m_p, &m_ap}) *v = Buffer<Real>(b, std::size_t(m_rows));
#if SIMT_ENABLE_CUDA
        if (ctx.on_gpu()) {
            m_spmv = std::make_unique<CusparseSpmv<Real>>(ctx, int(m_rows), int(a.column.size()), m_row_start.data(),
                                                          m_column.data(), m_value.data(), m_p.data(), m_ap.data());
        }
#endif
    }

    PoissonStats solve(Buffer<Real>& rhs, Buffer<Real>& phi) override {
        // -L phi = -rhs, with rhs made mean-free over the fluid (solid cells stay 0).
        remove_fluid_mean(rhs, Real(-1));
        const Range<1> all{m_rows};
        const double bytes = double(m_rows) * sizeof(Real);
        Real *x = phi.data(), *r = m_r.data(), *p = m_p.data();
        const Real *b = rhs.data(), *minv = m_inv_diag.data(), *ap = m_ap.data();
        const double b_norm = std::sqrt(dot(b, b));
        for_each(m_ctx, Kernel("poisson.cg.start", 6 * bytes), all, SIMT_LAMBDA(Index i) {
            x[i] = 0;
            r[i] = b[i];
            p[i] = minv[i] * b[i];
        });
        PoissonStats stats;
        if (b_norm == 0) return stats;
        double rz = dot_preconditioned(r);
        double rr = b_norm * b_norm;
        while (stats.iterations < m_max_iterations && std::sqrt(rr) > m_tolerance * b_norm) {
            multiply();
            const Real alpha = Real(rz / dot(p, ap));
            for_each(m_ctx, Kernel("poisson.cg.update", 6 * bytes), all, SIMT_LAMBDA(Index i) {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            });
            rr = dot(r, r);
            const double rz_next = dot_preconditioned(r);
            const Real beta = Real(rz_next / rz);
            rz = rz_next;
            for_each(m_ctx, Kernel("poisson.cg.direction", 4 * bytes), all,
                     SIMT_LAMBDA(Index i) { p[i] = minv[i] * r[i] + beta * p[i]; });
            ++stats.iterations;
        }
        stats.residual = std::sqrt(rr) / b_norm;
        remove_fluid_mean(phi, Real(1));
        return stats;
    }

    // The helpers below launch kernels, so they are public: nvcc refuses an extended lambda in a
    // private member function.
    double dot(const Real* a, const Real* b) const {
        return reduce<double>(m_ctx, Kernel("poisson.cg.dot", 2.0 * sizeof(Real) * double(m_rows)), Range<1>{m_rows},
                              Sum{}, SIMT_LAMBDA(Index i) { return double(a[i]) * double(b[i]); });
    }
    double dot_preconditioned(const Real* r) const {
        const Real* minv = m_inv_diag.data();
        return reduce<double>(m_ctx, Kernel("poisson.cg.dot", 2.0 * sizeof(Real) * double(m_rows)), Range<1>{m_rows},
                              Sum{}, SIMT_LAMBDA(Index i) { return double(r[i]) * double(minv[i]) * double(r[i]); });
    }
    /// v = scale (v - mean over the fluid) on fluid cells, 0 on solid ones.
    void remove_fluid_mean(Buffer<Real>& v, Real scale) const {
        Real* d = v.data();
        const Real* fluid = m_fluid.data();
        const Real mean = Real(dot(d, fluid) / m_fluid_cells);
        for_each(m_ctx, Kernel("poisson.cg.mean", 3.0 * sizeof(Real) * double(m_rows)), Range<1>{m_rows},
                 SIMT_LAMBDA(Index i) { d[i] = fluid[i] * scale * (d[i] - mean); });
    }
    /// ap = A p.
    void multiply() {
#if SIMT_ENABLE_CUDA
        if (m_spmv) {
            auto launch = m_ctx.profiler().start(Kernel("poisson.cg.spmv", spmv_bytes()), m_ctx.backend(), m_ctx.stream());
            m_spmv->multiply();
            launch.stop();
            return;
        }
#endif
        const int *start = m_row_start.data(), *column = m_column.data();
        const Real *value = m_value.data(), *p = m_p.data();
        Real* ap = m_ap.data();
        for_each(m_ctx, Kernel("poisson.cg.spmv", spmv_bytes()), Range<1>{m_rows}, SIMT_LAMBDA(Index row) {
            Real sum = 0;
            for (int e = start[row]; e < start[row + 1]; ++e) sum += value[e] * p[column[e]];
            ap[row] = sum;
        });
    }
    /// Matrix entries and indices once, p (from cache) and ap once per row.
    double spmv_bytes() const {
        return double(m_value.size()) * (sizeof(Real) + sizeof(int)) + double(m_rows) * (sizeof(int) + 2 * sizeof(Real));
    }

   private:

    const Context& m_ctx;
    double m_tolerance;
    int m_max_iterations;
    Index m_rows;
    double m_fluid_cells = 0;
    Buffer<int> m_row_start, m_column;
    Buffer<Real> m_value, m_inv_diag, m_fluid, m_r, m_p, m_ap;
#if SIMT_ENABLE_CUDA
    std::unique_ptr<CusparseSpmv<Real>> m_spmv;
#endif
};
}  // namespace detail

template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_cg(const Context& ctx, const PoissonGrid& g, double tolerance,
                                                     int max_iterations) {
    return std::make_unique<detail::PoissonCg<Real>>(ctx, g, tolerance, max_iterations);
}
template std::unique_ptr<PoissonSolver<float>> make_poisson_cg(const Context&, const PoissonGrid&, double, int);
template std::unique_ptr<PoissonSolver<double>> make_poisson_cg(const Context&, const PoissonGrid&, double, int);
}  // namespace simt::stencils
