// SPDX-License-Identifier: MIT
// Helpers for the solver tests: build a Simulation from YAML text, read a field or an
// observable, check that a checkpointed run continues exactly and that CPU and GPU agree.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
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
    const auto convert = [&](auto zero) {
        std::vector<decltype(zero)> tmp(out.size());
        detail::copy_bytes(tmp.data(), Backend::Cpu, f.data, f.location, tmp.size() * sizeof(zero));
        out.assign(tmp.begin(), tmp.end());
    };
    if (f.dtype == io::DType::F32) {
        convert(0.0f);
    } else if (f.dtype == io::DType::I32) {
        convert(std::int32_t(0));
    } else if (f.dtype == io::DType::U8) {
        convert(std::uint8_t(0));
    } else {
        detail::copy_bytes(out.data(), Backend::Cpu, f.data, f.location, out.size() * sizeof(double));
    }
    return out;
}

/// Whether the solver reports the observable `name` (observables that do not apply are absent).
inline bool has_observable(Simulation& sim, const std::string& name) {
    for (const auto& [key, value] : sim.observables())
        if (key == name) return true;
    return false;
}

/// The observable `name` of the current state.
inline double observable(Simulation& sim, const std::string& name) {
    for (const auto& [key, value] : sim.observables())
        if (key == name) return value;
    FAIL("no observable ", name);
    return 0;
}

/// The lbm keys of a precision name: "float" and "double" store populations as they compute,
/// "fp16" computes in float and stores fp16.
inline std::string lbm_precision_keys(const std::string& precision) {
    const bool half = precision == "fp16";
    return "precision: " + std::string(half ? "float" : precision) + "\nstorage: " + (half ? "fp16" : "native") +
           "\n";
}

inline bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
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

/// Runs `yaml` for `steps` on the CPU and on the GPU and checks that every field but those in
/// `own_check` agrees to `tol` (absolute); `more` may check the two runs further.
inline void check_cpu_gpu_agree(const std::string& yaml, std::int64_t steps, double tol,
                                const std::function<void(Simulation& cpu, Simulation& gpu)>& more = {},
                                const std::vector<std::string>& own_check = {}) {
    auto cpu = make_sim(yaml, Backend::Cpu);
    auto gpu = make_sim(yaml, Backend::Cuda);
    cpu.step(steps);
    gpu.step(steps);
    for (const auto& name : cpu.solver().field_names()) {
        if (std::find(own_check.begin(), own_check.end(), name) != own_check.end()) continue;
        CAPTURE(name);
        const auto a = field_values(cpu, name), g = field_values(gpu, name);
        REQUIRE(a.size() == g.size());
        double worst = 0;
        for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i] - g[i]));
        CHECK(worst < tol);
    }
    if (more) more(cpu, gpu);
}
}  // namespace simt::test
