// SPDX-License-Identifier: MIT
// Helpers for the solver tests: build a Simulation from YAML text, read a field to the host,
// and check that a checkpointed run continues exactly.
#pragma once
#include <cstring>
#include <string>
#include <vector>
#include <doctest/doctest.h>
#include <simt/core/buffer.hpp>
#include <simt/core/memory.hpp>
#include <simt/io/scenario.hpp>
#include <simt/solvers/simulation.hpp>

namespace simt::test {
inline Simulation make_sim(const std::string& yaml, Backend b) {
    return Simulation(io::Scenario::from_string(yaml, "test.yaml"), std::string(backend_name(b)));
}

/// The field's values on the host, as doubles, in storage order (x fastest).
inline std::vector<double> field_values(Simulation& sim, const std::string& name) {
    sim.context().synchronize();
    const FieldRef f = sim.solver().field(name);
    std::vector<double> out(std::size_t(f.size()));
    if (f.dtype == io::DType::F32) {
        std::vector<float> tmp(out.size());
        detail::copy_bytes(tmp.data(), Backend::Cpu, f.data, f.location, tmp.size() * sizeof(float));
        out.assign(tmp.begin(), tmp.end());
    } else {
        detail::copy_bytes(out.data(), Backend::Cpu, f.data, f.location, out.size() * sizeof(double));
    }
    return out;
}

inline bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

/// Restart is exact: `yaml` run `steps` steps straight equals `steps / 2` steps, a checkpoint
/// in `dir`, a restore on the same backend and the remaining steps — bit for bit in the step,
/// the time, every field and every recorded observable.
inline void check_exact_restart(const std::string& yaml, Backend b, std::int64_t steps, const std::string& dir) {
    auto straight = make_sim(yaml, b);
    straight.step(steps);
    auto first = make_sim(yaml, b);
    first.step(steps / 2);
    const std::string ckpt = dir + "/half.h5";
    first.checkpoint(ckpt);
    auto second = Simulation::restore(ckpt, std::string(backend_name(b)));
    CHECK(second->steps() == steps / 2);
    second->step(steps - steps / 2);

    CHECK(second->steps() == straight.steps());
    const double t1 = second->time(), t2 = straight.time();
    CHECK(std::memcmp(&t1, &t2, sizeof t1) == 0);
    for (const auto& name : straight.solver().field_names()) {
        CAPTURE(name);
        CHECK(same_bits(field_values(*second, name), field_values(straight, name)));
    }
    REQUIRE(second->series().rows() == straight.series().rows());
    for (std::size_t c = 0; c < straight.series().columns.size(); ++c)
        CHECK(same_bits(second->series().columns[c], straight.series().columns[c]));
}
}  // namespace simt::test
