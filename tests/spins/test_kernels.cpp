// SPDX-License-Identifier: MIT
// The spin kernels' bookkeeping: acceptance tables, the checkerboard and multi-spin kernels
// agreeing spin for spin, independence of the thread count and the backend, bit packing.
#include <doctest/doctest.h>

#include <cmath>
#include <simt/spins/bit_pack.hpp>
#include <simt/spins/checkerboard.hpp>
#include <simt/spins/packed_ising.hpp>
#include <simt/spins/spin_chain.hpp>
#include <simt/spins/update_tables.hpp>
#include "backends.hpp"
#include "chain_series.hpp"
#include "skip.hpp"

using namespace simt;
using spins::Algorithm;
using spins::Model;

TEST_CASE("spins: the Ising flip table holds Metropolis and Glauber probabilities of dE = 2 s (J sum + h)") {
    spins::ModelParams m;
    m.J = 0.7;
    m.h = 0.3;
    m.T = 1.9;
    const double scale = double(spins::draw_range);
    // Spin up (s = 1) with all four neighbours up in 2-D: dE = 2 (4 J + h).
    const double dE = 2 * (4 * 0.7 + 0.3);
    const auto metropolis = spins::ising_flip_table(2, m, spins::LocalUpdate::metropolis);
    const auto glauber = spins::ising_flip_table(2, m, spins::LocalUpdate::heat_bath);
    CHECK(std::fabs(double(metropolis(2, 1, 4)) - std::exp(-dE / 1.9) * scale) <= 1.0);
    CHECK(std::fabs(double(glauber(2, 1, 4)) - scale / (1 + std::exp(dE / 1.9))) <= 1.0);
    // Spin down with all neighbours up lowers the energy: always flipped by Metropolis.
    CHECK(metropolis(2, 0, 4) == spins::draw_range);
    // 3-D: spin down, two of six neighbours up: dE = -2 (J (4 - 6) + h).
    CHECK(std::fabs(double(spins::ising_flip_table(3, m, spins::LocalUpdate::metropolis)(3, 0, 2)) -
                    std::exp(-(-2 * (0.7 * -2 + 0.3)) / 1.9) * scale) <= 1.0);
}

TEST_CASE("spins: the multi-spin kernel gives the checkerboard kernel's lattice spin for spin") {
    const Context ctx(Backend::Cpu);
    for (double T : {1.5, 2.269, 4.0}) {
        auto p = test::chain_params(2, 64, Model::ising, 2, T, Algorithm::metropolis, 11);
        p.model.h = 0.1;
        spins::SpinChain bytes(ctx, p);
        p.algorithm = Algorithm::multispin;
        spins::SpinChain packed(ctx, p);
        bytes.sweep(7);
        packed.sweep(7);
        CHECK(bytes.spins() == packed.spins());
        CHECK(bytes.measure().energy == packed.measure().energy);
    }
}

// L = 64 in 3-D: enough four-site groups (32768) that the CPU loop runs on several threads.
TEST_CASE("spins: sweeps give the same lattice for any thread count and any split into calls") {
    const Context ctx(Backend::Cpu);
    for (Algorithm a : {Algorithm::metropolis, Algorithm::heat_bath}) {
        for (int q : {2, 3}) {
            auto p = test::chain_params(3, 64, q == 2 ? Model::ising : Model::potts, q, 1.2, a, 5);
            const auto once = test::with_cpu_threads(2, [&] {
                spins::SpinChain c(ctx, p);
                c.sweep(4);
                return c.spins();
            });
            const auto split = test::with_cpu_threads(1, [&] {
                spins::SpinChain c(ctx, p);
                c.sweep(1);
                c.sweep(3);
                return c.spins();
            });
            CHECK(once == split);
        }
    }
}

TEST_CASE("spins: the CPU and the GPU give the same lattice spin for spin" * doctest::test_suite("gpu")) {
    if (!cuda_available()) return test::skip("no GPU: runs in scripts/gpu-check.sh");
    const Context cpu(Backend::Cpu), gpu(Backend::Cuda);
    struct Case {
        int dim, L, q;
        Algorithm a;
    };
    for (const Case& c : {Case{2, 64, 2, Algorithm::metropolis}, Case{3, 16, 2, Algorithm::heat_bath},
                          Case{2, 64, 2, Algorithm::multispin}, Case{2, 32, 3, Algorithm::metropolis},
                          Case{3, 16, 4, Algorithm::heat_bath}, Case{2, 32, 2, Algorithm::swendsen_wang},
                          Case{2, 32, 3, Algorithm::wolff}}) {
        const auto p = test::chain_params(c.dim, c.L, c.q == 2 ? Model::ising : Model::potts, c.q, 1.0, c.a, 3);
        spins::SpinChain on_cpu(cpu, p), on_gpu(gpu, p);
        on_cpu.sweep(5);
        on_gpu.sweep(5);
        CHECK(on_cpu.spins() == on_gpu.spins());
        const spins::Sample a = on_cpu.measure(), b = on_gpu.measure();
        CHECK(a.energy == b.energy);
        CHECK(a.m == b.m);
    }
}

TEST_CASE("spins: packing spins into bits round-trips, also where a spin straddles two words") {
    for (int q : {2, 3, 5, 17, 32}) {
        std::vector<std::uint8_t> s(1000);
        for (std::size_t i = 0; i < s.size(); ++i) s[i] = std::uint8_t((i * 7 + i / 3) % std::size_t(q));
        const auto words = spins::pack_spins(s, q);
        CHECK(words.size() == (s.size() * std::size_t(spins::bits_per_spin(q)) + 63) / 64);
        CHECK(spins::unpack_spins(words, s.size(), q) == s);
    }
    CHECK(spins::bits_per_spin(2) == 1);
    CHECK(spins::bits_per_spin(3) == 2);
    CHECK(spins::bits_per_spin(5) == 3);
    // A state not below q: 3 in the 2-bit field of spin 1 with q = 3.
    const std::vector<std::uint64_t> bad{0b1100};
    CHECK_THROWS_WITH_AS(spins::unpack_spins(bad, 4, 3), "spins: spin 1 has state 3, not below q = 3", Error);
}

TEST_CASE("spins: a lattice, model or algorithm the kernels cannot run is refused with the rule") {
    const Context ctx(Backend::Cpu);
    auto p = test::chain_params(2, 30, Model::ising, 2, 1.0, Algorithm::multispin, 1);
    CHECK_THROWS_WITH_AS(
        spins::SpinChain(ctx, p),
        "spins: update multispin needs the 2-D Ising model with L a multiple of 32; got ising, dim 2, L 30", Error);
    p = test::chain_params(2, 7, Model::ising, 2, 1.0, Algorithm::metropolis, 1);
    CHECK_THROWS_WITH_AS(spins::SpinChain(ctx, p), "spins: lattice dim = 2, L = 7: L must be even and at least 4",
                         Error);
    p = test::chain_params(2, 8, Model::ising, 2, 1.0, Algorithm::wolff, 1);
    p.model.h = 0.5;
    CHECK_THROWS_AS(spins::SpinChain(ctx, p), Error);
    p = test::chain_params(2, 8, Model::potts, 40, 1.0, Algorithm::metropolis, 1);
    CHECK_THROWS_WITH_AS(spins::SpinChain(ctx, p), "spins: potts q = 40 must be in [2, 32]", Error);
}
