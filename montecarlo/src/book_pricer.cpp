// SPDX-License-Identifier: MIT
#include <simt/montecarlo/book_pricer.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/montecarlo/longstaff_schwartz.hpp>
#include <simt/montecarlo/model_paths.hpp>


namespace simt::montecarlo {
namespace {
/// Options that share a launch: the same model and payoff walk the same code.
struct GroupKey {
    Model model;
    PayoffId payoff;
    bool operator<(const GroupKey& o) const {
        return model != o.model ? model < o.model : payoff < o.payoff;
    }
};

/// The dispatch: one launch (or a few, for scratch) per group, by model and estimator.
std::vector<GreekSums> simulate_group(const Context& ctx, const GroupKey& key, const std::vector<OptionSpec>& options,
                                      const std::vector<std::size_t>& members, const PricingRequest& settings,
                                      Index first_sample, Index samples, const Comm& sample_ranks) {
    if (settings.qmc && first_sample != 0) throw ConfigError("qmc: the replicates are priced in one batch");
    if (uses_gbm_engine(options[members[0]]) && !settings.qmc) {
        std::vector<GreekSums> out(members.size());
        if (settings.greeks) {
            std::vector<GbmGreekKernel> kernels;
            for (std::size_t m : members)
                kernels.push_back(make_gbm_greek_kernel(options[m].contract,
                                                        gbm_settings(options[m], settings, first_sample, samples)));
            return gbm_greek_batch_sums(ctx, kernels, samples, sample_ranks);
        }
        std::vector<GbmPathKernel> kernels;
        for (std::size_t m : members)
            kernels.push_back(
                make_gbm_path_kernel(options[m].contract, gbm_settings(options[m], settings, first_sample, samples)));
        const std::vector<PathSums> sums = gbm_batch_sums(ctx, kernels, samples, sample_ranks);
        for (std::size_t i = 0; i < sums.size(); ++i) out[i].price = sums[i];
        return out;
    }
    std::vector<OptionSpec> group;
    for (std::size_t m : members) group.push_back(options[m]);
    const PathRun run{settings.seed,
                      first_sample,
                      samples,
                      settings.antithetic,
                      settings.greeks,
                      settings.qmc ? settings.qmc_replicates : 0,
                      settings.qmc_first_replicate,
                      sample_ranks};
    if (has_path_payoff(group[0])) return model_batch_sums(ctx, key.model, group, run);
    // Early exercise: Longstaff–Schwartz, regressed on as many (Philox) paths as there are samples.
    const Index regression_paths = samples * (settings.qmc ? settings.qmc_replicates : 1);
    return lsm_batch_sums(ctx, group, run, std::max<Index>(regression_paths, 16));
}
}  // namespace

Index book_samples(const PricingRequest& s) {
    const Index pair = s.antithetic ? 2 : 1;
    if (s.qmc) return (s.paths + s.qmc_replicates * pair - 1) / (s.qmc_replicates * pair);
    const Index samples = (s.paths + pair - 1) / pair;
    return s.fp32 ? (samples + 3) / 4 * 4 : samples;
}

GbmPathSettings gbm_settings(const OptionSpec& option, const PricingRequest& settings, Index first_sample,
                             Index samples) {
    GbmPathSettings s;
    s.seed = settings.seed;
    s.option_id = option.id;
    s.paths = samples;
    s.first_path = first_sample;
    s.antithetic = settings.antithetic;
    s.fp32 = settings.fp32;
    s.control_variate = settings.control_variate && payoff_traits(option.contract.payoff).control != GbmControl::None;
    return s;
}

BookSums& BookSums::operator+=(const BookSums& other) {
    SIMT_REQUIRE(other.sums.size() == sums.size(), "BookSums: batches of different books");
    for (std::size_t i = 0; i < sums.size(); ++i) {
        sums[i] = sums[i] + other.sums[i];
        seconds[i] += other.seconds[i];
    }
    return *this;
}

BookSums simulate_book(const Context& ctx, const std::vector<OptionSpec>& options, const PricingRequest& settings,
                       Index first_sample, Index samples, const BookProgress& progress, const Comm& sample_ranks) {
    std::map<GroupKey, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < options.size(); ++i)
        groups[{options[i].model, options[i].contract.payoff}].push_back(i);
    BookSums out{std::vector<GreekSums>(options.size()), std::vector<double>(options.size(), 0.0)};
    std::size_t done = 0;
    for (const auto& [key, members] : groups) {
        const auto t0 = std::chrono::steady_clock::now();
        const std::vector<GreekSums> sums =
            simulate_group(ctx, key, options, members, settings, first_sample, samples, sample_ranks);
        const double share = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() /
                             double(members.size());
        for (std::size_t i = 0; i < members.size(); ++i) {
            out.sums[members[i]] = sums[i];
            out.seconds[members[i]] = share;
        }
        done += members.size();
        if (progress) progress(done, options.size());
    }
    return out;
}

std::vector<OptionResult> book_results(const std::vector<OptionSpec>& options, const PricingRequest& settings,
                                       const BookSums& sums) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<OptionResult> out;
    for (std::size_t i = 0; i < options.size(); ++i) {
        const OptionSpec& o = options[i];
        const GreekSums& s = sums.sums[i];
        OptionResult r{};
        r.id = o.id;
        r.row = o.row;
        const bool gbm_engine = uses_gbm_engine(o) && !settings.qmc;
        if (settings.qmc) {
            r.price = sums_result(s.price, 0.0, false, false);
            // Every replicate (of every batch) is one sample of the sums: its mean.
            r.price.paths = s.price.samples * book_samples(settings) * (settings.antithetic ? 2 : 1);
        } else {
            r.price = gbm_engine ? gbm_result(o.contract, gbm_settings(o, settings, 0, s.price.samples), s.price)
                                 : sums_result(s.price, 0.0, settings.antithetic, false);
        }
        for (int k = 0; k < gbm_greek_count; ++k) {
            bool valid;
            if (k == PathwiseDelta || k == PathwiseVega)
                valid = gbm_engine && payoff_traits(o.contract.payoff).pathwise_greeks;
            else if (k == LrDelta || k == LrVega)
                valid = has_lr_greeks(o) && !settings.qmc;
            else
                valid = true;  // bumped: the GBM engine's or bump_greeks.hpp's
            r.greeks[k] = settings.greeks && valid ? gbm_greek(s, k) : Estimate{nan, nan};
        }
        r.seconds = sums.seconds[i];
        out.push_back(r);
    }
    return out;
}

std::vector<OptionResult> price_book(const Context& ctx, const std::vector<OptionSpec>& options,
                                     const PricingRequest& settings, const BookProgress& progress) {
    return book_results(options, settings, simulate_book(ctx, options, settings, 0, book_samples(settings), progress));
}

void reject_non_finite(Book& book, std::vector<OptionResult>& results) {
    std::vector<OptionSpec> options;
    std::vector<OptionResult> kept;
    for (std::size_t i = 0; i < book.options.size(); ++i) {
        const McResult& r = results[i].price;
        if (std::isfinite(r.price) && std::isfinite(r.std_error)) {
            options.push_back(std::move(book.options[i]));
            kept.push_back(results[i]);
            continue;
        }
        const BadRow bad{results[i].row, book.options[i].where, "",
                         fmt::format("the engine's price is {} with standard error {}: the row's parameters are "
                                     "beyond what it can price",
                                     r.price, r.std_error)};
        const auto at = std::upper_bound(book.bad_rows.begin(), book.bad_rows.end(), bad.row,
                                         [](int row, const BadRow& b) { return row < b.row; });
        book.bad_rows.insert(at, bad);
    }
    book.options = std::move(options);
    results = std::move(kept);
}
}  // namespace simt::montecarlo
