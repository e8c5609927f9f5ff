// SPDX-License-Identifier: MIT
// The pressure Poisson solvers against closed-form solutions of the continuous equation
// (second-order convergence of the cell-centred Laplacian), and against each other.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <simt/core/philox.hpp>
#include <simt/stencils/poisson.hpp>
#include "../backends.hpp"

using namespace simt;
using namespace simt::stencils;

namespace {
const double pi = 3.141592653589793;
using Function = std::function<double(double, double, double)>;

PoissonGrid unit_box(int n, int nz, bool periodic) {
    PoissonGrid g;
    g.n[0] = g.n[1] = n;
    g.n[2] = nz;
    for (int a = 0; a < 3; ++a) {
        g.h[a] = 1.0 / g.n[a];
        g.periodic[a] = periodic;
    }
    return g;
}

/// Cell-centre samples of f, x fastest.
std::vector<double> sample(const PoissonGrid& g, const Function& f) {
    std::vector<double> v;
    for (int k = 0; k < g.n[2]; ++k)
        for (int j = 0; j < g.n[1]; ++j)
            for (int i = 0; i < g.n[0]; ++i) v.push_back(f((i + 0.5) * g.h[0], (j + 0.5) * g.h[1], (k + 0.5) * g.h[2]));
    return v;
}

template <class Real>
std::vector<double> solve(Backend b, PoissonGrid g, PoissonMethod m, const std::vector<double>& rhs,
                          PoissonStats* stats = nullptr) {
    Context ctx(b);
    const double tolerance = sizeof(Real) == 4 ? 1e-5 : 1e-10;
    auto solver = m == PoissonMethod::Fft ? make_poisson_fft<Real>(ctx, g) : make_poisson_cg<Real>(ctx, g, tolerance, 10000);
    std::vector<Real> host(rhs.begin(), rhs.end());
    Buffer<Real> r(b, host.size()), phi(b, host.size());
    r.copy_from_host(host.data());
    const PoissonStats s = solver->solve(r, phi, false);
    if (stats) *stats = s;
    const auto out = phi.to_host();
    return {out.begin(), out.end()};
}

double max_error(const std::vector<double>& a, const std::vector<double>& b) {
    double e = 0;
    for (std::size_t i = 0; i < a.size(); ++i) e = std::max(e, std::abs(a[i] - b[i]));
    return e;
}

/// Error of the solution of lap phi = -q^2 phi (phi a product of modes, zero mean) on n^2 cells.
template <class Real = double>
double mode_error(Backend b, int n, bool periodic, PoissonMethod m) {
    // Periodic: sin(2 pi x) cos(4 pi y); walls (zero normal gradient): cos(pi x) cos(2 pi y).
    const double kx = periodic ? 2 * pi : pi, ky = periodic ? 4 * pi : 2 * pi;
    const Function phi = [&](double x, double y, double) {
        return (periodic ? std::sin(kx * x) : std::cos(kx * x)) * std::cos(ky * y);
    };
    const PoissonGrid g = unit_box(n, 1, periodic);
    std::vector<double> rhs = sample(g, phi);
    for (double& v : rhs) v *= -(kx * kx + ky * ky);
    return max_error(solve<Real>(b, g, m, rhs), sample(g, phi));
}
}  // namespace

TEST_CASE("poisson: the spectral solver converges to a periodic mode at second order") {
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        const double e32 = mode_error(b, 32, true, PoissonMethod::Fft), e64 = mode_error(b, 64, true, PoissonMethod::Fft);
        MESSAGE("fft periodic: error 32^2 ", e32, ", 64^2 ", e64, ", ratio ", e32 / e64);
        // The discrete symbol is q^2 (1 - (q h)^2 / 12): relative error ~ (q h)^2 / 12 ~ 1.6 % at 32^2.
        CHECK(e32 < 0.03);
        CHECK(e32 / e64 == doctest::Approx(4).epsilon(0.05));
    }
}

TEST_CASE("poisson: conjugate gradients converge to a mode between walls at second order") {
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        const double e32 = mode_error(b, 32, false, PoissonMethod::Cg), e64 = mode_error(b, 64, false, PoissonMethod::Cg);
        MESSAGE("cg walls: error 32^2 ", e32, ", 64^2 ", e64, ", ratio ", e32 / e64);
        CHECK(e32 < 0.03);
        CHECK(e32 / e64 == doctest::Approx(4).epsilon(0.05));
        // The periodic mode as well: the same matrix with wrapped neighbours.
        CHECK(mode_error(b, 32, true, PoissonMethod::Cg) == doctest::Approx(mode_error(b, 32, true, PoissonMethod::Fft)).epsilon(1e-6));
    }
}

TEST_CASE("poisson: spectral and conjugate-gradient solutions agree on random periodic data in 2-D and 3-D") {
    for (Backend b : test::backends()) {
        for (int nz : {1, 12}) {
            CAPTURE(backend_name(b));
            CAPTURE(nz);
            PoissonGrid g = unit_box(16, nz, true);
            g.n[0] = 20;  // unequal sides and spacings
            g.h[0] = 1.0 / 20;
            std::vector<double> rhs;
            for (Index c = 0; c < g.cells(); ++c) rhs.push_back(2 * u64_to_uniform(philox_bits(7, 0, c).v[0], philox_bits(7, 0, c).v[1]) - 1);
            PoissonStats stats;
            const auto fft = solve<double>(b, g, PoissonMethod::Fft, rhs);
            const auto cg = solve<double>(b, g, PoissonMethod::Cg, rhs, &stats);
            double scale = 0;
            for (double v : fft) scale = std::max(scale, std::abs(v));
            MESSAGE("cg: ", stats.iterations, " iterations, residual ", stats.residual);
            CHECK(stats.residual < 1e-10);
            CHECK(stats.iterations > 0);
            CHECK(max_error(fft, cg) < 1e-8 * scale);
            // The mean of phi is zero in both.
            double mean = 0;
            for (double v : cg) mean += v / double(cg.size());
            CHECK(std::abs(mean) < 1e-12 * scale);
        }
    }
}

TEST_CASE("poisson: single precision reaches the modes to float rounding") {
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        const double fft = mode_error<float>(b, 32, true, PoissonMethod::Fft);
        const double cg = mode_error<float>(b, 32, false, PoissonMethod::Cg);
        // The same truncation error as in double (< 0.03); float rounding adds ~1e-5.
        CHECK(fft == doctest::Approx(mode_error(b, 32, true, PoissonMethod::Fft)).epsilon(1e-3));
        CHECK(cg == doctest::Approx(mode_error(b, 32, false, PoissonMethod::Cg)).epsilon(1e-2));
    }
}

TEST_CASE("poisson: solid cells are sealed off and the fluid problem still solves") {
    // A plug of solid cells across the middle of a periodic channel splits nothing in x but
    // blocks y: the solution must be 0 in the solid and satisfy the equation elsewhere.
    PoissonGrid g = unit_box(16, 1, true);
    g.solid.assign(std::size_t(g.cells()), 0);
    for (int i = 4; i < 12; ++i)
        for (int j = 6; j < 10; ++j) g.solid[i + 16 * j] = 1;
    std::vector<double> rhs(std::size_t(g.cells()));
    for (Index c = 0; c < g.cells(); ++c) rhs[c] = g.is_solid(c) ? 0.0 : std::sin(0.3 * double(c));
    for (Backend b : test::backends()) {
        PoissonStats stats;
        const auto phi = solve<double>(b, g, PoissonMethod::Cg, rhs, &stats);
        // Residual of the fluid cells through the 5-point stencil with sealed faces, by hand.
        double mean = 0, fluid = 0;
        for (Index c = 0; c < g.cells(); ++c)
            if (!g.is_solid(c)) mean += rhs[c], fluid += 1;
        mean /= fluid;
        double worst = 0;
        for (int j = 0; j < 16; ++j)
            for (int i = 0; i < 16; ++i) {
                const int c = i + 16 * j;
                if (g.is_solid(c)) {
                    CHECK(phi[c] == 0);
                    continue;
                }
                double lap = 0;
                const int nb[4] = {(i + 15) % 16 + 16 * j, (i + 1) % 16 + 16 * j, i + 16 * ((j + 15) % 16), i + 16 * ((j + 1) % 16)};
                for (int q : nb)
                    if (!g.is_solid(q)) lap += (phi[q] - phi[c]) * 256;
                worst = std::max(worst, std::abs(lap - (rhs[c] - mean)));
            }
        CHECK(worst < 1e-8);
    }
}

TEST_CASE("poisson: the spectral solver refuses walls and solid cells") {
    Context ctx(Backend::Cpu);
    CHECK_THROWS_AS(make_poisson_fft<double>(ctx, unit_box(8, 1, false)), Unsupported);
}
