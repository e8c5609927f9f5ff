// SPDX-License-Identifier: MIT
// Molecular dynamics throughput: LAMMPS's bench/in.lj liquid (32,000 LJ atoms, fcc at density
// 0.8442, T = 1.44, r_c = 2.5, skin 0.3, dt = 0.005, NVE), 64,000 and 1,000,000 atoms, in time
// steps/s and particle-steps/s, with the bytes the kernels declare (compulsory traffic: each
// particle's own arrays and the neighbour indices; neighbour positions are assumed to come from
// cache) and that rate as a fraction of the measured copy bandwidth. A benchmark, not a test.
//   bench_md [--device auto|cpu|cuda] [--quick]
#include <string>
#include "bench_common.hpp"

using namespace simt;
using namespace simt::bench;

namespace {
/// fcc cells nx x ny x nz (4 atoms each); check_every: steps between displacement checks (each a
/// host synchronisation on the GPU).
void bench_liquid(Backend b, const std::string& name, int nx, int ny, int nz, const char* precision, int check_every,
                  int steps, double ceiling) {
    const std::string yaml = fmt::format(
        "solver: md\nprecision: {}\nseed: 87287\nsystem: {{lattice: fcc, nx: {}, ny: {}, nz: {}, density: 0.8442}}\n"
        "initial: {{temperature: 1.44}}\npotential: {{cutoff: plain}}\nintegrator: {{dt: 0.005}}\n"
        "neighbor: {{skin: 0.3, check_every: {}, sort_every: 10}}\noutput: {{observables_every: 0}}\n",
        precision, nx, ny, nz, check_every);
    Simulation sim(io::Scenario::from_string(yaml, "bench"), std::string(backend_name(b)));
    sim.step(20);  // warm-up: first-touch pages, module load, the lists grown to size
    sim.context().synchronize();
    sim.context().profiler().enable(true);
    const auto t0 = std::chrono::steady_clock::now();
    sim.step(steps);
    sim.context().synchronize();
    const double wall = seconds_since(t0);
    double bytes = 0, force_s = 0, force_bytes = 0;
    for (const auto& r : sim.context().profiler().report()) {
        bytes += r.bytes;
        if (r.label == "md.pair.force_kick") force_s = r.total_s, force_bytes = r.bytes;
    }
    const double n = 4.0 * nx * ny * nz;
    double rebuilds = 0;
    for (const auto& [key, value] : sim.observables())
        if (key == "neighbor_rebuilds") rebuilds = value;
    fmt::print("{:<5} {:<34} {:9.0f} steps/s  {:8.3g} particle-steps/s  step {:6.1f} GB/s {:5.1f}%  force {:6.1f} GB/s "
               "{:5.1f}%  {:.0f} B/particle-step  rebuilds {:.0f}\n",
               backend_name(b).data(), name, steps / wall, n * steps / wall, bytes / wall * 1e-9,
               100 * bytes / wall * 1e-9 / ceiling, force_bytes / force_s * 1e-9, 100 * force_bytes / force_s * 1e-9 / ceiling,
               bytes / (n * steps), rebuilds);
}

void run(const BenchOptions& o) {
    const Backend b = o.backend;
    const bool gpu = b == Backend::Cuda;
    const Index n = o.quick ? (Index(1) << 22) : gpu ? (Index(1) << 27) : (Index(1) << 25);
    const double ceiling = copy_ceiling_gbps(b, n, o.quick ? 3 : 20);
    fmt::print("{:<5} {:<34} {:9.1f} GB/s  (the ceiling)\n", backend_name(b).data(), gpu ? "cudaMemcpy D2D" : "OpenMP memcpy",
               ceiling);
    const int steps = o.quick ? 10 : gpu ? 2000 : 100;
    for (const char* precision : {"double", "float"}) {
        for (int check : {1, 10}) {
            const std::string p = fmt::format("{} check every {}", precision, check);
            bench_liquid(b, "lj_liquid 32,000 " + p, 20, 20, 20, precision, check, steps, ceiling);
            bench_liquid(b, "lj 64,000 " + p, 20, 20, 40, precision, check, steps, ceiling);
            if (!o.quick) bench_liquid(b, "lj 1,000,000 " + p, 50, 50, 100, precision, check, gpu ? steps / 4 : 10, ceiling);
        }
    }
}
}  // namespace

int main(int argc, char** argv) {
    return run_bench(argc, argv, "bench_md: molecular dynamics step throughput (Lennard-Jones liquid)", nullptr, run);
}
