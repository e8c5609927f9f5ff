// SPDX-License-Identifier: MIT
// `simt price BOOK`: prices every valid row of a book in batched launches, writes the results
// as CSV and HDF5, lists the bad rows on stderr and says in its exit code that some failed.
#include <chrono>
#include <cstdio>
#include <unistd.h>
#include <fmt/format.h>
#include <simt/core/context.hpp>
#include <simt/io/records.hpp>
#include <simt/montecarlo/book_pricer.hpp>
#include <simt/solvers/book_results.hpp>
#include "commands.hpp"
#include "exit_codes.hpp"

namespace simt::cli {
int price(const PriceOptions& opt) {
    montecarlo::Book book = montecarlo::parse_book(io::read_records(opt.book));
    montecarlo::BookSettings s;
    s.seed = opt.seed;
    s.paths = opt.paths;
    s.antithetic = opt.antithetic;
    s.greeks = opt.greeks;
    s.fp32 = opt.fp32;
    s.qmc = opt.qmc;
    s.qmc_replicates = opt.qmc_replicates;
    Context ctx(resolve_backend(opt.device));
    const bool tty = isatty(STDERR_FILENO);
    const auto progress = [&](std::size_t done, std::size_t total) {
        if (tty) fmt::print(stderr, "\rsimt price: {}/{} options", done, total);
    };
    const auto t0 = std::chrono::steady_clock::now();
    auto results = montecarlo::price_book(ctx, book.options, s, progress);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (tty) fmt::print(stderr, "\n");
    montecarlo::reject_non_finite(book, results);
    for (const auto& bad : book.bad_rows) fmt::print(stderr, "simt: bad row: {}\n", montecarlo::describe(bad));
    write_book_results(opt.output, book_result_columns(book.options, results, opt.greeks));
    fmt::print(stderr, "simt: priced {} options ({} bad rows) on {} with {} paths each in {:.3f} s; results {}\n",
               book.options.size(), book.bad_rows.size(), backend_name(ctx.backend()),
               montecarlo::book_samples(s) * (opt.qmc ? opt.qmc_replicates : 1) * (opt.antithetic ? 2 : 1), seconds,
               opt.output);
    return book.bad_rows.empty() ? ok : bad_rows;
}
}  // namespace simt::cli
