// SPDX-License-Identifier: MIT
// Jacobi-preconditioned conjugate gradients on the CSR matrix of -L (poisson_matrix): the
// vector updates and dot products are for_each / reduce kernels on either backend, the SpMV is
// cuSPARSE on the GPU and a row loop on the CPU. L is singular (constants); the solve pins the
// first fluid cell (its diagonal doubled), which keeps the matrix positive definite and changes
// a mean-free rhs's solution by a constant only, removed at the end.
// Compiled as CUDA in CUDA builds (simt_device_sources).
#include <simt/stencils/poisson.hpp>

#include <cmath>
#include <simt/core/copy.hpp>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/reduce.hpp>
#if SIMT_ENABLE_CUDA
#include "csr_spmv_cusparse.hpp"
#endif

namespace simt::stencils {
// The kernels are free functions: nvcc's extended lambdas in members of a class template made
// its generated registration code fail to compile.
namespace cg {
/// sum_i a_i w_i b_i in double, w = nullptr for w_i = 1.
template <class Real>
double dot(const Context& ctx, Index n, const Real* a, const Real* w, const Real* b) {
    return reduce<double>(ctx, Kernel("poisson.cg.dot", (w ? 3.0 : 2.0) * sizeof(Real) * double(n)), Range<1>{n}, Sum{},
                          SIMT_LAMBDA(Index i) { return double(a[i]) * (w ? double(w[i]) : 1.0) * double(b[i]); });
}

/// v = scale (v - mean) on fluid cells (fluid = 1), 0 on solid ones (fluid = 0).
template <class Real>
void scale_about_mean(const Context& ctx, Index n, Real* v, const Real* fluid, Real mean, Real scale) {
    for_each(ctx, Kernel("poisson.cg.mean", 3.0 * sizeof(Real) * double(n)), Range<1>{n},
             SIMT_LAMBDA(Index i) { v[i] = fluid[i] * scale * (v[i] - mean); });
}

/// The first residual and direction: r = b - A x (ap = A x) with a guess, else x = 0, r = b;
/// p = M^-1 r.
template <class Real>
void start(const Context& ctx, Index n, Real* x, Real* r, Real* p, const Real* b, const Real* ap, const Real* minv,
           bool guess) {
    for_each(ctx, Kernel("poisson.cg.start", 6.0 * sizeof(Real) * double(n)), Range<1>{n}, SIMT_LAMBDA(Index i) {
        if (!guess) x[i] = 0;
        r[i] = guess ? b[i] - ap[i] : b[i];
        p[i] = minv[i] * r[i];
    });
}

/// x += alpha p, r -= alpha A p.
template <class Real>
void update(const Context& ctx, Index n, Real* x, Real* r, const Real* p, const Real* ap, Real alpha) {
    for_each(ctx, Kernel("poisson.cg.update", 6.0 * sizeof(Real) * double(n)), Range<1>{n}, SIMT_LAMBDA(Index i) {
        x[i] += alpha * p[i];
        r[i] -= alpha * ap[i];
    });
}

/// p = M^-1 r + beta p.
template <class Real>
void direction(const Context& ctx, Index n, Real* p, const Real* r, const Real* minv, Real beta) {
    for_each(ctx, Kernel("poisson.cg.direction", 4.0 * sizeof(Real) * double(n)), Range<1>{n},
             SIMT_LAMBDA(Index i) { p[i] = minv[i] * r[i] + beta * p[i]; });
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

    PoissonStats solve(Buffer<Real>& rhs, Buffer<Real>& phi, bool guess) override {
        // -L phi = -rhs, with rhs made mean-free over the fluid (solid cells stay 0).
        remove_fluid_mean(rhs, Real(-1));
        const Index n = m_rows;
        Real *x = phi.data(), *r = m_r.data(), *p = m_p.data(), *ap = m_ap.data();
        const Real *b = rhs.data(), *minv = m_inv_diag.data();
        const double b_norm = std::sqrt(cg::dot<Real>(m_ctx, n, b, nullptr, b));
        PoissonStats stats;
        guess = guess && b_norm > 0;
        if (guess) {
            copy(m_ctx, "poisson.cg.guess", phi, m_p);  // the SpMV reads its input from p
            multiply();
        }
        cg::start(m_ctx, n, x, r, p, b, ap, minv, guess);
        if (b_norm == 0) return stats;
        double rz = cg::dot(m_ctx, n, r, minv, r);
        double rr = cg::dot<Real>(m_ctx, n, r, nullptr, r);
        while (stats.iterations < m_max_iterations && std::sqrt(rr) > m_tolerance * b_norm) {
            multiply();
            cg::update(m_ctx, n, x, r, p, ap, Real(rz / cg::dot<Real>(m_ctx, n, p, nullptr, ap)));
            rr = cg::dot<Real>(m_ctx, n, r, nullptr, r);
            const double rz_next = cg::dot(m_ctx, n, r, minv, r);
            cg::direction(m_ctx, n, p, r, minv, Real(rz_next / rz));
            rz = rz_next;
            ++stats.iterations;
        }
        stats.residual = std::sqrt(rr) / b_norm;
        remove_fluid_mean(phi, Real(1));
        return stats;
    }

   private:
    /// v = scale (v - mean over the fluid) on fluid cells, 0 on solid ones.
    void remove_fluid_mean(Buffer<Real>& v, Real scale) const {
        const Real* fluid = m_fluid.data();
        const Real mean = Real(cg::dot<Real>(m_ctx, m_rows, v.data(), nullptr, fluid) / m_fluid_cells);
        cg::scale_about_mean(m_ctx, m_rows, v.data(), fluid, mean, scale);
    }
    /// ap = A p.
    void multiply() {
        const Kernel kernel("poisson.cg.spmv", spmv_bytes());
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
