// SPDX-License-Identifier: MIT
// Lattice spin Monte Carlo throughput: spin updates per nanosecond of the checkerboard kernels
// (one byte per spin) and the multi-spin-coded Ising kernel (4 bits per spin), and the traffic
// they need at the least as a fraction of the measured copy bandwidth: every spin read and
// written once a sweep (2 B a spin; 1 B in the multi-spin words), neighbours from cache.
// The last rows: parallel tempering of 64 replicas of 64^2, batched and one replica at a time.
// A benchmark, not a test.
//   bench_ising [--device auto|cpu|cuda] [--quick]
// NVIDIA's ising-gpu (Romero et al., CPC 2020) is the reference: 2-D, T = 2.269, L = 32768.
#include <simt/spins/parallel_tempering.hpp>
#include <simt/spins/spin_chain.hpp>
#include "bench_common.hpp"

using namespace simt;
using namespace simt::bench;

namespace {
void bench_chain(const Context& ctx, const spins::ChainParams& p, const std::string& name, double bytes_per_spin,
                 int sweeps, double ceiling) {
    spins::SpinChain chain(ctx, p);
    chain.sweep(2);  // warm-up: first-touch pages, module load
    ctx.synchronize();
    const auto t0 = std::chrono::steady_clock::now();
    chain.sweep(sweeps);
    ctx.synchronize();
    const double s = seconds_since(t0);
    const double updates = double(p.lattice.sites()) * sweeps;
    report(std::string(backend_name(ctx.backend())).c_str(), name, bytes_per_spin * updates / s * 1e-9, ceiling,
           fmt::format("  {:8.2f} flips/ns", updates / s * 1e-9));
}

/// Parallel tempering of many small lattices: every replica's sweep in one launch per colour, or
/// one replica after another. A step is 10 sweeps of each and one round of exchanges.
void bench_tempering(const Context& ctx, const spins::ChainParams& p, int replicas, bool batched, int steps,
                     double ceiling) {
    spins::TemperingParams t;
    t.chain = p;
    for (int r = 0; r < replicas; ++r) t.temperatures.push_back(2.0 + r * 1.0 / replicas);
    t.sweeps_per_exchange = 10;
    t.batched = batched;
    spins::ParallelTempering pt(ctx, t);
    pt.step(1);
    ctx.synchronize();
    const auto t0 = std::chrono::steady_clock::now();
    pt.step(steps);
    ctx.synchronize();
    const double s = seconds_since(t0);
    const double updates = double(p.lattice.sites()) * replicas * t.sweeps_per_exchange * steps;
    const std::string name = fmt::format("tempering {}x{}^2 {}", replicas, p.lattice.L, batched ? "batched" : "serial");
    report(std::string(backend_name(ctx.backend())).c_str(), name, 2 * updates / s * 1e-9, ceiling,
           fmt::format("  {:8.2f} flips/ns", updates / s * 1e-9));
}

spins::ChainParams params(int dim, int L, spins::Model model, int q, double T, spins::Algorithm a) {
    spins::ChainParams p;
    p.lattice = {dim, L};
    p.model.model = model;
    p.model.q = q;
    p.model.T = T;
    p.algorithm = a;
    return p;
}

void run(const BenchOptions& o) {
    const bool gpu = o.backend == Backend::Cuda;
    const Context ctx(o.backend);
    const double ceiling = print_ceiling(o);
    const int L2 = o.quick ? 512 : gpu ? 32768 : 4096;
    const int L3 = o.quick ? 64 : gpu ? 512 : 160;
    const int sweeps = o.quick ? 4 : gpu ? 100 : 10;
    const double Tc = 2.269185314213022;
    using spins::Algorithm;
    using spins::Model;
    const std::string l2 = fmt::format("{}^2", L2), l3 = fmt::format("{}^3", L3);
    bench_chain(ctx, params(2, L2, Model::ising, 2, Tc, Algorithm::metropolis), "ising metropolis " + l2, 2, sweeps,
                ceiling);
    bench_chain(ctx, params(2, L2, Model::ising, 2, Tc, Algorithm::multispin), "ising multispin " + l2, 1, sweeps,
                ceiling);
    bench_chain(ctx, params(2, L2, Model::ising, 2, 1.5, Algorithm::multispin), "ising multispin T=1.5 " + l2, 1,
                sweeps, ceiling);
    bench_chain(ctx, params(2, L2, Model::ising, 2, Tc, Algorithm::heat_bath), "ising heat_bath " + l2, 2, sweeps,
                ceiling);
    bench_chain(ctx, params(3, L3, Model::ising, 2, 4.5115, Algorithm::metropolis), "ising metropolis " + l3, 2, sweeps,
                ceiling);
    bench_chain(ctx, params(2, L2, Model::potts, 3, 0.995, Algorithm::metropolis), "potts3 metropolis " + l2, 2, sweeps,
                ceiling);
    bench_chain(ctx, params(2, L2, Model::potts, 3, 0.995, Algorithm::heat_bath), "potts3 heat_bath " + l2, 2, sweeps,
                ceiling);
    for (bool batched : {true, false}) {
        bench_tempering(ctx, params(2, 64, Model::ising, 2, Tc, Algorithm::metropolis), 64, batched,
                        o.quick ? 2
                        : gpu   ? 100
                                : 10,
                        ceiling);
    }
}
}  // namespace

int main(int argc, char** argv) {
    return run_bench(argc, argv, "bench_ising: Ising and Potts spin updates per ns against the copy bandwidth", nullptr,
                     run);
}
