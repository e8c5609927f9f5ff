// SPDX-License-Identifier: MIT
// Navier-Stokes (MAC grid, SSP-RK3 with three projections per step) throughput: time per step,
// cell updates per second, the share of the step spent in the Poisson solves, and the
// bandwidth of the stencil kernels against the measured copy ceiling (bytes as each kernel
// declares them: every face array it reads or writes once), and for the CG pressure the
// iterations per solve with the multigrid and the Jacobi preconditioner; the cavity also with
// the spectral pressure (cosine transforms between the walls); on the CPU the periodic spectral
// solve also against FFTW's two transforms alone. A benchmark, not a test.
//   bench_ns [--device auto|cpu|cuda] [--quick]
#include <string>
#include "bench_common.hpp"
#include "fftw_alone.hpp"

using namespace simt;
using namespace simt::bench;

namespace {
/// The pressure solver of a case: spectral (periodic box, or the cavity's walls by cosine
/// transforms), or CG with one of the preconditioners.
enum class Pressure { Fft, FftWalls, Multigrid, Jacobi };
const char* pressure_name(Pressure p) {
    const char* names[] = {"fft", "fft-dct", "cg-mg", "cg-jacobi"};
    return names[int(p)];
}
bool iterative(Pressure p) { return p == Pressure::Multigrid || p == Pressure::Jacobi; }

/// A periodic Taylor-Green vortex (FFT pressure) or a lid-driven cavity (cosine-transform or
/// CG pressure).
std::string scenario(const std::string& precision, int n, bool three_d, Pressure pressure) {
    const bool cavity = pressure != Pressure::Fft;
    const std::string walls =
        "boundaries: {x_min: {type: wall}, x_max: {type: wall}, y_min: {type: wall},\n"
        "  y_max: {type: moving_wall, velocity_x: 1.0}}\n";
    return fmt::format(
        "solver: navier_stokes\nprecision: {}\ngrid: {{nx: {}, ny: {}, nz: {}}}\n"
        "physics: {{viscosity: 1.0e-4, cfl: 0.5}}\npressure: {{solver: {}, preconditioner: {}, tolerance: 1.0e-6}}\n"
        "initial: {{type: taylor_green, kz: 1}}\n{}output: {{observables_every: 0}}\n",
        precision, n, n, three_d ? n : 1, iterative(pressure) ? "cg" : "fft", pressure == Pressure::Jacobi ? "jacobi" : "multigrid",
        cavity ? walls : "");
}

double observable(Simulation& sim, const std::string& name) {
    for (const auto& [key, value] : sim.observables())
        if (key == name) return value;
    return 0;
}

void bench_case(Backend b, const std::string& precision, int n, bool three_d, Pressure pressure, int steps,
                double ceiling) {
    Simulation sim(io::Scenario::from_string(scenario(precision, n, three_d, pressure), "bench"),
                   std::string(backend_name(b)));
    sim.step(2);  // warm-up: first-touch pages, module load, FFT plans
    sim.context().synchronize();
    sim.context().profiler().enable(true);
    const auto t0 = std::chrono::steady_clock::now();
    sim.step(steps);
    sim.context().synchronize();
    const double step_s = seconds_since(t0) / steps;
    const double cells = double(n) * n * (three_d ? n : 1);
    // poisson.fft.solve times a whole spectral solve, the kernels it launches (poisson.fft.scale,
    // .pack, ...) included; the CG solve is the sum of its kernels.
    double poisson_s = 0;
    const auto rows = sim.context().profiler().report();
    for (const auto& r : rows)
        if (r.label == "poisson.fft.solve" || r.label.rfind("poisson.cg.", 0) == 0 || r.label.rfind("poisson.mg.", 0) == 0) {
            poisson_s += r.total_s;
        }
    const double total_s = step_s * steps;
    const std::string name =
        fmt::format("ns {} {} {}^{}", pressure_name(pressure), precision, n, three_d ? 3 : 2);
    const char* backend = backend_name(b).data();
    fmt::print("{:<5} {:<28} {:9.3f} ms/step {:9.1f} Mcell/s  Poisson {:4.1f}% of the step{}\n", backend, name,
               1e3 * step_s, cells / step_s * 1e-6, 100 * poisson_s / total_s,
               iterative(pressure) ? fmt::format("  ({:.1f} CG iterations/solve)", observable(sim, "poisson_iterations") / 3)
                      : std::string());
    const std::string d = three_d ? "ns.3d." : "ns.2d.";
    for (const char* kernel : {"stage", "divergence", "project"}) {
        for (const auto& r : rows)
            if (r.label == d + kernel) report(backend, "  " + r.label, r.gbps(), ceiling);
    }
    // The periodic solve on the CPU is FFTW's forward and backward transforms and a scaling
    // pass: against FFTW alone on the same grid, what simt adds to them.
    if (pressure == Pressure::Fft && b == Backend::Cpu) {
        for (const auto& r : rows) {
            if (r.label != "poisson.fft.solve") continue;
            const double solve_s = r.total_s / r.launches;
            const double fftw_s = fftw_pair_seconds(precision == "float", n, n, three_d ? n : 1, 3);
            fmt::print("{:<5} {:<28} {:9.3f} ms a solve, FFTW's r2c + c2r alone {:.3f} ms: {:.1f}% of the solve\n",
                       backend, "  poisson.fft.solve", 1e3 * solve_s, 1e3 * fftw_s, 100 * fftw_s / solve_s);
        }
    }
    for (const auto& r : rows)
        if (r.label == "poisson.cg.spmv" || r.label == "poisson.mg.relax" || r.label == "poisson.fft.pack" ||
            r.label == "poisson.fft.modes") {
            report(backend, "  " + r.label, r.gbps(), ceiling);
        }
}
}  // namespace

namespace {
void run(const BenchOptions& o) {
    const Backend b = o.backend;
    const bool gpu = b == Backend::Cuda;
    const double ceiling = print_ceiling(o);
    const int n2 = o.quick ? 128 : 1024, n3 = o.quick ? 32 : 256;
    // Jacobi-preconditioned CG needs O(n) iterations: it runs on a quarter of the grid.
    const int n_cg = o.quick ? 64 : gpu ? 1024 : 256;
    const int steps = o.quick ? 2 : gpu ? 20 : 3;
    for (const char* precision : {"float", "double"}) {
        bench_case(b, precision, n2, false, Pressure::Fft, steps, ceiling);
        bench_case(b, precision, n3, true, Pressure::Fft, o.quick || gpu ? steps : 1, ceiling);
        bench_case(b, precision, n2, false, Pressure::FftWalls, o.quick || gpu ? steps : 1, ceiling);
        bench_case(b, precision, n_cg, false, Pressure::Multigrid, o.quick || gpu ? steps : 1, ceiling);
        bench_case(b, precision, n_cg / 4, false, Pressure::Jacobi, o.quick || gpu ? steps : 1, ceiling);
        bench_case(b, precision, n3 / 2, true, Pressure::FftWalls, o.quick || gpu ? steps : 1, ceiling);
        bench_case(b, precision, n3 / 2, true, Pressure::Multigrid, o.quick || gpu ? steps : 1, ceiling);
    }
}
}  // namespace

int main(int argc, char** argv) {
    return run_bench(argc, argv, "bench_ns: Navier-Stokes step time, cell updates and kernel bandwidth", nullptr, run);
}
