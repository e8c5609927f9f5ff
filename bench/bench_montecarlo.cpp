// SPDX-License-Identifier: MIT
// Monte Carlo throughput of the GBM path engine (double precision, Philox + Box-Muller + exp per
// step, one path per thread, sums reduced on the device): a European option (one step) and an
// arithmetic Asian with 252 fixings, in path-steps per second, against the estimate of
// 1e12 path-steps/s for a fused fp32 kernel on an H100 (bound by the integer pipe). Not a test.
//   bench_montecarlo [--device auto|cpu|cuda] [--quick]
#include <string>
#include <simt/montecarlo/gbm_paths.hpp>
#include "bench_common.hpp"

using namespace simt;
using namespace simt::bench;
using namespace simt::montecarlo;

namespace {
constexpr double fused_fp32_ceiling = 1e12;  // path-steps/s, from the Monte Carlo issue

void bench_payoff(const Context& ctx, const char* name, GbmPayoff payoff, int fixings, Index paths) {
    GbmContract contract;
    contract.payoff = payoff;
    contract.fixings = fixings;
    contract.market = BsmInputs{100.0, 100.0, 1.0, 0.05, 0.02, 0.2};
    GbmPathSettings settings;
    settings.seed = 7;
    settings.paths = paths / 16;
    gbm_path_sums(ctx, contract, settings);  // warm-up: module load, scratch
    settings.paths = paths;
    const auto t0 = std::chrono::steady_clock::now();
    const PathSums sums = gbm_path_sums(ctx, contract, settings);
    const double s = seconds_since(t0);
    const McResult r = gbm_result(contract, settings, sums);
    const int steps = payoff == GbmPayoff::European ? 1 : fixings;
    const double rate = double(paths) * steps / s;
    fmt::print("{:<5} {:<32} {:>10} paths  {:8.3f} s  {:9.3g} path-steps/s  {:5.2f}% of 1e12   price {:.5f} +- {:.5f}\n",
               backend_name(ctx.backend()).data(), name, paths, s, rate, 100 * rate / fused_fp32_ceiling, r.price,
               r.std_error);
}

void run(const BenchOptions& o) {
    const Context ctx(o.backend);
    const bool gpu = ctx.backend() == Backend::Cuda;
    const Index european = o.quick ? (Index(1) << 16) : gpu ? (Index(1) << 28) : (Index(1) << 22);
    const Index asian = o.quick ? (Index(1) << 10) : gpu ? (Index(1) << 22) : (Index(1) << 14);
    bench_payoff(ctx, "European call, fp64", GbmPayoff::European, 1, european);
    bench_payoff(ctx, "arithmetic Asian call, 252 fixings", GbmPayoff::ArithmeticAsian, 252, asian);
}
}  // namespace

int main(int argc, char** argv) {
    return run_bench(argc, argv, "bench_montecarlo: GBM path engine throughput in path-steps/s", nullptr, run);
}
