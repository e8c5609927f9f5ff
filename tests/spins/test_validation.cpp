// SPDX-License-Identifier: MIT
// Equilibrium statistics of every update algorithm against exact results: the 2-D Ising model
// on an L x L torus (Kaufman's partition function, Ferdinand-Fisher), Onsager's spontaneous
// magnetisation, the 3-state Potts model on a 4 x 4 torus (exact enumeration by transfer
// matrix); and the cluster updates' shorter autocorrelation time at T_c.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <simt/spins/spin_chain.hpp>
#include <simt/spins/statistics.hpp>
#include "approx.hpp"
#include "chain_series.hpp"
#include "exact_enumeration.hpp"
#include "exact_ising_2d.hpp"

using namespace simt;
using spins::Algorithm;
using spins::Model;

namespace {
std::string name(Algorithm a) {
    switch (a) {
        case Algorithm::metropolis: return "metropolis";
        case Algorithm::heat_bath: return "heat_bath";
        case Algorithm::multispin: return "multispin";
        case Algorithm::wolff: return "wolff";
        case Algorithm::swendsen_wang: return "swendsen_wang";
    }
    return "";
}
/// Within k standard errors.
bool within(const spins::Estimate& e, double exact, double k = 4.0) {
    return std::fabs(e.value - exact) <= k * e.error;
}
/// Two estimates within k combined standard errors.
bool agree(const spins::Estimate& a, const spins::Estimate& b, double k = 4.0) {
    return std::fabs(a.value - b.value) <= k * std::hypot(a.error, b.error);
}
}  // namespace

TEST_CASE(
    "exact 2-D Ising: Kaufman's partition function gives the energy and specific heat counted on the 4 x 4 torus") {
    const auto g = test::aligned_bond_histogram(2, 4);
    // Ising energy of A aligned bonds among 2 L^2 = 32: -(A - (32 - A)).
    auto energy = [](int a) { return -double(2 * a - 32); };
    for (double T : {1.5, test::ising_2d_critical_temperature(), 3.3}) {
        const auto counted = test::exact_thermo(g, 16, T, energy);
        CAPTURE(T);
        CHECK(test::ising_2d_energy(4, T) == test::relative(counted.energy, 1e-10));
        CHECK(test::ising_2d_specific_heat(4, T) == test::relative(counted.specific_heat, 1e-9));
    }
}

TEST_CASE("spins: every Ising update matches the exact energy and specific heat of the 16 x 16 torus") {
    const Context ctx(Backend::Cpu);
    const double Tc = test::ising_2d_critical_temperature();
    for (Algorithm a : {Algorithm::metropolis, Algorithm::heat_bath, Algorithm::wolff, Algorithm::swendsen_wang}) {
        for (double T : {2.0, Tc, 3.0}) {
            const auto series =
                test::chain_series(ctx, test::chain_params(2, 16, Model::ising, 2, T, a, 3), 1000, 40000);
            const auto t = spins::thermodynamics(series, T, 256);
            CAPTURE(name(a));
            CAPTURE(T);
            CAPTURE(t.energy.value);
            CAPTURE(t.specific_heat.value);
            CAPTURE(t.specific_heat.error);
            CAPTURE(test::ising_2d_specific_heat(16, T));
            CHECK(within(t.energy, test::ising_2d_energy(16, T)));
            CHECK(within(t.specific_heat, test::ising_2d_specific_heat(16, T)));
        }
    }
}

TEST_CASE("spins: the checkerboard kernel for sides that are not a multiple of 8 (groups span rows) is right too") {
    // L = 12: exact against Kaufman; 3-D L = 6: against Swendsen-Wang (host code of its own).
    const Context ctx(Backend::Cpu);
    const double Tc = test::ising_2d_critical_temperature();
    const auto t = spins::thermodynamics(
        test::chain_series(ctx, test::chain_params(2, 12, Model::ising, 2, Tc, Algorithm::metropolis, 4), 1000, 40000),
        Tc, 144);
    CHECK(within(t.energy, test::ising_2d_energy(12, Tc)));
    CHECK(within(t.specific_heat, test::ising_2d_specific_heat(12, Tc)));
    const double T3 = 4.5;
    const auto local = spins::thermodynamics(
        test::chain_series(ctx, test::chain_params(3, 6, Model::ising, 2, T3, Algorithm::metropolis, 4), 1000, 40000),
        T3, 216);
    const auto cluster = spins::thermodynamics(
        test::chain_series(ctx, test::chain_params(3, 6, Model::ising, 2, T3, Algorithm::swendsen_wang, 4), 500, 20000),
        T3, 216);
    CHECK(agree(local.energy, cluster.energy));
    CHECK(agree(local.abs_m, cluster.abs_m));
}

TEST_CASE("spins: the multi-spin kernel matches the exact energy and specific heat of the 32 x 32 torus at T_c") {
    const Context ctx(Backend::Cpu);
    const double Tc = test::ising_2d_critical_temperature();
    const auto series =
        test::chain_series(ctx, test::chain_params(2, 32, Model::ising, 2, Tc, Algorithm::multispin, 9), 2000, 60000);
    const auto t = spins::thermodynamics(series, Tc, 1024);
    CAPTURE(t.energy.value);
    CAPTURE(t.specific_heat.value);
    CHECK(within(t.energy, test::ising_2d_energy(32, Tc)));
    CHECK(within(t.specific_heat, test::ising_2d_specific_heat(32, Tc)));
}

TEST_CASE("spins: the 2-state Potts model with J = 2 is the Ising model with its energy shifted by -2 per site") {
    // delta(s, s') = (1 + s s') / 2: H_Potts(J = 2) = H_Ising(J = 1) - 2 N on the square lattice.
    const Context ctx(Backend::Cpu);
    const double Tc = test::ising_2d_critical_temperature();
    for (Algorithm a : {Algorithm::metropolis, Algorithm::heat_bath}) {
        const auto series =
            test::chain_series(ctx, test::chain_params(2, 16, Model::potts, 2, Tc, a, 21, 2.0), 1000, 40000);
        const auto t = spins::thermodynamics(series, Tc, 256);
        CAPTURE(name(a));
        CHECK(within(t.energy, test::ising_2d_energy(16, Tc) - 2));
        CHECK(within(t.specific_heat, test::ising_2d_specific_heat(16, Tc)));
    }
}

TEST_CASE("spins: every 3-state Potts update matches the exact energy and specific heat of the 4 x 4 torus") {
    const Context ctx(Backend::Cpu);
    const auto g = test::aligned_bond_histogram(3, 4);
    const double Tc = 1 / std::log(1 + std::sqrt(3.0));  // the infinite lattice's, where C is large here too
    for (Algorithm a : {Algorithm::metropolis, Algorithm::heat_bath, Algorithm::wolff, Algorithm::swendsen_wang}) {
        for (double T : {0.6, Tc, 1.5}) {
            const auto exact = test::exact_thermo(g, 16, T, [](int aligned) { return -double(aligned); });
            const auto series =
                test::chain_series(ctx, test::chain_params(2, 4, Model::potts, 3, T, a, 5), 1000, 40000);
            const auto t = spins::thermodynamics(series, T, 16);
            CAPTURE(name(a));
            CAPTURE(T);
            CAPTURE(t.energy.value);
            CAPTURE(exact.energy);
            CHECK(within(t.energy, exact.energy));
            CHECK(within(t.specific_heat, exact.specific_heat));
        }
    }
}

TEST_CASE("spins: below T_c the 64 x 64 lattice holds Onsager's spontaneous magnetisation") {
    // Far enough below T_c that the correlation length is a few sites: the finite-size
    // correction is exponentially small in L / xi.
    const Context ctx(Backend::Cpu);
    for (double T : {1.8, 2.0, 2.1}) {
        auto p = test::chain_params(2, 64, Model::ising, 2, T, Algorithm::multispin, 13);
        p.start = spins::Start::ordered;
        const auto t = spins::thermodynamics(test::chain_series(ctx, p, 500, 10000), T, 4096);
        CAPTURE(T);
        CAPTURE(t.abs_m.value);
        CAPTURE(t.abs_m.error);
        CHECK(within(t.abs_m, test::onsager_magnetisation(T)));
    }
}

TEST_CASE("spins: cluster and local updates agree on |m|, susceptibility and Binder cumulant at T_c, 2-D and 3-D") {
    const Context ctx(Backend::Cpu);
    struct Case {
        int dim, L;
        double T;
    };
    // 3-D: K_c = 0.2216546 (Hasenbusch 2010).
    for (const Case& c : {Case{2, 16, test::ising_2d_critical_temperature()}, Case{3, 8, 1 / 0.2216546}}) {
        const int sites = c.dim == 2 ? c.L * c.L : c.L * c.L * c.L;
        const auto local = spins::thermodynamics(
            test::chain_series(ctx, test::chain_params(c.dim, c.L, Model::ising, 2, c.T, Algorithm::metropolis, 31),
                               2000, 60000),
            c.T, sites);
        for (Algorithm a : {Algorithm::wolff, Algorithm::swendsen_wang}) {
            const auto cluster = spins::thermodynamics(
                test::chain_series(ctx, test::chain_params(c.dim, c.L, Model::ising, 2, c.T, a, 32), 500, 20000), c.T,
                sites);
            CAPTURE(c.dim);
            CAPTURE(name(a));
            CHECK(agree(cluster.energy, local.energy));
            CHECK(agree(cluster.abs_m, local.abs_m));
            CHECK(agree(cluster.susceptibility, local.susceptibility));
            CHECK(agree(cluster.binder, local.binder));
        }
    }
}

TEST_CASE(
    "spins: at T_c the Wolff update decorrelates |m| more than 15 times faster per sweep than Metropolis (32 x 32)") {
    const Context ctx(Backend::Cpu);
    const double Tc = test::ising_2d_critical_temperature();
    auto p = test::chain_params(2, 32, Model::ising, 2, Tc, Algorithm::metropolis, 41);
    const double local = spins::thermodynamics(test::chain_series(ctx, p, 2000, 100000), Tc, 1024).tau_abs_m;
    // One cluster per step; a step is a fraction of a sweep: the mean cluster size over N.
    p.algorithm = Algorithm::wolff;
    p.wolff_clusters = 1;
    spins::SpinChain wolff(ctx, p);
    wolff.sweep(2000);
    std::vector<spins::Sample> series;
    for (int i = 0; i < 40000; ++i) {
        wolff.sweep(1);
        series.push_back(wolff.measure());
    }
    const double per_cluster = spins::thermodynamics(series, Tc, 1024).tau_abs_m;
    const double per_sweep = per_cluster * wolff.mean_cluster_fraction();
    MESSAGE("tau_int(|m|) at T_c, L = 32: Metropolis ", local, " sweeps; Wolff ", per_cluster, " clusters of ",
            wolff.mean_cluster_fraction(), " N each = ", per_sweep, " sweeps");
    CHECK(local > 15 * per_sweep);
}

TEST_CASE("spins: the Binder cumulant at T_c is the 2-D Ising universal value 0.61069 at L = 16 and 32") {
    // U* = 0.6106901(5): Salas and Sokal, J. Stat. Phys. 98, 551 (2000); corrections at these
    // sizes are far below the errors.
    const Context ctx(Backend::Cpu);
    const double Tc = test::ising_2d_critical_temperature();
    for (int L : {16, 32}) {
        auto p = test::chain_params(2, L, Model::ising, 2, Tc, Algorithm::wolff, 3);
        p.wolff_clusters = 4;
        const auto t = spins::thermodynamics(test::chain_series(ctx, p, 500, 20000), Tc, L * L);
        CAPTURE(L);
        CAPTURE(t.binder.value);
        CAPTURE(t.binder.error);
        CHECK(within(t.binder, 0.6106901));
    }
}

TEST_CASE("spins: the Binder cumulants of L = 16 and 32 cross within 0.2 % of the 2-D Ising T_c" *
          doctest::test_suite("slow")) {
    // Below T_c the larger lattice orders more (larger U), above it less: the sign of
    // U_32 - U_16 flips between T_c (1 - 0.002) and T_c (1 + 0.002).
    const Context ctx(Backend::Cpu);
    const double Tc = test::ising_2d_critical_temperature();
    auto binder = [&](int L, double T) {
        auto p = test::chain_params(2, L, Model::ising, 2, T, Algorithm::wolff, 3);
        p.wolff_clusters = 4;
        return spins::thermodynamics(test::chain_series(ctx, p, 500, 200000), T, L * L).binder;
    };
    for (double side : {-1.0, 1.0}) {
        const double T = Tc * (1 + 0.002 * side);
        const spins::Estimate small = binder(16, T), large = binder(32, T);
        const double gap = (large.value - small.value) * -side;  // > 0 on both sides for a crossing inside
        CAPTURE(T);
        CAPTURE(small.value);
        CAPTURE(large.value);
        CHECK(gap > 3 * std::hypot(small.error, large.error));
    }
}
