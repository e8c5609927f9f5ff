// SPDX-License-Identifier: MIT
// What every benchmark shares: its command line, the copy-bandwidth ceiling it is measured
// against and one line of output per case.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <fmt/format.h>
#include <string>
#include <vector>
#include <simt/core/buffer.hpp>
#include <simt/io/scenario.hpp>
#include <simt/solvers/simulation.hpp>
#if SIMT_ENABLE_CUDA
#include <simt/core/cuda_check.hpp>
#endif

namespace CLI {
class App;
}

namespace simt::bench {
/// The options every benchmark takes.
struct BenchOptions {
    Backend backend = Backend::Cpu;  ///< from --device auto|cpu|cuda
    bool quick = false;              ///< small sizes, for a smoke run
    bool sweep = false;              ///< also the thread-block shape sweep (GPU)
};

/// Parses the command line (--device, --quick, where `sweep_help` is given --sweep, and what
/// `more_options` adds) and runs `body`; returns the exit code: CLI11's for --help and bad
/// options, 1 for an error in `body`. Defined in bench_options.cpp, which the host compiler
/// builds (CLI11 never meets nvcc).
int run_bench(int argc, char** argv, const std::string& description, const char* sweep_help,
              const std::function<void(const BenchOptions&)>& body,
              const std::function<void(CLI::App&)>& more_options = {});

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// The ceiling: a plain copy of n doubles by the platform's own means, in GB/s.
inline double copy_ceiling_gbps(Backend b, Index n, int reps) {
    Buffer<double> a(b, n), c(b, n);
    const double bytes = 2.0 * n * sizeof(double);
    if (b == Backend::Cuda) {
#if SIMT_ENABLE_CUDA
        cudaEvent_t start, stop;
        SIMT_CUDA_CHECK(cudaEventCreate(&start));
        SIMT_CUDA_CHECK(cudaEventCreate(&stop));
        SIMT_CUDA_CHECK(cudaMemcpy(c.data(), a.data(), a.bytes(), cudaMemcpyDeviceToDevice));
        SIMT_CUDA_CHECK(cudaEventRecord(start));
        for (int r = 0; r < reps; ++r) SIMT_CUDA_CHECK(cudaMemcpyAsync(c.data(), a.data(), a.bytes(), cudaMemcpyDeviceToDevice));
        SIMT_CUDA_CHECK(cudaEventRecord(stop));
        SIMT_CUDA_CHECK(cudaEventSynchronize(stop));
        float ms = 0;
        SIMT_CUDA_CHECK(cudaEventElapsedTime(&ms, start, stop));
        cudaEventDestroy(start);
        cudaEventDestroy(stop);
        return bytes * reps / (ms * 1e-3) * 1e-9;
#endif
    }
    std::vector<double> warm(std::size_t(n), 1.0);
    a.copy_from_host(warm.data());
    c.copy_from_host(warm.data());
    double best = 1e30;
    for (int r = 0; r < reps; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
#pragma omp parallel for schedule(static)
        for (Index chunk = 0; chunk < 64; ++chunk) {
            const Index lo = n * chunk / 64, hi = n * (chunk + 1) / 64;
            std::memcpy(c.data() + lo, a.data() + lo, std::size_t(hi - lo) * sizeof(double));
        }
        best = std::min(best, seconds_since(t0));
    }
    return bytes / best * 1e-9;
}

/// Measures and prints the copy ceiling of o's backend at the benchmarks' usual size.
inline double print_ceiling(const BenchOptions& o) {
    const bool gpu = o.backend == Backend::Cuda;
    const Index n = o.quick ? (Index(1) << 22) : gpu ? (Index(1) << 27) : (Index(1) << 25);
    const double ceiling = copy_ceiling_gbps(o.backend, n, o.quick ? 3 : 20);
    fmt::print("{:<5} {:<28} {:9.1f} GB/s  (the ceiling)\n", backend_name(o.backend).data(),
               gpu ? "cudaMemcpy D2D" : "OpenMP memcpy", ceiling);
    return ceiling;
}

inline void report(const char* backend, const std::string& name, double gbps, double ceiling, const std::string& extra = "") {
    fmt::print("{:<5} {:<28} {:9.1f} GB/s  {:5.1f}% of copy ceiling{}\n", backend, name, gbps, 100 * gbps / ceiling, extra);
}

/// Runs a scenario and reports one of its kernels from the profiler: GB/s from the bytes the
/// kernel declares, and MLUPs (launches x cells / time).
inline void bench_solver_kernel(Backend b, const std::string& yaml, const std::string& label,
                                const std::string& name, int steps, double ceiling,
                                const LaunchShape* shape = nullptr, const std::string& note = "") {
    Simulation sim(io::Scenario::from_string(yaml, "bench"), std::string(backend_name(b)));
    if (shape) sim.context().set_launch_shape(*shape);
    sim.step(2);  // warm-up: first-touch pages, module load
    sim.context().synchronize();
    sim.context().profiler().enable(true);
    sim.step(steps);
    const double cells = double(sim.solver().field(sim.solver().field_names()[0]).size());
    // A kernel split in parts labelled "<label>.<part>" (the lbm step's boundary cells) counts
    // whole; launches and bytes are the main label's.
    const auto rows = sim.context().profiler().report();
    double parts_s = 0;
    for (const auto& r : rows)
        if (r.label.rfind(label + ".", 0) == 0) parts_s += r.total_s;
    for (const auto& r : rows) {
        if (r.label != label) continue;
        const double total_s = r.total_s + parts_s;
        const double mlups = cells * r.launches / total_s * 1e-6;
        report(std::string(backend_name(b)).c_str(), name, r.bytes / total_s * 1e-9, ceiling,
               fmt::format("  {:8.0f} MLUPs  {:.0f} B/cell{}", mlups, r.bytes / r.launches / cells, note));
    }
}
}  // namespace simt::bench
