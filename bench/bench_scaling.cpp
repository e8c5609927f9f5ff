// SPDX-License-Identifier: MIT
// Scaling across ranks: run under mpirun with 1, 2, 4, ... ranks (bench/scaling.sh does). For
// heat (2-D and 3-D) and lbm D3Q19, with and without the exchange overlapped, navier_stokes and a
// 10,000-option book priced by option_pricing, strong scaling (one problem, more ranks) and weak
// scaling (the same block per rank; the grid grows along x): time per step, cell updates or paths
// per second per rank, parallel efficiency against one rank, the bytes all ranks sent per step
// (Comm::sent_bytes: the halo exchange; a book's gathered sums) and the halo-to-interior ratio of
// the decomposition (cells received per step over cells owned); and heat's halo exchange alone,
// whose bandwidth is the input of the multi-GPU model in docs/performance.md. Solvers go through the registry by
// scenario, so a solver that does not yet run across ranks prints "skipped: <its message>". A benchmark, not a test.
//   mpirun -np N bench_scaling [--device auto|cpu|cuda] [--quick] [--reference FILE] [--only TEXT]
// --reference: one rank writes its times per step to FILE, more ranks read them for the efficiency.
// --only: just the cases whose name contains TEXT ("heat 2-D", "no-overlap", "book").
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <simt/core/comm.hpp>
#include <simt/core/error.hpp>
#include <simt/stencils/decomposition.hpp>
#include <simt/stencils/halo_exchange.hpp>
#include <unistd.h>
#include "bench_common.hpp"

using namespace simt;
using namespace simt::bench;

namespace {
/// One scenario timed on this run's ranks.
struct Case {
    std::string scaling;  ///< "strong" or "weak"
    std::string name;     ///< the same on every rank count (weak cases name their size per rank)
    std::string yaml;
    stencils::Grid grid{0, 0, 0};  ///< for the halo ratio; none (nx = 0) for a book
    std::array<bool, 3> periodic{false, false, false};
    int steps = 0;
    double work = 0;        ///< cell updates or paths per step, whole problem
    const char* unit = "";  ///< of work per second per rank
};

const char* output_off = "output: {observables_every: 0, checkpoint_every: 0}\n";

std::string walls(bool three_d) {
    std::string faces =
        "boundaries: {x_min: {type: dirichlet}, x_max: {type: dirichlet}, "
        "y_min: {type: dirichlet}, y_max: {type: dirichlet}";
    if (three_d) faces += ", z_min: {type: dirichlet}, z_max: {type: dirichlet}";
    return faces + "}\n";
}

/// A case on a grid: `body` is the scenario after its grid line; one cell update per cell a step.
Case grid_case(const std::string& scaling, const std::string& name, const stencils::Grid& g,
               const std::array<bool, 3>& periodic, const std::string& solver, const std::string& body, int steps) {
    const std::string yaml =
        fmt::format("{}grid: {{nx: {}, ny: {}, nz: {}}}\n{}{}", solver, g.nx, g.ny, g.nz, body, output_off);
    return Case{scaling, name, yaml, g, periodic, steps, double(g.cells()), "MLUPs"};
}

Case heat(const std::string& scaling, int nx, int n, bool three_d, bool overlap, int steps, const std::string& size) {
    return grid_case(scaling, fmt::format("heat {} {}{}", three_d ? "3-D" : "2-D", size, overlap ? "" : " no-overlap"),
                     {nx, n, three_d ? n : 1}, {false, false, false}, "solver: heat\nprecision: double\n",
                     fmt::format("initial: {{type: random}}\n{}parallel: {{overlap: {}}}\n", walls(three_d), overlap),
                     steps);
}

/// A periodic D3Q19 box, as bench_lbm times it.
Case lbm(const std::string& scaling, int nx, int n, bool overlap, int steps, const std::string& size) {
    return grid_case(scaling, fmt::format("lbm D3Q19 float {}{}", size, overlap ? "" : " no-overlap"), {nx, n, n},
                     {true, true, true}, "solver: lbm\nlattice: D3Q19\nprecision: float\n",
                     fmt::format("physics: {{viscosity: 0.05, collision: bgk}}\nparallel: {{overlap: {}}}\n", overlap),
                     steps);
}

/// A periodic 2-D Taylor-Green vortex with the spectral pressure.
Case navier_stokes(const std::string& scaling, int nx, int n, int steps, const std::string& size) {
    return grid_case(scaling, "ns fft double " + size, {nx, n, 1}, {true, true, false},
                     "solver: navier_stokes\nprecision: double\n",
                     "physics: {viscosity: 1.0e-4, cfl: 0.5}\npressure: {solver: fft}\n"
                     "initial: {type: taylor_green}\n",
                     steps);
}

/// A mixed book of `options` rows (a quarter each European calls and puts, digitals and 12-fixing
/// arithmetic Asians over a spread of strikes, maturities and volatilities, as bench_montecarlo's),
/// written as this rank's own CSV file (book_file()).
std::filesystem::path book_file() {
    return std::filesystem::temp_directory_path() / fmt::format("simt_bench_scaling_{}.csv", getpid());
}
std::string write_book(int options) {
    const auto path = book_file();
    std::ofstream out(path);
    out << "id,type,payoff,model,spot,strike,maturity,rate,dividend,volatility,fixings,cash\n";
    for (int i = 0; i < options; ++i) {
        const int kind = i % 4;
        out << fmt::format("{},{},{},gbm,100,{},{},0.03,0.01,{},{},{}\n", i + 1, (i / 4) % 2 ? "put" : "call",
                           kind == 2   ? "digital"
                           : kind == 3 ? "arithmetic_asian"
                                       : "european",
                           70 + i % 61, 0.25 + 0.25 * (i % 8), 0.1 + 0.05 * (i % 7), kind == 3 ? "12" : "",
                           kind == 2 ? "10" : "");
    }
    return path.string();
}

Case book(const std::string& scaling, int options, int paths, int steps, const std::string& size) {
    const std::string yaml =
        fmt::format("solver: option_pricing\nseed: 42\nbook: {{file: {}}}\npricing: {{paths_per_step: {}}}\n{}",
                    write_book(options), paths, output_off);
    return Case{scaling,
                fmt::format("book {}, {} paths/step", size, paths),
                yaml,
                {0, 0, 0},
                {false, false, false},
                steps,
                double(options) * paths,
                "Mpaths/s"};
}

/// Cells every rank receives per step over the cells of the grid, summed over the blocks of the
/// rank grid a solver chooses (stencils::choose_rank_grid): the surface-to-volume of the split.
double halo_ratio(const Case& c, int ranks) {
    const std::array<int, 3> dims = stencils::choose_rank_grid(ranks, c.grid, {0, 0, 0});
    double halo = 0;
    for (int r = 0; r < ranks; ++r) {
        const stencils::Block b = stencils::block_of(c.grid, dims, r, c.periodic);
        for (int a = 0; a < 3; ++a)
            for (int side = 0; side < 2; ++side)
                if (b.dims[std::size_t(a)] > 1 && b.neighbor[std::size_t(a)][std::size_t(side)] >= 0)
                    halo += double(b.cells()) / b.n[std::size_t(a)];
    }
    return halo / double(c.grid.cells());
}

/// Times from a one-rank run, by "scaling name".
std::map<std::string, double> read_reference(const std::string& path) {
    std::map<std::string, double> t;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        const auto tab = line.rfind('\t');
        if (tab != std::string::npos) t[line.substr(0, tab)] = std::stod(line.substr(tab + 1));
    }
    return t;
}

class Table {
   public:
    Table(const Comm& comm, std::string reference, std::string only)
        : m_comm(comm), m_reference_path(std::move(reference)), m_only(std::move(only)) {
        if (!m_reference_path.empty() && comm.parallel()) m_reference = read_reference(m_reference_path);
        if (!comm.root()) return;
        fmt::print("{:<6} {:<34} {:>5} {:>7} {:>10} {:>14} {:>6} {:>12} {:>9}\n", "scaling", "case", "ranks", "grid",
                   "ms/step", "per rank", "eff", "bytes/step", "halo/int");
        std::fflush(stdout);  // before the solvers' lines on stderr
    }

    void run(const Case& c, Backend b) {
        if (c.name.find(m_only) == std::string::npos) return;
        const std::string key = c.scaling + " " + c.name;
        double step_s = 0, bytes = 0;
        try {
            Simulation sim(io::Scenario::from_string(c.yaml, "bench_scaling"), std::string(backend_name(b)));
            sim.step(2);  // warm-up: first-touch pages, plans
            sim.context().synchronize();
            m_comm.barrier();
            const std::uint64_t sent = m_comm.sent_bytes();
            const auto t0 = std::chrono::steady_clock::now();
            sim.step(c.steps);
            sim.context().synchronize();
            m_comm.barrier();  // the slowest rank's time
            step_s = seconds_since(t0) / c.steps;
            bytes = double(m_comm.sum(std::int64_t(m_comm.sent_bytes() - sent))) / c.steps;
        } catch (const ConfigError& e) {  // every rank refuses alike (a solver not split across ranks)
            if (m_comm.root())
                fmt::print("{:<6} {:<34} {:>5} skipped: {}\n", c.scaling, c.name, m_comm.size(), e.what());
            return;
        }
        if (!m_comm.parallel() && !m_reference_path.empty() && m_comm.root())
            std::ofstream(m_reference_path, std::ios::app) << key << '\t' << step_s << '\n';
        if (!m_comm.root()) return;
        const int n = m_comm.size();
        const auto one = m_reference.find(key);
        const double t1 = !m_comm.parallel() ? step_s : one != m_reference.end() ? one->second : 0;
        // Strong: the same work on n ranks should take 1/n of the time; weak: n times the work the same time.
        const double efficiency = t1 <= 0 ? 0 : c.scaling == "strong" ? t1 / (n * step_s) : t1 / step_s;
        const auto dims = c.grid.nx ? stencils::choose_rank_grid(n, c.grid, {0, 0, 0}) : std::array<int, 3>{};
        fmt::print("{:<6} {:<34} {:>5} {:>7} {:>10.3f} {:>8.1f} {:<5} {:>6} {:>12.0f} {:>9}\n", c.scaling, c.name, n,
                   c.grid.nx ? fmt::format("{}x{}x{}", dims[0], dims[1], dims[2]) : "-", 1e3 * step_s,
                   c.work / step_s / n * 1e-6, c.unit, efficiency > 0 ? fmt::format("{:.0f}%", 100 * efficiency) : "-",
                   bytes, c.grid.nx ? fmt::format("{:.4f}", halo_ratio(c, n)) : "-");
        std::fflush(stdout);
    }

   private:
    const Comm& m_comm;
    std::string m_reference_path;
    std::string m_only;
    std::map<std::string, double> m_reference;
};

/// heat's halo exchange alone (HaloExchange::exchange of a block of g, nothing to overlap),
/// `reps` times: time and bytes per exchange and the bandwidth of the halo traffic per rank, the
/// input of the multi-GPU model in docs/performance.md. Needs two ranks or more.
void exchange_alone(const Comm& comm, const stencils::Grid& g, const std::string& name, Backend b, int reps,
                    const std::string& only) {
    if (!comm.parallel() || name.find(only) == std::string::npos) return;
    const std::array<int, 3> dims = stencils::choose_rank_grid(comm.size(), g, {0, 0, 0});
    const stencils::Block block = stencils::block_of(g, dims, comm.rank(), {false, false, false});
    const Context ctx(b);
    Buffer<double> u(b, std::size_t(block.cells()));
    const std::vector<double> zeros(std::size_t(block.cells()), 0.0);
    u.copy_from_host(zeros.data());
    const auto view = u.view<3>({Index(block.n[0]), Index(block.n[1]), Index(block.n[2])});
    stencils::HaloExchange<double> halo(comm, block, b);
    halo.exchange(ctx, view);  // warm-up
    comm.barrier();
    const std::uint64_t sent = comm.sent_bytes();
    const auto t0 = std::chrono::steady_clock::now();
    for (int r = 0; r < reps; ++r) halo.exchange(ctx, view);
    comm.barrier();
    const double each_s = seconds_since(t0) / reps;
    const double bytes = double(comm.sum(std::int64_t(comm.sent_bytes() - sent))) / reps;
    if (!comm.root()) return;
    fmt::print("{:<6} {:<34} {:>5} {:>7} {:>10.3f} {:>8.2f} {:<5} {:>6} {:>12.0f} {:>9}\n", "alone", name, comm.size(),
               fmt::format("{}x{}x{}", dims[0], dims[1], dims[2]), 1e3 * each_s, bytes / each_s / comm.size() * 1e-9,
               "GB/s", "-", bytes, "-");
    std::fflush(stdout);
}

/// Sizes per platform: {strong-scaling edge, weak-scaling edge per rank}.
struct Sizes {
    int heat2[2], heat3[2], lbm[2], ns[2], options, paths, steps, book_steps;
};

void run_all(const BenchOptions& o, const std::string& reference, const std::string& only) {
    const Comm& comm = Comm::world();
    const int n = comm.size();
    const bool gpu = o.backend == Backend::Cuda;
    const Sizes s = o.quick ? Sizes{{128, 64}, {32, 24}, {24, 16}, {64, 32}, 200, 256, 4, 2}
                    : gpu   ? Sizes{{8192, 4096}, {512, 256}, {256, 192}, {1024, 512}, 10000, 100000, 50, 4}
                            : Sizes{{2048, 1024}, {160, 128}, {96, 64}, {512, 256}, 10000, 2000, 20, 2};
    if (comm.root())
        fmt::print("bench_scaling: {} rank{} on {}{}\n", n, n > 1 ? "s" : "", backend_name(o.backend).data(),
                   o.quick ? " (quick sizes)" : "");
    Table table(comm, reference, only);
    const auto edge = [](int e, int d) { return fmt::format("{}^{}", e, d); };
    const auto per_rank = [](int e, int d) { return fmt::format("{}^{}/rank", e, d); };
    for (bool overlap : {true, false}) {
        table.run(heat("strong", s.heat2[0], s.heat2[0], false, overlap, s.steps, edge(s.heat2[0], 2)), o.backend);
        table.run(heat("weak", n * s.heat2[1], s.heat2[1], false, overlap, s.steps, per_rank(s.heat2[1], 2)),
                  o.backend);
        table.run(heat("strong", s.heat3[0], s.heat3[0], true, overlap, s.steps, edge(s.heat3[0], 3)), o.backend);
        table.run(heat("weak", n * s.heat3[1], s.heat3[1], true, overlap, s.steps, per_rank(s.heat3[1], 3)), o.backend);
    }
    for (bool overlap : {true, false}) {
        table.run(lbm("strong", s.lbm[0], s.lbm[0], overlap, s.steps, edge(s.lbm[0], 3)), o.backend);
        table.run(lbm("weak", n * s.lbm[1], s.lbm[1], overlap, s.steps, per_rank(s.lbm[1], 3)), o.backend);
    }
    table.run(navier_stokes("strong", s.ns[0], s.ns[0], s.steps, edge(s.ns[0], 2)), o.backend);
    table.run(navier_stokes("weak", n * s.ns[1], s.ns[1], s.steps, per_rank(s.ns[1], 2)), o.backend);
    for (bool three_d : {false, true}) {
        const int e = three_d ? s.heat3[0] : s.heat2[0];
        exchange_alone(comm, {e, e, three_d ? e : 1}, fmt::format("halo exchange {}", edge(e, three_d ? 3 : 2)),
                       o.backend, 10 * s.steps, only);
    }
    const Case strong_book = book("strong", s.options, s.paths, s.book_steps, fmt::format("{} options", s.options));
    table.run(strong_book, o.backend);
    const Case weak_book =
        book("weak", n * s.options, s.paths, s.book_steps, fmt::format("{} options/rank", s.options));
    table.run(weak_book, o.backend);
    std::filesystem::remove(book_file());
}
}  // namespace

int main(int argc, char** argv) {
    MpiSession mpi(argc, argv);
    std::string reference, only;
    return run_bench(
        argc, argv, "bench_scaling: strong and weak scaling across ranks (run it under mpirun)", nullptr,
        [&](const BenchOptions& o) {
            try {
                run_all(o, reference, only);
            } catch (const std::exception& e) {  // one rank's error must not leave the others waiting
                std::fprintf(stderr, "bench_scaling: rank %d: %s\n", Comm::world().rank(), e.what());
                Comm::world().abort(1);
            }
        },
        [&](CLI::App& app) {
            app.add_option("--reference", reference,
                           "one rank appends its times per step here; more ranks read them for the efficiency");
            app.add_option("--only", only, "only the cases whose name contains this text");
        });
}
