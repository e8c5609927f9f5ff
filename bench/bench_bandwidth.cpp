// SPDX-License-Identifier: MIT
// Bandwidth benchmark: for_each copy and triad, and the heat stencil, against the device's
// measured copy bandwidth (cudaMemcpy device-to-device on the GPU, an OpenMP memcpy on the
// CPU). Prints one line per case: GB/s (bytes read + written), fraction of that ceiling, and
// for the stencil MLUPs. A benchmark, not a test: it asserts nothing.
//   bench_bandwidth [--device auto|cpu|cuda] [--quick] [--sweep]
// --sweep also times the stencil under several GPU thread-block shapes, the measurement behind
// LaunchShape's defaults.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <fmt/format.h>
#include <string>
#include <vector>
#include <simt/core/for_each.hpp>
#include <simt/io/scenario.hpp>
#include <simt/solvers/simulation.hpp>
#include "bench_common.hpp"

using namespace simt;
using namespace simt::bench;

namespace {
void copy_kernel(const Context& ctx, View<const double, 1> a, View<double, 1> c) {
    for_each(ctx, Kernel("bench.copy", 2.0 * sizeof(double) * a.extent[0]), Range<1>{a.extent[0]},
             SIMT_LAMBDA(Index i) { c(i) = a(i); });
}
void triad_kernel(const Context& ctx, View<double, 1> a, View<const double, 1> b, View<const double, 1> c, double s) {
    for_each(ctx, Kernel("bench.triad", 3.0 * sizeof(double) * a.extent[0]), Range<1>{a.extent[0]},
             SIMT_LAMBDA(Index i) { a(i) = b(i) + s * c(i); });
}
void fill_kernel(const Context& ctx, View<double, 1> a, double v) {
    for_each(ctx, "bench.fill", Range<1>{a.extent[0]}, SIMT_LAMBDA(Index i) { a(i) = v + 1e-9 * double(i); });
}

double gbps_of(Profiler& p, const std::string& label) {
    for (const auto& r : p.report())
        if (r.label == label) return r.gbps();
    return 0;
}

void bench_stencil(Backend b, const std::string& precision, int n, bool three_d, int steps, double ceiling,
                   const LaunchShape* shape = nullptr) {
    const std::string yaml = fmt::format(
        "solver: heat\nprecision: {}\ngrid: {{nx: {}, ny: {}, nz: {}}}\ninitial: {{type: random}}\n"
        "boundaries: {{x_min: {{type: dirichlet}}, x_max: {{type: dirichlet}}}}\noutput: {{observables_every: 0}}\n",
        precision, n, n, three_d ? n : 1);
    const std::string label = three_d ? "heat.3d.step" : "heat.2d.step";
    const std::string shape_text =
        shape ? fmt::format("  block {}x{}x{}", shape->block_x, shape->block_y, shape->block_z) : "";
    bench_solver_kernel(b, yaml, label, fmt::format("{} {} {}^{}", label, precision, n, three_d ? 3 : 2), steps,
                        ceiling, shape, shape_text);
}

void sweep(double ceiling) {
    const LaunchShape shapes_2d[] = {{128, 2, 1}, {256, 1, 1}, {64, 4, 1}, {32, 8, 1}, {32, 4, 1}, {64, 2, 1}};
    const LaunchShape shapes_3d[] = {{128, 2, 1}, {64, 2, 2}, {32, 4, 2}, {32, 2, 4},
                                     {32, 4, 4}, {64, 4, 2}, {32, 8, 2}, {128, 1, 2}};
    for (const char* precision : {"double", "float"}) {
        for (const LaunchShape& s : shapes_2d) bench_stencil(Backend::Cuda, precision, 8192, false, 20, ceiling, &s);
        for (const LaunchShape& s : shapes_3d) bench_stencil(Backend::Cuda, precision, 512, true, 20, ceiling, &s);
    }
}

double run(Backend b, bool quick) {
    const bool gpu = b == Backend::Cuda;
    const char* name = gpu ? "cuda" : "cpu";
    const Index n = quick ? (Index(1) << 22) : gpu ? (Index(1) << 27) : (Index(1) << 25);
    const int reps = quick ? 3 : gpu ? 50 : 10;
    const double ceiling = copy_ceiling_gbps(b, n, reps);
    fmt::print("{:<5} {:<28} {:9.1f} GB/s  (the ceiling: {} of {:.2f} GiB)\n", name,
               gpu ? "cudaMemcpy D2D" : "OpenMP memcpy", ceiling, "copy", n * 8.0 / 1073741824.0);

    Context ctx(b);
    Buffer<double> a(b, n), bb(b, n), c(b, n);
    fill_kernel(ctx, a.view(), 1.0);
    fill_kernel(ctx, bb.view(), 2.0);
    fill_kernel(ctx, c.view(), 3.0);
    copy_kernel(ctx, a.view(), c.view());  // warm-up
    ctx.synchronize();
    ctx.profiler().enable(true);
    for (int r = 0; r < reps; ++r) copy_kernel(ctx, a.view(), c.view());
    for (int r = 0; r < reps; ++r) triad_kernel(ctx, a.view(), bb.view(), c.view(), 0.5);
    report(name, "for_each copy double", gbps_of(ctx.profiler(), "bench.copy"), ceiling);
    report(name, "for_each triad double", gbps_of(ctx.profiler(), "bench.triad"), ceiling);

    const int n2 = quick ? 512 : gpu ? 8192 : 2048;
    const int n3 = quick ? 64 : gpu ? 512 : 160;
    const int steps = quick ? 4 : gpu ? 50 : 10;
    for (const char* precision : {"double", "float"}) {
        bench_stencil(b, precision, n2, false, steps, ceiling);
        bench_stencil(b, precision, n3, true, steps, ceiling);
    }
    return ceiling;
}

void run_all(const BenchOptions& o) {
    if (o.backend == Backend::Cuda) {
        const DeviceInfo info = cuda_device_info();
        fmt::print("device: {} ({} SMs, {:.0f} GiB)\n", info.name, info.multiprocessors, info.memory_bytes / 1073741824.0);
    }
    const double ceiling = run(o.backend, o.quick);
    if (o.sweep && o.backend == Backend::Cuda) sweep(ceiling);
}
}  // namespace

int main(int argc, char** argv) {
    return run_bench(argc, argv, "bench_bandwidth: copy, triad and heat stencils against the copy bandwidth",
                     "also time the heat step under several thread-block shapes", run_all);
}
