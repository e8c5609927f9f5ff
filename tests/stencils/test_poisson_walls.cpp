// SPDX-License-Identifier: MIT
// The spectral Poisson solver with walls: its axis transforms against the definitions of the
// DCT-II, DCT-III, DCT-IV and Hartley transform (FFTW's REDFT10, REDFT01, REDFT11, DHT), its
// solutions against the discrete Laplacian's eigenmodes (cosines between walls, exact to
// rounding) and against conjugate gradients, and the CPU against the GPU.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <simt/stencils/axis_transform_kernels.hpp>
#include "../../stencils/src/line_fft.hpp"  // white box: the line FFT under the axis transforms
#include "../backends.hpp"
#include "../skip.hpp"
#include "poisson_helpers.hpp"

using namespace simt;
using namespace simt::stencils;

namespace {
const double pi = 3.141592653589793;

/// A box of the given cells and lengths; per axis in `faces`: 'w' walls, 'o' a wall and a
/// Dirichlet (outflow) high face, anything else periodic.
PoissonGrid box(int nx, int ny, int nz, const std::string& faces, double lx = 1, double ly = 1, double lz = 1) {
    PoissonGrid g;
    const int n[3] = {nx, ny, nz};
    const double l[3] = {lx, ly, lz};
    for (int a = 0; a < 3; ++a) {
        g.n[a] = n[a];
        g.h[a] = l[a] / n[a];
        g.periodic[a] = faces[std::size_t(a)] != 'w' && faces[std::size_t(a)] != 'o';
        g.dirichlet_high[a] = faces[std::size_t(a)] == 'o';
    }
    return g;
}


/// The grids the tests run: 2-D and 3-D, walls everywhere or mixed with periodic axes and
/// outflows, odd and even sides, unequal spacings; large enough that CG iterates past its
/// coarsest solve.
std::vector<PoissonGrid> grids() {
    return {box(48, 40, 1, "ww-"), box(45, 32, 1, "wp-", 2.0), box(40, 33, 1, "pw-"), box(64, 16, 1, "ow-", 4.0),
            box(33, 20, 1, "wo-"), box(8, 6, 7, "wpw", 1.0, 0.5), box(7, 8, 6, "www"), box(6, 5, 8, "ppw"),
            box(9, 6, 8, "owp")};
}

/// The field of n[0] x n[1] x n[2] values transformed along `axis` by the code under test:
/// PackLines, the FFTW line FFT and SpectrumToModes (forward; an outflow axis both ways, then
/// QuarterWaveRecurrence), or ModesToSpectrum, the C2R and UnpackLines (backward); plain loops
/// over the functors, as for_each runs them on the CPU.
std::vector<double> transform(const int (&n)[3], int axis, AxisBoundary b, bool forward, const std::vector<double>& x) {
    const AxisLines g{{n[0], n[1], n[2]}, axis, b};
    const Index cells = Index(n[0]) * n[1] * n[2], lines = cells / g.length();
    std::vector<double> field = x, packed(std::size_t(cells), 0.0), spectrum(std::size_t(2 * lines * g.half()), 0.0);
    auto fft = make_line_fft_fftw<double>(g.length(), lines, packed.data(), spectrum.data());
    const auto each = [&](int extent, auto f) {
        int r[3] = {n[0], n[1], n[2]};
        r[axis] = extent;
        for (int k = 0; k < r[2]; ++k)
            for (int j = 0; j < r[1]; ++j)
                for (int i = 0; i < r[0]; ++i) f(i, j, k);
    };
    if (forward || b == AxisBoundary::Outflow) {
        each(g.length(), PackLines<double>{g, field.data(), packed.data()});
        fft->forward();
        each(g.length(), SpectrumToModes<double>{g, spectrum.data(), field.data()});
        if (b == AxisBoundary::Outflow) {
            const QuarterWaveRecurrence<double> recurrence{g, field.data()};
            const int first = axis == 0 ? n[1] : n[0], second = axis == 2 ? n[1] : n[2];
            for (int q = 0; q < second; ++q)
                for (int p = 0; p < first; ++p) recurrence(p, q);
        }
    } else {
        each(g.half(), ModesToSpectrum<double>{g, field.data(), spectrum.data()});
        fft->backward();
        each(g.length(), UnpackLines<double>{g, packed.data(), field.data()});
    }
    return field;
}

/// The same transform from its definition, O(n^2) a line: REDFT10 y_k = 2 sum x_m cos(pi k (m +
/// 1/2) / n); REDFT01 y_m = x_0 + 2 sum_{k>0} x_k cos(pi k (m + 1/2) / n); REDFT11 y_k = 2 sum
/// x_m cos(pi (k + 1/2) (m + 1/2) / n); DHT y_k = sum x_m (cos + sin)(2 pi k m / n).
std::vector<double> definition(const int (&n)[3], int axis, AxisBoundary b, bool forward, const std::vector<double>& x) {
    std::vector<double> y(x.size(), 0.0);
    const int len = n[axis];
    const Index stride = axis == 0 ? 1 : axis == 1 ? n[0] : Index(n[0]) * n[1];
    for (Index c = 0; c < Index(x.size()); ++c) {
        const int out = int((c / stride) % len);
        const Index first = c - out * stride;
        double sum = 0;
        for (int m = 0; m < len; ++m) {
            const double v = x[std::size_t(first + m * stride)];
            if (b == AxisBoundary::Periodic) {
                const double t = 2 * pi * out * m / len;
                sum += v * (std::cos(t) + std::sin(t));
            } else if (b == AxisBoundary::Outflow) {
                sum += 2 * v * std::cos(pi * (out + 0.5) * (m + 0.5) / len);
            } else if (forward) {
                sum += 2 * v * std::cos(pi * out * (m + 0.5) / len);
            } else {
                sum += (m == 0 ? 1 : 2) * v * std::cos(pi * m * (out + 0.5) / len);
            }
        }
        y[std::size_t(c)] = sum;
    }
    return y;
}

/// A product of discrete eigenmodes, one per axis: cos(m pi x / L) between walls, with the
/// eigenvalue (2 cos(m pi / n) - 2) / h^2; cos((m + 1/2) pi x / L) from a wall to a Dirichlet
/// face, with (2 cos((m + 1/2) pi / n) - 2) / h^2; sin(2 pi m x / L + 0.3) along a periodic
/// axis, with (2 cos(2 pi m / n) - 2) / h^2 (a phase: both halves of the Hartley transform).
/// Returns the mode and its eigenvalue.
std::pair<std::vector<double>, double> eigenmode(const PoissonGrid& g) {
    const double order[3] = {1, 2, 3};
    const auto frequency = [&](int a) { return g.dirichlet_high[a] ? order[a] + 0.5 : order[a]; };
    double lambda = 0;
    for (int a = 0; a < g.dim(); ++a) {
        const double angle = (g.periodic[a] ? 2 : 1) * pi * frequency(a) / g.n[a];
        lambda += (2 * std::cos(angle) - 2) / (g.h[a] * g.h[a]);
    }
    const auto mode = test::sample(g, [&](double x, double y, double z) {
        const double at[3] = {x, y, z};
        double v = 1;
        for (int a = 0; a < g.dim(); ++a) {
            const double length = g.n[a] * g.h[a];
            v *= g.periodic[a] ? std::sin(2 * pi * order[a] * at[a] / length + 0.3)
                               : std::cos(frequency(a) * pi * at[a] / length);
        }
        return v;
    });
    return {mode, lambda};
}

std::string describe(const PoissonGrid& g) {
    std::string s = std::to_string(g.n[0]) + "x" + std::to_string(g.n[1]) + "x" + std::to_string(g.n[2]) + " ";
    for (int a = 0; a < g.dim(); ++a) s += g.periodic[a] ? "p" : g.dirichlet_high[a] ? "o" : "w";
    return s;
}
}  // namespace

TEST_CASE("poisson walls: the axis transforms are the DCT-II and DCT-III and DCT-IV and the Hartley transform") {
    const int n[3] = {5, 6, 7};  // odd and even lengths along every axis in turn
    PoissonGrid g = box(5, 6, 7, "www");
    const std::vector<double> x = test::random_rhs(g, 11);
    for (int axis = 0; axis < 3; ++axis)
        for (AxisBoundary b : {AxisBoundary::Walls, AxisBoundary::Outflow, AxisBoundary::Periodic})
            for (bool forward : {true, false}) {
                CAPTURE(axis);
                CAPTURE(int(b));
                CAPTURE(forward);
                const auto ours = transform(n, axis, b, forward, x), exact = definition(n, axis, b, forward, x);
                CHECK(test::max_error(ours, exact) < 1e-13 * test::max_abs(exact));
            }
}

TEST_CASE("poisson walls: the spectral solve returns a discrete eigenmode to rounding") {
    for (Backend b : test::backends()) {
        double worst = 0, worst_float = 0;
        for (const PoissonGrid& g : grids()) {
            CAPTURE(backend_name(b));
            CAPTURE(describe(g));
            const auto [mode, lambda] = eigenmode(g);
            std::vector<double> rhs = mode;
            for (double& v : rhs) v *= lambda;
            const double e = test::max_error(test::solve<double>(b, g, PoissonMethod::Fft, rhs), mode);
            const double e_float = test::max_error(test::solve<float>(b, g, PoissonMethod::Fft, rhs), mode);
            CHECK(e < 1e-12);
            CHECK(e_float < 1e-5);
            worst = std::max(worst, e), worst_float = std::max(worst_float, e_float);
        }
        MESSAGE(backend_name(b), ": largest error against the unit eigenmodes ", worst, " (double), ", worst_float,
                " (float)");
    }
}

TEST_CASE("poisson walls: spectral and conjugate-gradient solutions agree on random data") {
    for (const PoissonGrid& g : grids()) {
        CAPTURE(describe(g));
        const std::vector<double> rhs = test::random_rhs(g, 5);
        PoissonStats stats;
        const auto fft = test::solve<double>(Backend::Cpu, g, PoissonMethod::Fft, rhs);
        const auto cg = test::solve<double>(Backend::Cpu, g, PoissonMethod::Cg, rhs, &stats);
        CHECK(stats.residual < 1e-10);
        const double scale = test::max_abs(fft);
        MESSAGE(describe(g), ": CG ", stats.iterations, " iterations, |fft - cg| / max|phi| ",
                test::max_error(fft, cg) / scale);
        CHECK(test::max_error(fft, cg) < 1e-8 * scale);
        double mean = 0;
        for (double v : fft) mean += v / double(fft.size());
        if (!g.has_dirichlet()) CHECK(std::abs(mean) < 1e-13 * scale);  // the constants are not in L's null space otherwise
    }
}

TEST_CASE("poisson walls: CPU and GPU spectral solves agree to rounding" * doctest::test_suite("gpu")) {
    if (test::backends().size() < 2) return test::skip("no GPU: runs in scripts/gpu-check.sh");
    std::vector<PoissonGrid> cases = grids();
    cases.push_back(box(256, 192, 1, "ww-"));
    cases.push_back(box(64, 48, 40, "wpw"));
    for (const PoissonGrid& g : cases) {
        CAPTURE(describe(g));
        const std::vector<double> rhs = test::random_rhs(g, 9);
        const auto cpu = test::solve<double>(Backend::Cpu, g, PoissonMethod::Fft, rhs);
        const double scale = test::max_abs(cpu);
        CHECK(test::max_error(test::solve<double>(Backend::Cuda, g, PoissonMethod::Fft, rhs), cpu) < 1e-12 * scale);
        const auto cpu_float = test::solve<float>(Backend::Cpu, g, PoissonMethod::Fft, rhs);
        CHECK(test::max_error(test::solve<float>(Backend::Cuda, g, PoissonMethod::Fft, rhs), cpu_float) < 1e-5 * scale);
    }
}
