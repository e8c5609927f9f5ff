// SPDX-License-Identifier: MIT
// Comm without mpirun: one rank, and every collective call gives back what this rank put in.
// (The ranks of a real mpirun are tested through the simt command: tests/mpi.)
#include <doctest/doctest.h>

#include <vector>
#include <simt/core/comm.hpp>
#include <simt/core/error.hpp>

using namespace simt;

TEST_CASE("comm: a process not started by mpirun is rank 0 of 1") {
    const Comm& one = Comm::world();
    CHECK(one.rank() == 0);
    CHECK(one.size() == 1);
    CHECK(one.root());
    CHECK(!one.parallel());
    CHECK(!one.device_aware());
    CHECK(one.native() == nullptr);
}

TEST_CASE("comm: on one rank, collectives return this rank's values") {
    const Comm& one = Comm::world();
    CHECK(one.sum(-7) == -7);
    CHECK(one.max(42) == 42);
    const double values[] = {1.5, -2.25};
    const std::vector<unsigned char> bytes = one.gather(values, sizeof values);
    REQUIRE(bytes.size() == sizeof values);
    CHECK(reinterpret_cast<const double*>(bytes.data())[1] == -2.25);
    double v = 3.0;
    one.broadcast(&v, sizeof v);
    CHECK(v == 3.0);
    one.barrier();
    // No partner on either side: nothing moves.
    one.sendrecv(nullptr, 0, -1, nullptr, 0, -1, 0);
    // Another rank does not exist.
    CHECK_THROWS_AS(one.sendrecv(&v, sizeof v, 0, &v, sizeof v, -1, 0), Error);
}
