// SPDX-License-Identifier: MIT
// Replica exchange must leave every temperature's distribution the Boltzmann one: each slot
// of the ladder against the exact 16 x 16 Ising torus (Kaufman), while replicas do travel.
#include <doctest/doctest.h>

#include <cmath>
#include <simt/spins/parallel_tempering.hpp>
#include <simt/spins/statistics.hpp>
#include "backends.hpp"
#include "chain_series.hpp"
#include "exact_ising_2d.hpp"

using namespace simt;

TEST_CASE(
    "spins parallel tempering: every temperature of the ladder keeps the exact energy and specific heat, and replicas "
    "make round trips") {
    const Context ctx(Backend::Cpu);
    spins::TemperingParams p;
    p.chain = test::chain_params(2, 16, spins::Model::ising, 2, 1.0, spins::Algorithm::metropolis, 17);
    p.temperatures = {2.0, 2.15, test::ising_2d_critical_temperature(), 2.45, 2.7};
    spins::ParallelTempering pt(ctx, p);
    pt.step(1000);
    const int slots = pt.replicas();
    std::vector<std::vector<spins::Sample>> series(static_cast<std::size_t>(slots));
    for (int e = 0; e < 30000; ++e) {
        pt.step(1);
        for (int k = 0; k < slots; ++k) series[k].push_back(pt.measure(k));
    }
    for (int k = 0; k < slots; ++k) {
        const double T = p.temperatures[k];
        const auto t = spins::thermodynamics(series[k], T, 256);
        CAPTURE(T);
        CAPTURE(t.energy.value);
        CAPTURE(t.specific_heat.value);
        CHECK(std::fabs(t.energy.value - test::ising_2d_energy(16, T)) <= 4 * t.energy.error);
        CHECK(std::fabs(t.specific_heat.value - test::ising_2d_specific_heat(16, T)) <= 4 * t.specific_heat.error);
    }
    for (int k = 0; k + 1 < slots; ++k) {
        CAPTURE(k);
        CHECK(pt.acceptance(k) > 0.1);
        CHECK(pt.acceptance(k) < 1.0);
    }
    MESSAGE("round trips in 31000 exchanges of 5 replicas: ", pt.round_trips());
    CHECK(pt.round_trips() >= 20);
}

TEST_CASE(
    "spins parallel tempering: the batched sweep of every replica gives the spins of one replica at a time, "
    "on every backend") {
    const Context cpu(Backend::Cpu);
    for (Backend backend : test::backends()) {
        const Context ctx(backend);
        for (auto a : {spins::Algorithm::metropolis, spins::Algorithm::heat_bath}) {
            for (int dim : {2, 3}) {
                spins::TemperingParams p;
                p.chain = test::chain_params(dim, 8, spins::Model::ising, 2, 1.0, a, 23);
                p.temperatures =
                    dim == 2 ? std::vector<double>{2.0, 2.3, 2.6, 3.0} : std::vector<double>{4.0, 4.5, 5.0};
                p.sweeps_per_exchange = 2;
                spins::ParallelTempering batched(ctx, p);
                p.batched = false;
                spins::ParallelTempering one_by_one(cpu, p);
                batched.step(50);
                one_by_one.step(50);
                const spins::TemperingState x = batched.state(), y = one_by_one.state();
                CAPTURE(backend_name(backend));
                CAPTURE(dim);
                CHECK(x.spins == y.spins);
                CHECK(x.replica_at == y.replica_at);
                CHECK(x.accepted == y.accepted);
                // Exchanges happened, so the tables followed the replicas' temperatures.
                CHECK(x.accepted[0] > 0);
            }
        }
    }
}
