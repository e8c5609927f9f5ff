// SPDX-License-Identifier: MIT
// Molecular dynamics throughput: LAMMPS's bench/in.lj liquid (32,000 LJ atoms, fcc at density
// 0.8442, T = 1.44, r_c = 2.5, skin 0.3, dt = 0.005, NVE), 64,000 and 1,000,000 atoms, and
// HOOMD-blue's benchmark (64,000 at density 1.0, buffer 0.4, NVT by Langevin at T = 1.2), in time
// steps/s (timed with the profiler off) and particle-steps/s, with the bytes the kernels declare (compulsory traffic:
// each particle's own arrays and the neighbour indices; neighbour positions are assumed to come from cache) and that
// rate as a fraction of the measured copy bandwidth. On the CPU it also runs the Debian LAMMPS binary (`lmp`, if on the
// PATH) on bench/in.lj in the same run, on one rank and on one rank per core (mpirun), beside simt on one thread and on
// all. Under mpirun it times the 32,000-atom liquid across the ranks instead, in the default order (on the CPU half
// lists, each pair on one rank, ghost forces sent back) and in particle-id order (full lists sorted by id). A
// benchmark, not a test.
//   bench_md [--device auto|cpu|cuda] [--quick]
//   mpirun -np 2 -x OMP_NUM_THREADS=1 bench_md [--quick]
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <simt/core/comm.hpp>
#include <unistd.h>
#include "bench_common.hpp"
#if defined(_OPENMP)
#include <omp.h>
#endif

using namespace simt;
using namespace simt::bench;

namespace {
/// An fcc liquid of nx x ny x nz cells (4 atoms each), plain LJ cut at 2.5.
struct Liquid {
    int nx, ny, nz;
    double density = 0.8442, temperature = 1.44, skin = 0.3;
    const char* integrator = "nve";
    int check_every = 1;         ///< steps between displacement checks
    bool deterministic = false;  ///< neighbor.deterministic: forces summed in particle-id order
};

/// Steps/s timed with the profiler off; then a profiled stretch for the declared bytes. Returns
/// particle-steps/s.
double bench_liquid(Backend b, const std::string& name, const Liquid& c, const char* precision, int steps, double ceiling) {
    const std::string yaml = fmt::format(
        "solver: md\nprecision: {}\nseed: 87287\nsystem: {{lattice: fcc, nx: {}, ny: {}, nz: {}, density: {}}}\n"
        "initial: {{temperature: {}}}\npotential: {{cutoff: plain}}\nintegrator: {{type: {}, dt: 0.005}}\n"
        "thermostat: {{temperature: {}, friction: 1.0}}\n"
        "neighbor: {{skin: {}, check_every: {}, sort_every: 10, deterministic: {}}}\noutput: {{observables_every: "
        "0}}\n",
        precision, c.nx, c.ny, c.nz, c.density, c.temperature, c.integrator, c.temperature, c.skin, c.check_every,
        c.deterministic);
    Simulation sim(io::Scenario::from_string(yaml, "bench"), std::string(backend_name(b)));
    sim.step(20);  // warm-up: first-touch pages, module load, the lists grown to size
    sim.context().synchronize();
    const auto t0 = std::chrono::steady_clock::now();
    sim.step(steps);
    sim.context().synchronize();
    const double wall = seconds_since(t0);
    const int profiled_steps = std::max(1, steps / 4);
    sim.context().profiler().enable(true);
    const auto t1 = std::chrono::steady_clock::now();
    sim.step(profiled_steps);
    sim.context().synchronize();
    const double profiled_wall = seconds_since(t1);
    double bytes = 0, force_s = 0, force_bytes = 0;
    for (const auto& r : sim.context().profiler().report()) {
        bytes += r.bytes;
        if (std::string(r.label).rfind("md.pair.", 0) == 0) force_s += r.total_s, force_bytes += r.bytes;
    }
    const double n = 4.0 * c.nx * c.ny * c.nz;
    double rebuilds = 0;
    for (const auto& [key, value] : sim.observables())
        if (key == "neighbor_rebuilds") rebuilds = value;
    if (Comm::world().root())
        fmt::print(
            "{:<5} {:<40} {:9.0f} steps/s  {:8.3g} particle-steps/s  step {:6.1f} GB/s {:5.1f}%  force {:6.1f} GB/s "
            "{:5.1f}%  {:.0f} B/particle-step  rebuilds {:.0f}\n",
            backend_name(b).data(), name, steps / wall, n * steps / wall, bytes / profiled_wall * 1e-9,
            100 * bytes / profiled_wall * 1e-9 / ceiling, force_bytes / force_s * 1e-9,
            100 * force_bytes / force_s * 1e-9 / ceiling, bytes / (n * profiled_steps), rebuilds);
    return n * steps / wall;
}

/// Runs `lmp` on bench/in.lj (the 32,000-atom case above, in.lj's own list policy), `steps` steps,
/// with `ranks` MPI ranks (mpirun when more than one); atom-steps/s from its "Loop time of X on P procs for N steps
/// with M atoms" line, or 0 where it did not run.
double run_lammps(int ranks, int steps) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / fmt::format("simt_bench_md_{}", ::getpid());
    fs::create_directories(dir);
    const std::string launcher = ranks > 1 ? fmt::format("mpirun --allow-run-as-root --oversubscribe -np {} ", ranks) : "";
    const std::string command = fmt::format(
        "cd '{}' && OMP_NUM_THREADS=1 {}lmp -in '{}/in.lj' -var every 20 -var check no -var steps {} "
        "-log none -echo none -screen screen.txt > /dev/null 2>&1",
        dir.string(), launcher, SIMT_BENCH_DIR, steps);
    double rate = 0;
    if (std::system(command.c_str()) == 0) {
        std::stringstream text;
        text << std::ifstream(dir / "screen.txt").rdbuf();
        std::smatch m;
        const std::string s = text.str();
        if (std::regex_search(s, m, std::regex(R"(Loop time of ([0-9.eE+-]+) on (\d+) procs for (\d+) steps with (\d+) atoms)")))
            rate = std::stod(m[4]) * std::stod(m[3]) / std::stod(m[1]);
    }
    fs::remove_all(dir);
    return rate;
}

/// simt and LAMMPS on in.lj, one thread (rank) and all cores, in the same run.
void compare_with_lammps(double ceiling, bool quick) {
#if defined(_OPENMP)
    const int cores = omp_get_max_threads();
#else
    const int cores = 1;
#endif
    if (std::system("command -v lmp > /dev/null 2>&1") != 0) {
        fmt::print("cpu   LAMMPS comparison skipped: no lmp on the PATH\n");
        return;
    }
    const bool mpi = std::system("command -v mpirun > /dev/null 2>&1") == 0;
    const int steps = quick ? 100 : 500;
    for (int threads : {1, cores}) {
#if defined(_OPENMP)
        omp_set_num_threads(threads);
#endif
        // simt checks the displacement every step (a rebuild every ~7 steps at T 1.44); in.lj
        // rebuilds every 20 steps unchecked, which simt's check every 20 steps reproduces.
        const double simt = bench_liquid(Backend::Cpu, fmt::format("in.lj simt double {} thread(s)", threads),
                                         Liquid{20, 20, 20}, "double", steps, ceiling);
        Liquid every_20{20, 20, 20};
        every_20.check_every = 20;
        const double simt_20 = bench_liquid(Backend::Cpu, fmt::format("in.lj simt, check every 20, {} thread(s)", threads),
                                            every_20, "double", steps, ceiling);
        const int ranks = mpi ? threads : 1;
        const double lammps = run_lammps(ranks, steps);
        fmt::print("cpu   {:<40} {:9.0f} steps/s  {:8.3g} particle-steps/s  simt / LAMMPS {:.2f} (check every step), "
                   "{:.2f} (every 20, as in.lj)\n",
                   fmt::format("in.lj LAMMPS {} rank(s)", ranks), lammps / 32000, lammps, simt / lammps, simt_20 / lammps);
        if (cores == 1) break;
    }
#if defined(_OPENMP)
    omp_set_num_threads(cores);
#endif
}

/// Under mpirun: the liquid across the ranks in both orders, checking every step and every 10.
void run_across_ranks(Backend b, bool quick) {
    const int ranks = Comm::world().size();
    const int steps = quick ? 20 : 200;
    // Rank 0's kernels' bytes against rank 0's copy bandwidth (the ranks share the memory bus).
    const double ceiling = copy_ceiling_gbps(b, Index(1) << 22, 3);
    for (int check : {1, 10}) {
        Liquid liquid{20, 20, 20};
        liquid.check_every = check;
        const double plain = bench_liquid(b, fmt::format("{} ranks, default order, check every {}", ranks, check),
                                          liquid, "double", steps, ceiling);
        liquid.deterministic = true;
        const double in_order =
            bench_liquid(b, fmt::format("{} ranks, particle-id order, check every {}", ranks, check), liquid, "double",
                         steps, ceiling);
        if (Comm::world().root())
            fmt::print("{:<5} {:<40} {:.2f}x the particle-steps/s of the default order\n", backend_name(b).data(),
                       fmt::format("{} ranks, particle-id order", ranks), in_order / plain);
    }
}

void run(const BenchOptions& o) {
    const Backend b = o.backend;
    if (Comm::world().parallel()) return run_across_ranks(b, o.quick);
    const bool gpu = b == Backend::Cuda;
    const Index n = o.quick ? (Index(1) << 22) : gpu ? (Index(1) << 27) : (Index(1) << 25);
    const double ceiling = copy_ceiling_gbps(b, n, o.quick ? 3 : 20);
    fmt::print("{:<5} {:<34} {:9.1f} GB/s  (the ceiling)\n", backend_name(b).data(), gpu ? "cudaMemcpy D2D" : "OpenMP memcpy",
               ceiling);
    if (!gpu) compare_with_lammps(ceiling, o.quick);
    const int steps = o.quick ? 10 : gpu ? 2000 : 100;
    for (const char* precision : {"double", "float"}) {
        for (int check : {1, 10}) {
            const std::string p = fmt::format("{} check every {}", precision, check);
            bench_liquid(b, "lj_liquid 32,000 " + p, Liquid{20, 20, 20, 0.8442, 1.44, 0.3, "nve", check}, precision, steps, ceiling);
            bench_liquid(b, "lj 64,000 " + p, Liquid{20, 20, 40, 0.8442, 1.44, 0.3, "nve", check}, precision, steps, ceiling);
            // HOOMD-blue's LJ benchmark: 64,000 particles at density 1.0, buffer 0.4, NVT.
            bench_liquid(b, "hoomd 64,000 langevin " + p, Liquid{20, 20, 40, 1.0, 1.2, 0.4, "langevin", check}, precision,
                         steps, ceiling);
            if (!o.quick)
                bench_liquid(b, "lj 1,000,000 " + p, Liquid{50, 50, 100, 0.8442, 1.44, 0.3, "nve", check}, precision,
                             gpu ? steps / 4 : 10, ceiling);
        }
    }
    // What the particle-id order costs (full lists sorted by id at each build, fixed-order sums):
    // the same liquid both ways.
    Liquid ordered{20, 20, 20};
    ordered.deterministic = true;
    const double plain = bench_liquid(b, "lj_liquid 32,000 double", Liquid{20, 20, 20}, "double", steps, ceiling);
    const double in_order = bench_liquid(b, "lj_liquid 32,000 double deterministic", ordered, "double", steps, ceiling);
    fmt::print("{:<5} {:<34} {:.2f}x the particle-steps/s of the default order\n", backend_name(b).data(),
               "neighbor.deterministic: true", in_order / plain);
}
}  // namespace

int main(int argc, char** argv) {
    MpiSession mpi(argc, argv);
    return run_bench(argc, argv, "bench_md: molecular dynamics step throughput (Lennard-Jones liquid)", nullptr, run);
}
