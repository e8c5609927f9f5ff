// SPDX-License-Identifier: MIT
// The lattice_mc solver: exact restart from bit-packed spins for every update, steering of T
// and h, checkpoint contents that no run can continue from, and scenario rules. Its physics is
// checked in tests/spins against exact results.
#include <doctest/doctest.h>

#include <string>
#include <hdf5.h>
#include "../backends.hpp"
#include "../temp_dir.hpp"
#include "sim_helpers.hpp"

using namespace simt;

namespace {
std::string scenario(const std::string& physics, const std::string& update, int L = 32, int dim = 2) {
    return "solver: lattice_mc\nseed: 5\nlattice: {dim: " + std::to_string(dim) + ", L: " + std::to_string(L) +
           "}\nphysics: {" + physics + "}\nupdate: {" + update +
           "}\nmeasure: {thermalise: 20, every: 3}\noutput: {observables_every: 10}\n";
}
/// Overwrites a whole dataset of a checkpoint with the C API, as a damaging tool would (HDF5
/// recomputes the checksum, so only the content rules can catch it).
template <class T>
void overwrite(const std::string& path, const char* dataset, hid_t type, const std::vector<T>& values) {
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(file >= 0);
    const hid_t data = H5Dopen2(file, dataset, H5P_DEFAULT);
    REQUIRE(data >= 0);
    REQUIRE(H5Dwrite(data, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
    REQUIRE(H5Dclose(data) >= 0);
    REQUIRE(H5Fclose(file) >= 0);
}
/// Overwrites an int64 attribute of a checkpoint's group.
void overwrite_attribute(const std::string& path, const char* group, const char* name, std::int64_t value) {
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(file >= 0);
    const hid_t g = H5Oopen(file, group, H5P_DEFAULT);
    const hid_t attr = H5Aopen(g, name, H5P_DEFAULT);
    REQUIRE(attr >= 0);
    REQUIRE(H5Awrite(attr, H5T_NATIVE_INT64, &value) >= 0);
    REQUIRE(H5Aclose(attr) >= 0);
    REQUIRE(H5Oclose(g) >= 0);
    REQUIRE(H5Fclose(file) >= 0);
}
}  // namespace

TEST_CASE("lattice_mc: restart from the bit-packed spins is exact for every update") {
    const std::string cases[] = {
        scenario("T: 2.3, h: 0.05", "method: metropolis"), scenario("T: 2.3", "method: multispin"),
        scenario("T: 4.5", "method: wolff, wolff_clusters: 3", 8, 3),
        scenario("model: potts, q: 3, T: 1.0", "method: heat_bath"),
        scenario("model: potts, q: 5, T: 0.8", "method: swendsen_wang"),
        // A narrow ladder on a small lattice: round trips in the first half too.
        scenario("T: 2.4", "method: heat_bath", 8) + "tempering: {replicas: 3, T_max: 2.7, sweeps_per_exchange: 2}\n"};
    for (Backend b : test::backends()) {
        for (const std::string& yaml : cases) {
            CAPTURE(yaml);
            test::TempDir tmp;
            test::check_exact_restart(yaml, b, 120, tmp.path.string());
        }
    }
}

TEST_CASE("lattice_mc: steering T starts a new series and the lattice follows the new temperature") {
    auto sim = test::make_sim(scenario("T: 5.0", "method: metropolis", 32), Backend::Cpu);
    sim.step(130);
    CHECK(test::observable(sim, "samples") == 37);  // sweeps 20, 23, ..., 128
    CHECK(test::observable(sim, "abs_m_mean") < 0.2);
    sim.set("physics.T", Value(1.5));
    CHECK(test::observable(sim, "samples") == 0);
    sim.step(400);
    // Onsager: m = 0.9865 at T = 1.5; the quench may leave a stripe, so only most of it.
    CHECK(test::observable(sim, "samples") == 127);  // sweeps 150, 153, ..., 528
    CHECK(test::observable(sim, "abs_m") > 0.5);
    CHECK(sim.scenario_text().find("T: 1.5") != std::string::npos);
}

TEST_CASE("lattice_mc: a field steered into a cluster update is refused with the rule") {
    auto sim = test::make_sim(scenario("T: 2.3", "method: wolff"), Backend::Cpu);
    CHECK_THROWS_WITH_AS(sim.set("physics.h", Value(0.1)),
                         doctest::Contains("lattice_mc: spins: cluster updates need h = 0 and J > 0"), ConfigError);
}

TEST_CASE("lattice_mc: scenario rules the kernels need are checked when the scenario is read") {
    CHECK_THROWS_WITH_AS(test::make_sim(scenario("T: 2.3", "method: multispin", 48), Backend::Cpu),
                         doctest::Contains("update multispin needs the 2-D Ising model with L a multiple of 32"),
                         ConfigError);
    CHECK_THROWS_WITH_AS(test::make_sim(scenario("T: 2.3", "method: metropolis", 30 + 1), Backend::Cpu),
                         doctest::Contains("L must be even"), ConfigError);
    CHECK_THROWS_WITH_AS(test::make_sim(scenario("model: ising, q: 3, T: 2.3", "method: metropolis"), Backend::Cpu),
                         doctest::Contains("ising has q = 2"), ConfigError);
}

TEST_CASE("lattice_mc: a checkpoint whose packed spins hold a state >= q is refused, naming the dataset and spin") {
    test::TempDir tmp;
    const std::string path = (tmp.path / "c.h5").string();
    {
        auto sim = test::make_sim(scenario("model: potts, q: 3, T: 1.0", "method: metropolis", 8), Backend::Cpu);
        sim.step(10);
        sim.checkpoint(path);
    }
    // 2 bits a spin: all bits set is state 3 everywhere (64 spins in two words).
    overwrite(path, "/fields/spins", H5T_NATIVE_INT64, std::vector<std::int64_t>(2, -1));
    CHECK_THROWS_WITH_AS(Simulation::restore(path, "cpu"),
                         doctest::Contains("/fields/spins: spins: spin 0 has state 3, not below q = 3"),
                         CheckpointError);
}

TEST_CASE("lattice_mc: parallel tempering reports each temperature, the pairs' acceptance and round trips") {
    auto sim = test::make_sim(scenario("T: 2.0", "method: metropolis", 16) + "tempering: {replicas: 4, T_max: 3.0}\n",
                              Backend::Cpu);
    sim.step(3000);
    // Slot 0 is the coldest: ordered; slot 3 at T = 3 is not.
    CHECK(test::observable(sim, "abs_m_0") > 0.7);
    CHECK(test::observable(sim, "abs_m_3") < 0.5);
    CHECK(test::observable(sim, "energy_0") < test::observable(sim, "energy_3"));
    for (const char* pair : {"acceptance_0", "acceptance_1", "acceptance_2"}) {
        CAPTURE(pair);
        CHECK(test::observable(sim, pair) > 0.05);
        CHECK(test::observable(sim, pair) < 1.0);
    }
    CHECK(test::observable(sim, "round_trips") >= 5);
    CHECK_THROWS_WITH_AS(sim.set("physics.T", Value(2.1)),
                         doctest::Contains("cannot be steered with tempering.replicas > 1"), ConfigError);
    CHECK_THROWS_WITH_AS(
        test::make_sim(scenario("T: 2.0", "method: metropolis", 16) + "tempering: {replicas: 4}\n", Backend::Cpu),
        doctest::Contains("tempering.T_max = 0 must be above physics.T = 2 for 4 replicas"), ConfigError);
}

TEST_CASE("lattice_mc: a tempering checkpoint whose replica_at is not a permutation is refused") {
    test::TempDir tmp;
    const std::string path = (tmp.path / "c.h5").string();
    {
        auto sim = test::make_sim(
            scenario("T: 2.0", "method: metropolis", 8) + "tempering: {replicas: 3, T_max: 3.0}\n", Backend::Cpu);
        sim.step(10);
        sim.checkpoint(path);
    }
    overwrite(path, "/fields/replica_at", H5T_NATIVE_INT32, std::vector<std::int32_t>{0, 0, 2});
    CHECK_THROWS_WITH_AS(Simulation::restore(path, "cpu"), doctest::Contains("replica_at"), CheckpointError);
}

TEST_CASE("lattice_mc: a checkpoint whose sample count is not its series' length is refused") {
    test::TempDir tmp;
    const std::string path = (tmp.path / "c.h5").string();
    {
        auto sim = test::make_sim(scenario("T: 2.3", "method: metropolis", 8), Backend::Cpu);
        sim.step(40);  // samples at sweeps 20, 23, ..., 38
        sim.checkpoint(path);
    }
    // A count far beyond the 7 samples stored: sizing the series by it would exhaust memory.
    overwrite_attribute(path, "/state", "samples", std::int64_t(1) << 60);
    CHECK_THROWS_WITH_AS(
        Simulation::restore(path, "cpu"),
        doctest::Contains("/state/samples = 1152921504606846976: /fields/sample_energy must hold that many values"),
        CheckpointError);
}

TEST_CASE("lattice_mc: a tempering checkpoint whose step overflows the replicas' sweep count is refused") {
    test::TempDir tmp;
    const std::string path = (tmp.path / "c.h5").string();
    {
        auto sim = test::make_sim(scenario("T: 2.0", "method: metropolis", 8) +
                                      "tempering: {replicas: 2, T_max: 3.0, sweeps_per_exchange: 4}\n",
                                  Backend::Cpu);
        sim.step(3);
        sim.checkpoint(path);
    }
    overwrite_attribute(path, "/simt", "step", std::int64_t(1) << 62);
    CHECK_THROWS_WITH_AS(Simulation::restore(path, "cpu"),
                         doctest::Contains("4 sweeps per exchange would overflow the sweep count"), CheckpointError);
}
