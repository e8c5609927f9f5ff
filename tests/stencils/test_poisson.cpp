// SPDX-License-Identifier: MIT
// The pressure Poisson solvers against closed-form solutions of the continuous equation
// (second-order convergence of the cell-centred Laplacian), and against each other.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <simt/stencils/poisson.hpp>
#include "../../stencils/src/multigrid.hpp"  // white box: the preconditioner's symmetry
#include "../approx.hpp"
#include "../backends.hpp"
#include "poisson_helpers.hpp"

using namespace simt;
using namespace simt::stencils;

namespace {
const double pi = 3.141592653589793;
using test::Function;
using test::max_error;
using test::random_rhs;
using test::sample;
using test::solve;
using test::unit_box;

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

TEST_CASE("poisson: the spectral solver converges to a periodic mode and a mode between walls at second order") {
    for (Backend b : test::backends())
        for (bool periodic : {true, false}) {
            CAPTURE(backend_name(b));
            CAPTURE(periodic);
            const double e32 = mode_error(b, 32, periodic, PoissonMethod::Fft);
            const double e64 = mode_error(b, 64, periodic, PoissonMethod::Fft);
            MESSAGE("fft ", std::string(periodic ? "periodic" : "walls"), ": error 32^2 ", e32, ", 64^2 ", e64, ", ratio ", e32 / e64);
            // The discrete symbol is q^2 (1 - (q h)^2 / 12): relative error ~ (q h)^2 / 12 ~ 1.6 % at 32^2.
            CHECK(e32 < 0.03);
            CHECK(e32 / e64 == test::relative(4, 0.05));
        }
}

TEST_CASE("poisson: conjugate gradients converge to a mode between walls at second order") {
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        const double e32 = mode_error(b, 32, false, PoissonMethod::Cg), e64 = mode_error(b, 64, false, PoissonMethod::Cg);
        MESSAGE("cg walls: error 32^2 ", e32, ", 64^2 ", e64, ", ratio ", e32 / e64);
        CHECK(e32 < 0.03);
        CHECK(e32 / e64 == test::relative(4, 0.05));
        // The periodic mode as well: the same matrix with wrapped neighbours.
        CHECK(mode_error(b, 32, true, PoissonMethod::Cg) == test::relative(mode_error(b, 32, true, PoissonMethod::Fft), 1e-6));
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
            const std::vector<double> rhs = random_rhs(g, 7);
            const auto fft = solve<double>(b, g, PoissonMethod::Fft, rhs);
            double scale = 0;
            for (double v : fft) scale = std::max(scale, std::abs(v));
            for (auto pre : {PoissonPreconditioner::Multigrid, PoissonPreconditioner::Jacobi}) {
                CAPTURE(int(pre));
                PoissonStats stats;
                const auto cg = solve<double>(b, g, PoissonMethod::Cg, rhs, &stats, pre);
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
}

TEST_CASE("poisson: single precision reaches the modes to float rounding") {
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        const double fft = mode_error<float>(b, 32, true, PoissonMethod::Fft);
        const double cg = mode_error<float>(b, 32, false, PoissonMethod::Cg);
        // The same truncation error as in double (< 0.03); float rounding adds ~1e-5.
        CHECK(fft == test::relative(mode_error(b, 32, true, PoissonMethod::Fft), 1e-3));
        CHECK(cg == test::relative(mode_error(b, 32, false, PoissonMethod::Cg), 1e-2));
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
    for (auto [b, pre] : {std::pair{Backend::Cpu, PoissonPreconditioner::Jacobi}, std::pair{Backend::Cpu, PoissonPreconditioner::Multigrid},
                          std::pair{test::backends().back(), PoissonPreconditioner::Multigrid}}) {
        CAPTURE(int(pre));
        PoissonStats stats;
        const auto phi = solve<double>(b, g, PoissonMethod::Cg, rhs, &stats, pre);
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

TEST_CASE("poisson: the spectral solver refuses solid cells") {
    Context ctx(Backend::Cpu);
    PoissonGrid solid = unit_box(8, 1, false);
    solid.solid.assign(std::size_t(solid.cells()), 0);
    solid.solid[3] = 1;
    CHECK_THROWS_AS(make_poisson_fft<double>(ctx, solid), Unsupported);
}

namespace {
/// CG iterations to 1e-8 on a random rhs, n^2 (nz = 1) or n^3 cells between walls along x and
/// y (periodic along z).
int iterations(int n, int nz, PoissonPreconditioner pre) {
    PoissonGrid g = unit_box(n, nz, false);
    g.periodic[2] = true;
    Context ctx(Backend::Cpu);
    auto solver = make_poisson_cg<double>(ctx, g, 1e-8, 100000, pre);
    const std::vector<double> rhs = random_rhs(g, 3);
    Buffer<double> r(Backend::Cpu, rhs.size()), phi(Backend::Cpu, rhs.size());
    r.copy_from_host(rhs.data());
    return solver->solve(r, phi, false).iterations;
}
}  // namespace

TEST_CASE("poisson: multigrid keeps the CG iteration count nearly independent of the grid") {
    const int mg32 = iterations(32, 1, PoissonPreconditioner::Multigrid);
    const int mg64 = iterations(64, 1, PoissonPreconditioner::Multigrid);
    const int mg128 = iterations(128, 1, PoissonPreconditioner::Multigrid);
    const int jacobi32 = iterations(32, 1, PoissonPreconditioner::Jacobi);
    const int jacobi64 = iterations(64, 1, PoissonPreconditioner::Jacobi);
    MESSAGE("2-D multigrid: 32^2 ", mg32, ", 64^2 ", mg64, ", 128^2 ", mg128, " iterations; Jacobi 32^2 ", jacobi32,
            ", 64^2 ", jacobi64);
    CHECK(mg128 <= 1.5 * mg32);
    CHECK(mg64 <= 1.5 * mg32);
    // Jacobi needs O(n) iterations (condition number O(n^2)).
    CHECK(jacobi64 > 1.7 * jacobi32);
    CHECK(mg64 * 10 < jacobi64);
    const int mg16 = iterations(16, 16, PoissonPreconditioner::Multigrid);
    const int mg32c = iterations(32, 32, PoissonPreconditioner::Multigrid);
    MESSAGE("3-D multigrid: 16^3 ", mg16, ", 32^3 ", mg32c, " iterations");
    CHECK(mg32c <= 1.5 * mg16);
}

TEST_CASE("poisson: the multigrid preconditioner is symmetric and positive") {
    // Odd, unequal sides (aggregates of one cell at the ends), walls and a solid block.
    PoissonGrid g = unit_box(37, 1, false);
    g.n[1] = 22;
    g.h[1] = 1.0 / 22;
    g.solid.assign(std::size_t(g.cells()), 0);
    for (int i = 10; i < 15; ++i)
        for (int j = 5; j < 17; ++j) g.solid[std::size_t(i + 37 * j)] = 1;
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        Context ctx(b);
        Multigrid<double> mg(ctx, g, 16);
        CHECK(mg.levels() >= 3);
        std::vector<double> u = random_rhs(g, 1), v = random_rhs(g, 2);
        for (Index c = 0; c < g.cells(); ++c)
            if (g.is_solid(c)) u[std::size_t(c)] = v[std::size_t(c)] = 0;  // CG's vectors vanish there
        const auto apply = [&](const std::vector<double>& x) {
            Buffer<double> in(b, x.size()), out(b, x.size());
            in.copy_from_host(x.data());
            mg.apply(in.data(), out.data());
            return out.to_host();
        };
        const auto bu = apply(u), bv = apply(v);
        double u_bv = 0, v_bu = 0, u_bu = 0, scale = 0;
        for (std::size_t c = 0; c < u.size(); ++c) {
            u_bv += u[c] * bv[c], v_bu += v[c] * bu[c], u_bu += u[c] * bu[c];
            scale += std::abs(u[c] * bv[c]);
            if (g.is_solid(Index(c))) CHECK(bu[c] == 0);
        }
        CHECK(std::abs(u_bv - v_bu) < 1e-12 * scale);
        CHECK(u_bu > 0);
    }
}
