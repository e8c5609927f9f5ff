// SPDX-License-Identifier: MIT
// `simt info` (build, backends, GPU, library versions) and `simt solvers` (registered solvers
// and every key they take).
#include <CLI/Version.hpp>
#include <cmath>
#include <fmt/format.h>
#if defined(_OPENMP)
#include <omp.h>
#endif
#include <simt/core/backend.hpp>
#include <simt/io/versions.hpp>
#include <simt/solvers/registry.hpp>
#include "commands.hpp"
#include "exit_codes.hpp"

namespace simt::cli {
namespace {
std::string cuda_version_text(int v) { return v ? fmt::format("{}.{}", v / 1000, (v % 1000) / 10) : "none"; }

/// A bound as the key's kind reads it: 1048576 for an integer key, not 1.04858e+06.
std::string bound_text(const io::KeySpec& k, double x) {
    return k.kind == io::Kind::Int ? io::integer_text(x) : fmt::format("{:g}", x);
}

std::string describe(const io::KeySpec& k) {
    std::string s = std::string(io::kind_name(k.kind));
    if (!k.choices.empty()) {
        s = "one of";
        for (std::size_t i = 0; i < k.choices.size(); ++i) s += (i ? ", " : " ") + k.choices[i];
    }
    const bool has_min = std::isfinite(k.min), has_max = std::isfinite(k.max);
    if (has_min && has_max && k.min == k.max) {
        s += " = " + bound_text(k, k.min);
    } else {
        if (has_min) s += fmt::format(" {} {}", k.min_exclusive ? ">" : ">=", bound_text(k, k.min));
        if (has_max) s += fmt::format("{} <= {}", has_min ? "," : "", bound_text(k, k.max));
    }
    if (k.kind == io::Kind::Table) s += " (default: empty)";
    else
        s += k.default_value
                 ? " (default " + (to_string(*k.default_value).empty() ? "''" : to_string(*k.default_value)) + ")"
                 : " (required)";
    if (k.steerable) s += " [steerable]";
    return s;
}

void print_keys(const io::Schema& schema) {
    for (const auto& k : schema.keys()) fmt::print("    {:<28} {}\n      {}\n", k.path, describe(k), k.doc);
}
}  // namespace

int info() {
    fmt::print("simt {}\n", SIMT_VERSION);
    fmt::print("  backends built: cpu (OpenMP{}){}\n",
#if defined(_OPENMP)
               fmt::format(", {} threads", omp_get_max_threads()),
#else
               "",
#endif
               SIMT_ENABLE_CUDA ? ", cuda" : "");
    const DeviceInfo gpu = cuda_device_info();
    if (gpu.name.empty()) {
        fmt::print("  GPU: none answers{}\n", SIMT_ENABLE_CUDA ? "" : " (built without CUDA)");
    } else {
        fmt::print("  GPU: {} (sm_{}{}), {} SMs, {:.1f} GiB; CUDA runtime {}, driver {}\n", gpu.name, gpu.compute_major,
                   gpu.compute_minor, gpu.multiprocessors, gpu.memory_bytes / 1073741824.0,
                   cuda_version_text(gpu.runtime_version), cuda_version_text(gpu.driver_version));
    }
    fmt::print("  default device: {}\n", cuda_available() ? "cuda" : "cpu");
    fmt::print("  libraries: HDF5 {}, yaml-cpp {}, fmt {}, CLI11 {}\n", io::hdf5_version(), io::yaml_cpp_version(),
               fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100), CLI11_VERSION);
    return ok;
}

int solvers(const std::string& name) {
    // find() names the registered solvers, with a suggestion, for an unknown name.
    const std::vector<std::string> names = name.empty() ? builtin_solvers().names()
                                                        : std::vector<std::string>{builtin_solvers().find(name).name};
    fmt::print("Keys of every scenario:\n");
    print_keys(common_schema());
    for (const auto& n : names) {
        const SolverEntry& e = builtin_solvers().find(n);
        fmt::print("\nsolver: {}\n  {}\n", e.name, e.summary);
        print_keys(e.schema);
    }
    return ok;
}
}  // namespace simt::cli
