// SPDX-License-Identifier: MIT
// Small helpers for the heat tests: build a Simulation from YAML text, read a field to host.
#pragma once
#include <string>
#include <vector>
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
}  // namespace simt::test
