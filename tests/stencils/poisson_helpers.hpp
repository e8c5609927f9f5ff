// SPDX-License-Identifier: MIT
// The Poisson tests' problems: boxes, cell-centre samples, random right-hand sides, one solve
// on a backend.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>
#include <simt/core/philox.hpp>
#include <simt/stencils/poisson.hpp>

namespace simt::test {
using Function = std::function<double(double, double, double)>;

/// n x n x nz cells of a unit box, every axis periodic or every axis walled.
inline stencils::PoissonGrid unit_box(int n, int nz, bool periodic) {
    stencils::PoissonGrid g;
    g.n[0] = g.n[1] = n;
    g.n[2] = nz;
    for (int a = 0; a < 3; ++a) {
        g.h[a] = 1.0 / g.n[a];
        g.periodic[a] = periodic;
    }
    return g;
}

/// Cell-centre samples of f, x fastest.
inline std::vector<double> sample(const stencils::PoissonGrid& g, const Function& f) {
    std::vector<double> v;
    for (int k = 0; k < g.n[2]; ++k)
        for (int j = 0; j < g.n[1]; ++j)
            for (int i = 0; i < g.n[0]; ++i) v.push_back(f((i + 0.5) * g.h[0], (j + 0.5) * g.h[1], (k + 0.5) * g.h[2]));
    return v;
}

/// phi from one solve of L phi = rhs in precision Real on backend b (CG to 1e-10, 1e-5 in float).
template <class Real>
std::vector<double> solve(Backend b, stencils::PoissonGrid g, stencils::PoissonMethod m, const std::vector<double>& rhs,
                          stencils::PoissonStats* stats = nullptr,
                          stencils::PoissonPreconditioner preconditioner = stencils::PoissonPreconditioner::Multigrid) {
    Context ctx(b);
    const double tolerance = sizeof(Real) == 4 ? 1e-5 : 1e-10;
    auto solver = m == stencils::PoissonMethod::Fft ? stencils::make_poisson_fft<Real>(ctx, g)
                                                    : stencils::make_poisson_cg<Real>(ctx, g, tolerance, 10000, preconditioner);
    std::vector<Real> host(rhs.begin(), rhs.end());
    Buffer<Real> r(b, host.size()), phi(b, host.size());
    r.copy_from_host(host.data());
    const stencils::PoissonStats s = solver->solve(r, phi, false);
    if (stats) *stats = s;
    const auto out = phi.to_host();
    return {out.begin(), out.end()};
}

/// Uniform in [-1, 1) per cell, from Philox (seed, cell).
inline std::vector<double> random_rhs(const stencils::PoissonGrid& g, std::uint64_t seed) {
    std::vector<double> rhs;
    for (Index c = 0; c < g.cells(); ++c) {
        const Philox4 bits = philox_bits(seed, 0, std::uint64_t(c));
        rhs.push_back(2 * u64_to_uniform(bits.v[0], bits.v[1]) - 1);
    }
    return rhs;
}

inline double max_error(const std::vector<double>& a, const std::vector<double>& b) {
    double e = 0;
    for (std::size_t i = 0; i < a.size(); ++i) e = std::max(e, std::abs(a[i] - b[i]));
    return e;
}

inline double max_abs(const std::vector<double>& a) {
    double m = 0;
    for (double v : a) m = std::max(m, std::abs(v));
    return m;
}
}  // namespace simt::test
