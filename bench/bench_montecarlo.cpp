// SPDX-License-Identifier: MIT
// Monte Carlo throughput of the GBM path engine (Philox + Box-Muller + exp per step, fused: no
// per-path data leaves the registers): a European option (one step) and an arithmetic Asian
// with 252 fixings, fp64 and fp32 paths, in path-steps per second, against the estimate
// of 1e12 path-steps/s for a fused fp32 kernel on an H100 (bound by the integer pipe); then the
// time for a 10,000-option mixed book (price_book: grouped launches). Not a test.
//   bench_montecarlo [--device auto|cpu|cuda] [--quick]
#include <string>
#include <simt/montecarlo/book_pricer.hpp>
#include <simt/montecarlo/gbm_paths.hpp>
#include "bench_common.hpp"

using namespace simt;
using namespace simt::bench;
using namespace simt::montecarlo;

namespace {
constexpr double fused_fp32_ceiling = 1e12;  // path-steps/s, from the Monte Carlo issue

void bench_payoff(const Context& ctx, const char* name, PayoffId payoff, int fixings, Index paths, bool fp32) {
    GbmContract contract;
    contract.payoff = payoff;
    contract.fixings = fixings;
    contract.market = BsmInputs{100.0, 100.0, 1.0, 0.05, 0.02, 0.2};
    GbmPathSettings settings;
    settings.seed = 7;
    settings.fp32 = fp32;
    settings.paths = paths;
    gbm_path_sums(ctx, contract, settings);  // warm-up: module load, scratch
    const auto t0 = std::chrono::steady_clock::now();
    const PathSums sums = gbm_path_sums(ctx, contract, settings);
    const double s = seconds_since(t0);
    const McResult r = gbm_result(contract, settings, sums);
    const int steps = payoff == payoff_id<payoffs::European> ? 1 : fixings;
    const double rate = double(paths) * steps / s;
    fmt::print("{:<5} {:<32} {:>10} paths  {:8.3f} s  {:9.3g} path-steps/s  {:5.2f}% of 1e12   price {:.5f} +- {:.5f}\n",
               backend_name(ctx.backend()).data(), name, paths, s, rate, 100 * rate / fused_fp32_ceiling, r.price,
               r.std_error);
}

/// A mixed book: a quarter each European calls and puts, digitals, 12-fixing arithmetic Asians
/// (control variate), over a spread of strikes, maturities and volatilities.
std::vector<OptionSpec> mixed_book(int n) {
    std::vector<OptionSpec> book(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        OptionSpec& o = book[std::size_t(i)];
        o.id = std::uint64_t(i) + 1;
        o.row = i + 1;
        const int kind = i % 4;
        o.contract.type = (i / 4) % 2 ? OptionType::Put : OptionType::Call;
        o.contract.payoff = kind == 2   ? payoff_id<payoffs::Digital>
                            : kind == 3 ? payoff_id<payoffs::ArithmeticAsian>
                                        : payoff_id<payoffs::European>;
        o.contract.fixings = 12;
        o.contract.market = BsmInputs{100.0, 70.0 + (i % 61), 0.25 + 0.25 * (i % 8), 0.03, 0.01, 0.1 + 0.05 * (i % 7)};
    }
    return book;
}

void bench_book(const Context& ctx, int options, Index paths, bool fp32) {
    const std::vector<OptionSpec> book = mixed_book(options);
    PricingRequest s;
    s.seed = 3;
    s.fp32 = fp32;
    s.paths = paths;
    price_book(ctx, book, s);  // warm-up: module load, scratch
    // price_book's two halves, timed apart: the paths, then the estimates from the sums.
    const auto t0 = std::chrono::steady_clock::now();
    const BookSums sums = simulate_book(ctx, book, s, 0, book_samples(s));
    const double simulate_sec = seconds_since(t0);
    book_results(book, s, sums);
    const double sec = seconds_since(t0);
    ctx.profiler().reset();
    ctx.profiler().enable(true);
    price_book(ctx, book, s);  // where the time goes, kernel by kernel
    ctx.profiler().enable(false);
    fmt::print("{}", ctx.profiler().table());
    const double path_steps = double(paths) * options * (1 + 11.0 / 4);  // a quarter walk 12 fixings
    fmt::print("{:<5} {:<32} {:>6} options x {:>8} paths  {:8.3f} s  {:9.3g} options/s  {:9.3g} path-steps/s  "
               "(simulate_book {:.3f} s)\n",
               backend_name(ctx.backend()).data(), fp32 ? "mixed book, fp32" : "mixed book, fp64", options, paths, sec,
               options / sec, path_steps / sec, simulate_sec);
    // The same paths as lone options, one per payoff with all its rows' paths: what grouping
    // thousands of options into a few launches costs against pricing one big option.
    double lone_sec = 0;
    for (int first : {0, 2, 3}) {  // a European, a digital and an Asian row; half the book is European
        PricingRequest lone = s;
        lone.paths = paths * (first == 0 ? options / 2 : options / 4);
        const std::vector<OptionSpec> one{book[std::size_t(first)]};
        price_book(ctx, one, lone);  // warm-up: the scratch for this size
        const auto t1 = std::chrono::steady_clock::now();
        price_book(ctx, one, lone);
        lone_sec += seconds_since(t1);
    }
    fmt::print("{:<5} the same paths as 3 lone options: {:.3f} s; book / lone = {:.2f}\n", backend_name(ctx.backend()).data(),
               lone_sec, sec / lone_sec);
}

void run(const BenchOptions& o) {
    const Context ctx(o.backend);
    const bool gpu = ctx.backend() == Backend::Cuda;
    const Index european = o.quick ? (Index(1) << 16) : gpu ? (Index(1) << 28) : (Index(1) << 22);
    const Index asian = o.quick ? (Index(1) << 10) : gpu ? (Index(1) << 22) : (Index(1) << 14);
    bench_payoff(ctx, "European call, fp64", payoff_id<payoffs::European>, 1, european, false);
    bench_payoff(ctx, "European call, fp32", payoff_id<payoffs::European>, 1, 32 * european, true);
    bench_payoff(ctx, "arithmetic Asian call 252, fp64", payoff_id<payoffs::ArithmeticAsian>, 252, asian, false);
    bench_payoff(ctx, "arithmetic Asian call 252, fp32", payoff_id<payoffs::ArithmeticAsian>, 252, 32 * asian, true);
    const int options = o.quick ? 100 : 10000;
    const Index book_paths = o.quick ? 1024 : gpu ? 100000 : 2000;
    bench_book(ctx, options, book_paths, false);
    bench_book(ctx, options, book_paths, true);
}
}  // namespace

int main(int argc, char** argv) {
    return run_bench(argc, argv, "bench_montecarlo: GBM path engine throughput in path-steps/s", nullptr, run);
}
