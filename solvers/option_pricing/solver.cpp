// SPDX-License-Identifier: MIT
// Solver `option_pricing`: a book of options priced by Monte Carlo a batch at a time. Each step
// simulates `pricing.paths_per_step` more paths of every option and adds their sums to the
// running ones (book_pricer.hpp), so the standard errors shrink as the run goes on; with a
// target standard error the run ends once every option is within it. Results (price, standard
// error, interval, Greeks) go to results.csv and results.h5 beside each checkpoint. Across ranks
// each rank simulates its share of the book and every rank then holds the whole book's sums
// (book_ranks.hpp), so observables, the target and checkpoints are those of one process.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <simt/core/error.hpp>
#include <simt/io/records.hpp>
#include <simt/core/comm.hpp>
#include <simt/montecarlo/book_ranks.hpp>
#include <simt/solvers/book_results.hpp>
#include <simt/solvers/pricing_request_keys.hpp>
#include <simt/solvers/registry.hpp>
#include "framework/checkpoint_rules.hpp"

namespace simt::option_pricing {
using namespace montecarlo;

constexpr double unbounded = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

io::Schema schema() {
    io::Schema s;
    s.add(io::path_key("book.file", "CSV or YAML book (docs/montecarlo.md), relative to the scenario's directory"));
    s.add(io::table_key("book.options", fmt::format("the book inline: a list of rows with the columns of a book file "
                                                    "(payoff: {})",
                                                    fmt::join(payoff_names(), ", "))));
    s.add(pricing_block_schema());
    s.add(io::real_key("pricing.target_std_error", 0.0, 0, unbounded,
                       "stop once every option's standard error is below this; 0 runs all run.steps"));
    s.add(io::bool_key("pricing.target_relative", true,
                       "target_std_error is relative to |price| (else absolute, in currency)"));
    return s;
}

/// The book a scenario names: a file or inline rows, not both.
Records book_records(const io::Params& p) {
    const std::string& file = p.string("book.file");
    const Records& inline_rows = p.table("book.options");
    if (!file.empty() && !inline_rows.empty())
        throw ConfigError("option_pricing: give book.file or book.options, not both");
    if (file.empty() && inline_rows.empty())
        throw ConfigError("option_pricing: the book is empty; give book.file (a CSV or YAML book) or book.options");
    return file.empty() ? inline_rows : io::read_records(file);
}

/// The valid rows; the bad ones are reported on stderr (by rank 0 alone), and a book without a
/// valid row is an error.
Book checked_book(const io::Params& p, bool report) {
    Book book = parse_book(book_records(p));
    if (report && Comm::world().root())
        for (const BadRow& bad : book.bad_rows)
            fmt::print(stderr, "option_pricing: bad row, not priced: {}\n", describe(bad));
    if (book.options.empty())
        throw ConfigError(fmt::format("option_pricing: no valid row in the book ({} bad row{}{})", book.bad_rows.size(),
                                      book.bad_rows.size() == 1 ? "" : "s",
                                      book.bad_rows.empty() ? "" : "; first: " + describe(book.bad_rows[0])));
    return book;
}

struct Params {
    PricingRequest settings;  // settings.paths: per step
    double target = 0;
    bool relative = true;

    static Params from(const io::Params& p) {
        Params o;
        o.settings = pricing_block_request(p);
        o.target = p.real("pricing.target_std_error");
        o.relative = p.boolean("pricing.target_relative");
        return o;
    }
};

/// The per-option sums in a checkpoint: PathSums without the count, then the Greek sums.
constexpr std::size_t sums_width = 5 + 2 * gbm_greek_count;

class OptionPricingSolver final : public Solver {
   public:
    OptionPricingSolver(Book book, const Params& p, const Context& ctx)
        : m_book(std::move(book)), m_p(p), m_ctx(ctx), m_samples_per_step(book_samples(p.settings)) {
        const std::size_t n = m_book.options.size();
        m_sums = {std::vector<GreekSums>(n), std::vector<double>(n, 0.0)};
    }

    /// Stops early once finished(): a step past the target would only spend paths.
    void step(std::int64_t n) override {
        for (std::int64_t s = 0; s < n && !m_finished; ++s) {
            // Pseudo-random steps continue the paths' streams; QMC steps take fresh scramblings.
            PricingRequest settings = m_p.settings;
            settings.qmc_first_replicate = m_steps * settings.qmc_replicates;
            const Index first_sample = settings.qmc ? 0 : m_steps * m_samples_per_step;
            m_sums += simulate_book_on_ranks(Comm::world(), m_ctx, m_book.options, settings, first_sample,
                                             m_samples_per_step);
            ++m_steps;
            update_finished();
        }
    }
    /// Paths per option so far: the Monte Carlo clock.
    double time() const override { return double(paths()); }
    std::int64_t steps() const override { return m_steps; }
    std::vector<std::string> field_names() const override { return {}; }
    FieldRef field(std::string_view name) override {
        throw ConfigError(
            fmt::format("option_pricing: no field '{}'; the solver has none: read the observables or "
                        "results.csv beside a checkpoint",
                        name));
    }
    Observables observables() override {
        double worst = m_steps > 0 ? 0.0 : nan, worst_rel = worst;
        if (m_steps > 0)
            for (const OptionResult& r : results()) {
                worst = std::max(worst, r.price.std_error);
                worst_rel = std::max(worst_rel, relative_error(r.price));
            }
        return {{"paths", double(paths())}, {"max_std_error", worst}, {"max_rel_std_error", worst_rel}};
    }
    void set(std::string_view key, const Value&) override {
        throw ConfigError(fmt::format("option_pricing: '{}' is not steerable", key));
    }

    void save(io::CheckpointWriter& out) override {
        const std::size_t n = m_book.options.size();
        std::vector<double> sums;
        std::vector<std::int64_t> ids, samples;
        for (std::size_t i = 0; i < n; ++i) {
            const GreekSums& g = m_sums.sums[i];
            const double row[5] = {g.price.y, g.price.yy, g.price.x, g.price.xx, g.price.xy};
            sums.insert(sums.end(), row, row + 5);
            sums.insert(sums.end(), g.g, g.g + gbm_greek_count);
            sums.insert(sums.end(), g.gg, g.gg + gbm_greek_count);
            ids.push_back(std::int64_t(m_book.options[i].id));
            samples.push_back(g.price.samples);
        }
        out.write_field("option_id", ids.data(), {n});
        out.write_field("sums", sums.data(), {n, sums_width});
        out.write_field("samples", samples.data(), {n});
        out.write_field("seconds", m_sums.seconds.data(), {n});
    }
    /// The book's results once a step has priced it; a row whose price is not finite is left
    /// out with its reason, never written as NaN.
    Outputs outputs() const override {
        if (m_steps == 0) return {};
        Book priced{m_book.options, {}};
        std::vector<OptionResult> r = results();
        reject_non_finite(priced, r);
        ResultsTable table{book_result_columns(priced.options, r, m_p.settings.greeks), {}};
        for (const BadRow& bad : priced.bad_rows) table.left_out.push_back(describe(bad));
        return {{}, {}, table};
    }
    void load(const io::CheckpointReader& in) override {
        const std::size_t n = m_book.options.size();
        if (in.field_dims("option_id") != std::vector<std::size_t>{n})
            throw CheckpointError(fmt::format("checkpoint '{}': holds {} options, the book now {}", in.path(),
                                              in.field_dims("option_id").at(0), n));
        std::vector<std::int64_t> ids(n), samples(n);
        std::vector<double> sums(n * sums_width);
        in.read_field("option_id", ids.data(), n);
        for (std::size_t i = 0; i < n; ++i)
            if (std::uint64_t(ids[i]) != m_book.options[i].id)
                throw CheckpointError(fmt::format("checkpoint '{}': option {} has id {} there but {} in the book now",
                                                  in.path(), i, ids[i], m_book.options[i].id));
        in.read_field("sums", sums.data(), sums.size());
        in.read_field("samples", samples.data(), n);
        checkpoint_rules::require_within(in, "samples", samples.data(), n, 0, 0, 0,
                                         std::numeric_limits<std::int64_t>::max(), "sample counts cannot be negative");
        in.read_field("seconds", m_sums.seconds.data(), n);
        checkpoint_rules::require_within(in, "seconds", m_sums.seconds.data(), n, 0, 0, 0.0,
                                         std::numeric_limits<double>::max(), "times cannot be negative");
        for (std::size_t i = 0; i < n; ++i) {
            const double* row = &sums[i * sums_width];
            GreekSums& g = m_sums.sums[i];
            g.price = PathSums{row[0], row[1], row[2], row[3], row[4], samples[i]};
            std::copy(row + 5, row + 5 + gbm_greek_count, g.g);
            std::copy(row + 5 + gbm_greek_count, row + sums_width, g.gg);
        }
        m_steps = in.meta().step;
        update_finished();
    }
    std::uint64_t rng_counter() const override { return std::uint64_t(m_steps * m_samples_per_step); }
    bool finished() const override { return m_finished; }

   private:
    Index paths() const {
        const Index replicates = m_p.settings.qmc ? m_p.settings.qmc_replicates : 1;
        return m_steps * m_samples_per_step * replicates * (m_p.settings.antithetic ? 2 : 1);
    }
    std::vector<OptionResult> results() const { return book_results(m_book.options, m_p.settings, m_sums); }
    /// The standard error over |price|; 0 for an option whose samples all agree (a digital deep
    /// out of the money pays nothing on every path).
    static double relative_error(const McResult& r) { return r.std_error == 0 ? 0.0 : r.std_error / std::abs(r.price); }
    void update_finished() {
        if (m_p.target <= 0 || m_steps == 0) return;
        const auto within = [&](const OptionResult& r) {
            return (m_p.relative ? relative_error(r.price) : r.price.std_error) < m_p.target;
        };
        const auto all = results();
        m_finished = std::all_of(all.begin(), all.end(), within);
    }

    Book m_book;
    Params m_p;
    const Context& m_ctx;
    Index m_samples_per_step;
    BookSums m_sums;
    std::int64_t m_steps = 0;
    bool m_finished = false;
};
}  // namespace simt::option_pricing

namespace simt {
void register_option_pricing_solver(Registry& r) {
    r.add({"option_pricing", "a book of options priced by Monte Carlo, more paths each step, to a target error",
           option_pricing::schema(),
           [](const io::Params& p) {
               option_pricing::Params::from(p);
               option_pricing::checked_book(p, false);
           },
           [](const io::Params& p, Precision precision, const Context& ctx) -> std::unique_ptr<Solver> {
               option_pricing::Params op = option_pricing::Params::from(p);
               op.settings.fp32 = op.settings.fp32 || precision == Precision::Float;  // the float engine
               return std::make_unique<option_pricing::OptionPricingSolver>(option_pricing::checked_book(p, true), op,
                                                                            ctx);
           }});
}
}  // namespace simt
