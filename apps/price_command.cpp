// SPDX-License-Identifier: MIT
// `simt price BOOK`: prices every valid row of a book in batched launches, prints the results as
// a table, writes them as CSV and HDF5 where -o asks, lists the bad rows on stderr and says in
// its exit code that some failed. Under mpirun every rank prices a block of the book and rank 0
// alone reports (docs/parallel.md).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <fmt/format.h>
#include <simt/core/comm.hpp>
#include <simt/core/context.hpp>
#include <simt/core/error.hpp>
#include <simt/io/records.hpp>
#include <simt/montecarlo/book_ranks.hpp>
#include <simt/solvers/book_results.hpp>
#include <simt/solvers/pricing_request_keys.hpp>
#include "commands.hpp"
#include "exit_codes.hpp"
#include "progress.hpp"

namespace simt::cli {
namespace {
/// The columns a reader wants on a terminal: id, the price with its error and interval, and
/// the Greeks that some row has (pathwise and likelihood-ratio ones exist only where valid).
std::vector<io::TableColumn> terminal_columns(const std::vector<io::TableColumn>& all) {
    std::vector<std::string> names = {"id", "price", "std_error", "ci_low", "ci_high"};
    names.insert(names.end(), std::begin(book_greek_names), std::end(book_greek_names));
    std::vector<io::TableColumn> shown;
    for (const std::string& name : names) {
        const auto c = std::find_if(all.begin(), all.end(), [&](const io::TableColumn& c) { return c.name == name; });
        if (c != all.end() && (c->numbers.empty() || std::any_of(c->numbers.begin(), c->numbers.end(),
                                                               [](double x) { return !std::isnan(x); })))
            shown.push_back(*c);
    }
    return shown;
}

/// Prints the bad rows, the table and the summary, writes the files -o asks for; the exit code.
int report_book(const PriceOptions& opt, const Context& ctx, const montecarlo::Book& book,
                const std::vector<montecarlo::OptionResult>& results, const montecarlo::PricingRequest& s,
                double seconds) {
    for (const auto& bad : book.bad_rows) fmt::print(stderr, "simt: bad row: {}\n", montecarlo::describe(bad));
    const auto columns = book_result_columns(book.options, results, s.greeks);
    fmt::print("{}", io::text_table(terminal_columns(columns)));
    if (!opt.output.empty()) io::write_results_table(opt.output, columns);
    const std::size_t n = book.options.size(), bad = book.bad_rows.size();
    const Comm& ranks = Comm::world();
    fmt::print(stderr, "simt: priced {} option{} ({} bad row{}) on {}{} with {} paths each in {:.3f} s{}\n", n,
               n == 1 ? "" : "s", bad, bad == 1 ? "" : "s", backend_name(ctx.backend()),
               ranks.parallel() ? fmt::format(" x {} ranks", ranks.size()) : "",
               montecarlo::book_samples(s) * (s.qmc ? s.qmc_replicates : 1) * (s.antithetic ? 2 : 1), seconds,
               opt.output.empty() ? "" : "; results " + opt.output);
    return book.bad_rows.empty() ? ok : bad_rows;
}
}  // namespace

int price(const PriceOptions& opt) {
    const Comm& ranks = Comm::world();
    montecarlo::Book book = montecarlo::parse_book(io::read_records(opt.book));
    const montecarlo::PricingRequest s = pricing_request(opt.request, "simt price");
    Context ctx(resolve_backend(opt.device));
    Progress progress("simt price:", "option", opt.progress_every);
    const auto t0 = std::chrono::steady_clock::now();
    auto report = [&](std::size_t done, std::size_t total) { progress(std::int64_t(done), std::int64_t(total)); };
    const montecarlo::BookShare mine =
        montecarlo::book_share(book.options.size(), ranks.size(), ranks.rank(), montecarlo::book_samples(s));
    if (ranks.root())
        report(0, std::size_t(mine.options.size()));  // the rate counts from here; rank 0 counts its share
    auto results = montecarlo::price_book_on_ranks(ranks, ctx, book.options, s,
                                                   ranks.root() ? montecarlo::BookProgress(report) : nullptr);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    int code = ok;
    if (ranks.root()) {
        montecarlo::reject_non_finite(book, results);
        code = report_book(opt, ctx, book, results, s, seconds);
    }
    ranks.broadcast(&code, sizeof code);  // every rank exits as rank 0 does
    return code;
}
}  // namespace simt::cli
