// SPDX-License-Identifier: MIT
// Prices a whole book: options are grouped by model and payoff, each group goes to its
// engine's batch launch (gbm_batch.hpp), and the sums become prices, standard errors, 95%
// intervals and, when asked, Greeks. The one place where a model and payoff pick an engine:
// a new model or estimator plugs in at simulate_group (book_pricer.cpp).
#pragma once
#include <cstdint>
#include <functional>
#include <vector>
#include <simt/core/context.hpp>
#include <simt/montecarlo/book.hpp>
#include <simt/montecarlo/gbm_batch.hpp>
#include <simt/montecarlo/pricing_request.hpp>

namespace simt::montecarlo {
/// The samples behind `paths` paths (pairs with antithetic variates, a multiple of 4 with fp32;
/// points, or point pairs, per replicate with qmc).
Index book_samples(const PricingRequest& s);

/// What one batch of samples added up to for each option, and the wall time spent on it.
struct BookSums {
    std::vector<GreekSums> sums;  ///< per option; only .price without Greeks
    std::vector<double> seconds;  ///< per option: its launch group's time shared evenly
    BookSums& operator+=(const BookSums& other);
};

/// Called after each launch group with (options done, options in the book).
using BookProgress = std::function<void(std::size_t, std::size_t)>;

/// Samples [first_sample, first_sample + samples) of every option. The sums of consecutive
/// batches add (+=) to the sums of their union, to the order of the additions. `sample_ranks`
/// share each option's samples and all receive the sums (batch_engine.hpp); collective over them.
BookSums simulate_book(const Context& ctx, const std::vector<OptionSpec>& options, const PricingRequest& settings,
                       Index first_sample, Index samples, const BookProgress& progress = {},
                       const Comm& sample_ranks = Comm{});

struct OptionResult {
    std::uint64_t id;
    int row;
    McResult price;
    Estimate greeks[gbm_greek_count];  ///< NaN where not computed (no --greeks, pathwise for non-European)
    double seconds;
};

/// Prices from sums (at least 3 samples).
std::vector<OptionResult> book_results(const std::vector<OptionSpec>& options, const PricingRequest& settings,
                                       const BookSums& sums);

/// simulate_book over book_samples(settings) samples, then book_results.
std::vector<OptionResult> price_book(const Context& ctx, const std::vector<OptionSpec>& options,
                                     const PricingRequest& settings, const BookProgress& progress = {});

/// Moves every option whose price or standard error is not finite, and its result, out of
/// `book.options` and `results` into `book.bad_rows` (kept in row order), so that a NaN never
/// reaches a results file: the row is reported and the exit code says so.
void reject_non_finite(Book& book, std::vector<OptionResult>& results);

/// The settings of one option's GBM simulation within a batch.
GbmPathSettings gbm_settings(const OptionSpec& option, const PricingRequest& settings, Index first_sample,
                             Index samples);
}  // namespace simt::montecarlo
