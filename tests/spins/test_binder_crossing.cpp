// SPDX-License-Identifier: MIT
// Critical couplings from the crossing of the Binder cumulants of two lattice sizes, each from one
// Wolff run at the known critical coupling reweighted over a band around it: the 3-D Ising model
// against the Monte Carlo value of Ferrenberg, Xu and Landau, the 2-D 3-state Potts model against
// the exact ln(1 + sqrt 3). A quick version of each (small lattices, a bound loose enough for
// their corrections to scaling, which a wrong coupling or neighbour still breaks by far) runs
// in every suite; the tight one is labelled slow. Reweighting itself is checked first against
// the exact Binder cumulant of the 4 x 4 Ising torus, summed over its 2^16 configurations.
#include <doctest/doctest.h>

#include <cmath>
#include <simt/spins/reweighting.hpp>
#include <simt/spins/spin_chain.hpp>
#include "chain_series.hpp"

using namespace simt;
using spins::Algorithm;
using spins::Model;

namespace {
/// 3-D Ising, simple cubic: K_c = 0.221654626(5), Ferrenberg, Xu and Landau, Phys. Rev. E 97,
/// 043301 (2018), from Wolff runs up to L = 1024 with histogram reweighting.
constexpr double ising_3d_Kc = 0.221654626;
/// 2-D q-state Potts, square lattice: K_c = ln(1 + sqrt q), exact (Baxter, J. Phys. C 6, L445 (1973)).
double potts_2d_Kc(int q) { return std::log(1 + std::sqrt(double(q))); }

/// The exact Binder cumulant 1 - <M^4> / (3 <M^2>^2) of the 4 x 4 Ising torus at T (J = 1).
double exact_binder_4x4(double T) {
    double z = 0, m2 = 0, m4 = 0;
    for (unsigned c = 0; c < (1u << 16); ++c) {
        const auto up = [&](int x, int y) { return int(c >> (((y + 4) % 4) * 4 + (x + 4) % 4) & 1u); };
        int sum_ss = 0, sum_s = 0;
        for (int y = 0; y < 4; ++y) {
            for (int x = 0; x < 4; ++x) {
                const int s = 2 * up(x, y) - 1;
                sum_s += s;
                sum_ss += s * ((2 * up(x + 1, y) - 1) + (2 * up(x, y + 1) - 1));
            }
        }
        const double w = std::exp(sum_ss / T), M2 = double(sum_s * sum_s);
        z += w;
        m2 += w * M2;
        m4 += w * M2 * M2;
    }
    return 1 - (m4 / z) / (3 * (m2 / z) * (m2 / z));
}

/// Two lattice sizes of one model, each sampled at K_c by Wolff clusters from an ordered start.
struct CrossingRun {
    int dim;
    Model model;
    int q;
    double Kc;
    int small, large;                    // sides
    int clusters_small, clusters_large;  // Wolff clusters per sample: about a sweep's worth of sites
    int samples;                         // per size, after as many again / 10 to thermalise
    double window;                       // the crossing is searched within K_c (1 +- window)
};

/// The coupling 1/T (J = 1) where the two sizes' cumulants cross, with its jackknife error over
/// 20 bins. The window must stay where reweighting holds: it narrows as the lattices grow.
spins::Estimate crossing_coupling(const Context& ctx, const CrossingRun& r) {
    const double T = 1 / r.Kc;
    const auto series = [&](int L, int clusters, std::uint64_t seed) {
        auto p = test::chain_params(r.dim, L, r.model, r.q, T, Algorithm::wolff, seed);
        p.wolff_clusters = clusters;
        p.start = spins::Start::ordered;
        return test::chain_series(ctx, p, r.samples / 10, r.samples);
    };
    const auto sites = [&](int L) { return r.dim == 3 ? Index(L) * L * L : Index(L) * L; };
    const auto small = series(r.small, r.clusters_small, 11), large = series(r.large, r.clusters_large, 12);
    const spins::Estimate t = spins::binder_crossing({&small, T, sites(r.small)}, {&large, T, sites(r.large)},
                                                     T / (1 + r.window), T / (1 - r.window), 20);
    // K = 1/T: the error carries over to first order.
    return {1 / t.value, t.error / (t.value * t.value)};
}

/// Checks that the crossing lies within `tolerance` of K_c, relative, and that its error is below a
/// third of that (so that the bound says something).
void check_crossing(const CrossingRun& r, double tolerance) {
    const Context ctx(Backend::Cpu);
    const spins::Estimate K = crossing_coupling(ctx, r);
    const double offset = (K.value - r.Kc) / r.Kc;
    MESSAGE("Binder crossing of L = ", r.small, " and ", r.large, ": K = ", K.value, " +- ", K.error, ", ",
            100 * offset, " % from K_c = ", r.Kc, " (error ", 100 * K.error / r.Kc, " %)");
    CHECK(std::fabs(offset) < tolerance);
    CHECK(K.error < tolerance * r.Kc / 3);
}
}  // namespace

TEST_CASE(
    "spins reweighting: a Wolff series of the 4 x 4 Ising torus at T = 2.5 gives the exact Binder cumulant "
    "at 2.2 and 2.9") {
    const Context ctx(Backend::Cpu);
    const double T0 = 2.5;
    auto p = test::chain_params(2, 4, Model::ising, 2, T0, Algorithm::wolff, 5);
    p.wolff_clusters = 2;
    const auto series = test::chain_series(ctx, p, 500, 50000);
    const spins::SampledSeries sampled{&series, T0, 16};
    // At T0 itself reweighting is the plain average.
    double m2 = 0, m4 = 0;
    for (const spins::Sample& s : series) {
        m2 += s.abs_m * s.abs_m / double(series.size());
        m4 += std::pow(s.abs_m, 4) / double(series.size());
    }
    CHECK(std::fabs(spins::reweighted_binder(sampled, T0) - (1 - m4 / (3 * m2 * m2))) < 1e-12);
    for (double T : {2.2, 2.9}) {
        const double exact = exact_binder_4x4(T), reweighted = spins::reweighted_binder(sampled, T);
        CAPTURE(T);
        CAPTURE(exact);
        CAPTURE(reweighted);
        CHECK(std::fabs(exact - exact_binder_4x4(T0)) > 0.03);  // far enough for a wrong weight to show
        CHECK(std::fabs(reweighted - exact) < 0.005);
    }
}

TEST_CASE("spins reweighting: binder_crossing names the interval where the cumulants do not cross") {
    const Context ctx(Backend::Cpu);
    const double T0 = 2.5;
    const auto small =
        test::chain_series(ctx, test::chain_params(2, 4, Model::ising, 2, T0, Algorithm::wolff, 5), 50, 400);
    const auto large =
        test::chain_series(ctx, test::chain_params(2, 8, Model::ising, 2, T0, Algorithm::wolff, 6), 50, 400);
    // 2-D Ising T_c = 2.269: no crossing between 2.45 and 2.55.
    CHECK_THROWS_WITH_AS(spins::binder_crossing({&small, T0, 16}, {&large, T0, 64}, 2.45, 2.55, 10),
                         doctest::Contains("do not cross between T = 2.45 and 2.55"), Error);
    CHECK_THROWS_WITH_AS(spins::binder_crossing({&small, T0, 16}, {&large, T0, 64}, 2.2, 2.4, 300),
                         doctest::Contains("at least 2 samples per bin"), Error);
}

TEST_CASE("spins: the Binder cumulants of the 3-D Ising model on 6^3 and 12^3 cross within 1 % of K_c") {
    check_crossing({3, Model::ising, 2, ising_3d_Kc, 6, 12, 4, 8, 6000, 0.03}, 0.01);
}

TEST_CASE("spins: the Binder cumulants of the 3-D Ising model on 16^3 and 32^3 cross within 0.1 % of K_c" *
          doctest::test_suite("slow")) {
    check_crossing({3, Model::ising, 2, ising_3d_Kc, 16, 32, 8, 16, 20000, 0.005}, 0.001);
}

TEST_CASE("spins: the Binder cumulants of the 2-D 3-state Potts model on 8^2 and 16^2 cross within 1 % of K_c") {
    check_crossing({2, Model::potts, 3, potts_2d_Kc(3), 8, 16, 2, 4, 40000, 0.03}, 0.01);
}

TEST_CASE("spins: the Binder cumulants of the 2-D 3-state Potts model on 32^2 and 64^2 cross within 0.2 % of K_c" *
          doctest::test_suite("slow")) {
    check_crossing({2, Model::potts, 3, potts_2d_Kc(3), 32, 64, 2, 3, 100000, 0.01}, 0.002);
}
