// SPDX-License-Identifier: MIT
// Longstaff–Schwartz: regression paths by for_each, the regression on the host, the pricing
// pass through the batch engine (a CUDA source in a CUDA build: simt_device_sources).
#include <simt/montecarlo/longstaff_schwartz.hpp>

#include <cmath>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/montecarlo/model_paths.hpp>
#include <type_traits>
#include "path_runs.hpp"

namespace simt::montecarlo {
namespace {
/// Path p of the regression set: the underlying at each exercise date into out[p * dates + d].
template <class Model>
struct LsmPathWriter {
    Model model;
    std::uint64_t seed, option_id;
    int substeps, dates;
    double* out;
    SIMT_INLINE void operator()(Index p) const {
        const PathDraws draws{seed, option_id, lsm_regression_first_path + p};
        typename Model::State s = model.start();
        int k = 0;
        for (int d = 0; d < dates; ++d) {
            for (int j = 0; j < substeps; ++j, ++k) model.step(draws, k, 1.0, s);
            out[p * dates + d] = std::exp(model.log_underlying(s));
        }
    }
};

/// Solves a x = b (n x n, row-major) by Gaussian elimination with partial pivoting; false if singular.
bool solve(std::vector<double>& a, std::vector<double>& b, int n) {
    for (int c = 0; c < n; ++c) {
        int pivot = c;
        for (int r = c + 1; r < n; ++r)
            if (std::fabs(a[r * n + c]) > std::fabs(a[pivot * n + c])) pivot = r;
        if (!(std::fabs(a[pivot * n + c]) > 1e-300)) return false;
        for (int j = 0; j < n; ++j) std::swap(a[c * n + j], a[pivot * n + j]);
        std::swap(b[c], b[pivot]);
        for (int r = c + 1; r < n; ++r) {
            const double m = a[r * n + c] / a[c * n + c];
            for (int j = c; j < n; ++j) a[r * n + j] -= m * a[c * n + j];
            b[r] -= m * b[c];
        }
    }
    for (int r = n - 1; r >= 0; --r) {
        for (int j = r + 1; j < n; ++j) b[r] -= a[r * n + j] * b[j];
        b[r] /= a[r * n + r];
    }
    return true;
}

/// The terms an exercise pays by: the option's side and strike.
PayoffTerms exercise_terms(const OptionSpec& o) {
    PayoffTerms t;
    t.phi = payoff_sign(o.contract.type);
    t.strike = o.contract.market.strike;
    return t;
}

/// The backward induction on the host over paths x dates spots.
std::vector<double> regress(const OptionSpec& o, const std::vector<double>& spots, Index paths) {
    const ExerciseParams& e = o.params.exercise;
    const int dates = e.dates, n = e.degree + 1;
    const PayoffTerms terms = exercise_terms(o);
    const double K = terms.strike;
    const double step_discount = std::exp(-o.contract.market.rate * o.contract.market.expiry / dates);
    const auto exercise = [&](double s) { return exercise_value(o.contract.payoff, terms, s); };
    std::vector<double> value(static_cast<std::size_t>(paths)), coefficients(std::size_t(dates - 1) * n, 0.0);
    for (Index p = 0; p < paths; ++p) value[p] = exercise(spots[p * dates + dates - 1]);
    double f[lsm_max_basis];
    for (int d = dates - 2; d >= 0; --d) {
        std::vector<double> a(std::size_t(n) * n, 0.0), b(std::size_t(n), 0.0);
        Index in_money = 0;
        for (Index p = 0; p < paths; ++p) {
            value[p] *= step_discount;
            const double s = spots[p * dates + d];
            if (exercise(s) <= 0) continue;
            ++in_money;
            lsm_basis(e.basis, e.degree, s / K, f);
            for (int i = 0; i < n; ++i) {
                b[i] += f[i] * value[p];
                for (int j = 0; j < n; ++j) a[i * n + j] += f[i] * f[j];
            }
        }
        double* beta = coefficients.data() + std::size_t(d) * n;
        if (in_money <= 4 * n || !solve(a, b, n)) {
            beta[0] = HUGE_VAL;  // too few paths to regress on: hold
            continue;
        }
        std::copy(b.begin(), b.end(), beta);
        for (Index p = 0; p < paths; ++p) {
            const double s = spots[p * dates + d], x = exercise(s);
            if (x <= 0) continue;
            lsm_basis(e.basis, e.degree, s / K, f);
            double continuation = 0;
            for (int i = 0; i < n; ++i) continuation += beta[i] * f[i];
            if (x >= continuation) value[p] = x;
        }
    }
    return coefficients;
}

template <class Model>
std::vector<double> simulated_spots(const Context& ctx, const OptionSpec& o, const Model& model, std::uint64_t seed,
                                    Index paths) {
    const int dates = o.params.exercise.dates;
    Buffer<double> d_spots(ctx.backend(), std::size_t(paths) * dates);
    for_each(ctx, Kernel("montecarlo.lsm.paths", double(paths) * dates * sizeof(double)), Range<1>{paths},
             LsmPathWriter<Model>{model, seed, o.id, o.params.substeps, dates, d_spots.data()});
    std::vector<double> spots(std::size_t(paths) * dates);
    simt::detail::copy_bytes(spots.data(), Backend::Cpu, d_spots.data(), ctx.backend(), spots.size() * sizeof(double));
    return spots;
}

template <class Model, class MakeModel>
std::vector<GreekSums> price_with(const Context& ctx, const std::vector<OptionSpec>& options, const PathRun& run,
                                  Index regression_paths, MakeModel make_model) {
    // Coefficients of option i in market b at offsets[i * bumps + b].
    const int bumps = run.greeks ? market_bump_count : 1;
    std::vector<double> all;
    std::vector<std::size_t> offsets;
    for (const OptionSpec& option : options)
        for (int b = 0; b < bumps; ++b) {
            const OptionSpec o = bumped_option(option, MarketBump(b));
            offsets.push_back(all.size());
            const auto c = regress(o, simulated_spots(ctx, o, make_model(o), run.seed, regression_paths), regression_paths);
            all.insert(all.end(), c.begin(), c.end());
        }
    Buffer<double> d_coefficients(ctx.backend(), std::max<std::size_t>(all.size(), 1));
    simt::detail::copy_bytes(d_coefficients.data(), ctx.backend(), all.data(), Backend::Cpu, all.size() * sizeof(double));
    const auto make_kernel = [&](std::size_t i, MarketBump bump, const auto& source) {
        const OptionSpec o = bumped_option(options[i], bump);
        const ExerciseParams& e = o.params.exercise;
        const BsmInputs& m = o.contract.market;
        return LsmPricingKernel<Model, std::decay_t<decltype(source)>>{make_model(o),
                                                                       source,
                                                                       run.first_path,
                                                                       o.params.substeps,
                                                                       e.dates,
                                                                       e.degree,
                                                                       e.basis,
                                                                       o.contract.payoff,
                                                                       exercise_terms(o),
                                                                       std::exp(-m.rate * m.expiry / e.dates),
                                                                       d_coefficients.data() +
                                                                           offsets[i * bumps + bump],
                                                                       run.antithetic};
    };
    return detail::run_paths(ctx, {"montecarlo.lsm.blocks", "montecarlo.lsm.options"}, options, run, make_model,
                             make_kernel);
}

void check_option(const OptionSpec& o, Index paths) {
    if (!payoff_traits(o.contract.payoff).early_exercise)
        throw ConfigError(fmt::format("longstaff_schwartz: row {} has no early exercise", o.row));
    if (o.model == Model::Basket) throw ConfigError(fmt::format("longstaff_schwartz: row {} is a basket", o.row));
    if (paths < 16) throw ConfigError(fmt::format("longstaff_schwartz: {} regression paths; at least 16", paths));
}
}  // namespace

std::vector<double> lsm_regression(const Context& ctx, const OptionSpec& o, std::uint64_t seed, Index paths) {
    check_option(o, paths);
    switch (o.model) {
        case Model::Gbm: return regress(o, simulated_spots(ctx, o, make_gbm_model(o), seed, paths), paths);
        case Model::Heston: return regress(o, simulated_spots(ctx, o, make_heston_model(o), seed, paths), paths);
        case Model::Merton: return regress(o, simulated_spots(ctx, o, make_merton_model(o), seed, paths), paths);
        case Model::Basket: break;
    }
    return {};
}

std::vector<GreekSums> lsm_batch_sums(const Context& ctx, const std::vector<OptionSpec>& options, const PathRun& run,
                                      Index regression_paths) {
    if (options.empty()) return {};
    for (const OptionSpec& o : options) {
        check_option(o, regression_paths);
        if (o.model != options[0].model) throw ConfigError("longstaff_schwartz: one model per batch");
    }
    switch (options[0].model) {
        case Model::Gbm:
            return price_with<GbmModel>(ctx, options, run, regression_paths, make_gbm_model);
        case Model::Heston:
            return price_with<HestonQeModel>(ctx, options, run, regression_paths, make_heston_model);
        case Model::Merton:
            return price_with<MertonModel>(ctx, options, run, regression_paths, make_merton_model);
        case Model::Basket: break;
    }
    return {};
}
}  // namespace simt::montecarlo
