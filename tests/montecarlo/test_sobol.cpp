// SPDX-License-Identifier: MIT
// Scrambled Sobol quasi-Monte Carlo: the direction vectors are Sobol's (dimension 1 is van der
// Corput's), each scrambled replicate keeps the net property (2^m points, one in each of the
// 2^m intervals of every coordinate), and on smooth payoffs the error over independent
// scramblings falls much faster than 1/sqrt(N) against the closed forms.
#include <doctest/doctest.h>

#include <cmath>
#include <fmt/format.h>
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/geometric_asian.hpp>
#include <simt/montecarlo/heston.hpp>
#include <simt/montecarlo/lookback.hpp>
#include <simt/montecarlo/merton.hpp>
#include <simt/montecarlo/barrier.hpp>
#include <simt/montecarlo/basket.hpp>
#include <simt/montecarlo/model_paths.hpp>
#include <simt/montecarlo/sobol_replicates.hpp>
#include "book_rows.hpp"
#include "skip.hpp"

using namespace simt;
using namespace simt::montecarlo;
using test::book_row;
using test::Cells;

namespace {
const char* const no_curand = "no cuRAND in this build: the Sobol points need its direction vectors";
}

TEST_CASE("Sobol direction vectors are Joe and Kuo's") {
    if (!sobol_available()) {
        CHECK_THROWS_AS(sobol_direction_vectors(1), ConfigError);
        return;
    }
    const auto v = sobol_direction_vectors(3);
    for (int j = 0; j < 32; ++j) CHECK(v[j] == std::uint32_t(1) << (31 - j));  // van der Corput
    // Dimension 2: the polynomial x + 1, m_1 = 1, so m_j = 2 m_{j-1} XOR m_{j-1}: 1, 3, 5, 15, 17.
    const std::uint32_t m[] = {1, 3, 5, 15, 17};
    for (int j = 0; j < 5; ++j) CHECK(v[32 + j] == m[j] << (31 - j));
    CHECK_THROWS_AS(sobol_direction_vectors(sobol_max_dimensions + 1), ConfigError);
}

TEST_CASE("a scrambled replicate keeps the net property") {
    if (!sobol_available()) return test::skip(no_curand);
    const int dims = 8, m = 10;
    const auto directions = sobol_direction_vectors(dims);
    for (int replicate : {0, 5}) {
        const auto table = scrambled_sobol_table(directions, dims, 42, replicate);
        const SobolPoints p{table.data(), dims};
        for (int d = 0; d < dims; ++d) {
            std::vector<int> count(1 << m, 0);
            for (std::uint64_t i = 0; i < (1u << m); ++i) ++count[std::size_t(p.uniform(i, d) * (1 << m))];
            CHECK(std::count(count.begin(), count.end(), 1) == 1 << m);
        }
    }
    // Another seed scrambles differently.
    CHECK(scrambled_sobol_table(directions, dims, 42, 0) != scrambled_sobol_table(directions, dims, 43, 0));
}

TEST_CASE("the Sobol bridge uses 2^ceil(log2 n) dimensions") {
    CHECK(sobol_bridge_dimensions(1) == 1);
    CHECK(sobol_bridge_dimensions(12) == 16);
    CHECK(sobol_bridge_dimensions(16) == 16);
}

namespace {
/// The RMSE against `exact` of the replicates' means of option `o`, from the sums of the means.
double replicate_rmse(const GreekSums& means, double exact) {
    const double r = double(means.price.samples);
    return std::sqrt(std::fmax(means.price.yy / r - 2 * exact * means.price.y / r + exact * exact, 0.0));
}

std::vector<GreekSums> qmc_sums(Model model, const std::vector<OptionSpec>& book, Index points, int replicates) {
    PathRun run;
    run.seed = 9;
    run.samples = points;
    run.qmc_replicates = replicates;
    return model_batch_sums(Context(Backend::Cpu), model, book, run);
}

/// Checks the RMSE over the scramblings falls more than 5 times from 1,024 to 16,384 points
/// (pseudo-random: 4) and the closed form is within 4 replicate standard errors.
void check_qmc_convergence(Model model, const std::vector<OptionSpec>& book, const std::vector<double>& exact) {
    const int replicates = 32;  // the RMSE's own relative error is about 1/sqrt(2 R)
    const auto coarse = qmc_sums(model, book, 1024, replicates);
    const auto fine = qmc_sums(model, book, 16384, replicates);
    for (std::size_t o = 0; o < book.size(); ++o) {
        CAPTURE(o);
        const double e_coarse = replicate_rmse(coarse[o], exact[o]), e_fine = replicate_rmse(fine[o], exact[o]);
        MESSAGE(fmt::format("option {}: RMSE {:.2e} at 1024 points, {:.2e} at 16384: ratio {:.1f} "
                            "(pseudo-random: 4)",
                            o, e_coarse, e_fine, e_coarse / e_fine));
        CHECK(e_coarse / e_fine > 5);
        const McResult r = sums_result(fine[o].price, 0, false, false);
        CHECK(std::abs(r.price - exact[o]) < 4 * r.std_error);
    }
}
}  // namespace

TEST_CASE("QMC error over scramblings falls much faster than pseudo-random on smooth payoffs") {
    if (!sobol_available()) return test::skip(no_curand);
    const auto row = [](const char* payoff) {
        return Cells{{"type", "call"},      {"payoff", payoff},  {"spot", "100"},      {"strike", "100"},
                     {"maturity", "1"},     {"rate", "0.05"},    {"dividend", "0.02"}, {"volatility", "0.25"},
                     {"fixings", "16"}};
    };
    const std::vector<OptionSpec> book = {book_row(row("european"), 1), book_row(row("geometric_asian"), 2)};
    const BsmInputs m{100, 100, 1, 0.05, 0.02, 0.25};
    check_qmc_convergence(Model::Gbm, book,
                          {bsm_price(OptionType::Call, m), geometric_asian_price(OptionType::Call, m, 16)});
}

TEST_CASE("QMC on a 2-asset geometric basket converges faster than pseudo-random") {
    if (!sobol_available()) return test::skip(no_curand);
    // A bridge per asset's independent normals, then the Cholesky factor.
    const Cells row = {{"type", "put"},          {"model", "basket"},   {"spots", "100;90"},
                       {"vols", "0.3;0.2"},      {"weights", "0.5;0.5"}, {"dividends", "0.01;0.03"},
                       {"correlation", "0.4"},   {"basket", "geometric"}, {"strike", "95"},
                       {"maturity", "1.5"},      {"rate", "0.04"}};
    const OptionSpec o = book_row(row, 3);
    const BasketParams& b = o.params.basket;
    const double exact =
        geometric_basket_price(OptionType::Put, {b.spots, b.vols, b.weights, b.dividends, b.correlation, 95, 1.5, 0.04});
    check_qmc_convergence(Model::Basket, {o}, {exact});
}

TEST_CASE("a book priced with QMC") {
    if (!sobol_available()) return test::skip(no_curand);
    PricingRequest s;
    s.qmc = true;
    s.paths = 1 << 14;
    const std::vector<OptionSpec> book = {
        book_row({{"type", "put"}, {"spot", "100"}, {"strike", "105"}, {"maturity", "0.5"}, {"volatility", "0.3"}}, 1)};
    const auto r = price_book(Context(Backend::Cpu), book, s);
    CHECK(r[0].price.paths == 1 << 14);
    CHECK(r[0].price.samples == 16);
    const double exact = bsm_price(OptionType::Put, {100, 105, 0.5, 0, 0, 0.3});
    CHECK(std::abs(r[0].price.price - exact) < 4 * r[0].price.std_error);
    CHECK(r[0].price.std_error < 2e-3);  // pseudo-random: about 0.06 with these paths
}

namespace {
Cells qmc_row(Cells extra) {
    Cells row = {{"spot", "100"}, {"strike", "100"}, {"maturity", "1"}, {"rate", "0.04"}, {"dividend", "0.01"}};
    row.insert(row.end(), extra.begin(), extra.end());
    return row;
}
}  // namespace

TEST_CASE("every model and payoff under QMC is within 4 standard errors of its closed form") {
    if (!sobol_available()) return test::skip(no_curand);
    const std::vector<OptionSpec> book = {
        // Heston: two plain coordinates a step (the QE variance's and the log-price's).
        book_row(qmc_row({{"type", "put"}, {"model", "heston"}, {"v0", "0.04"}, {"kappa", "2"}, {"theta", "0.05"},
                          {"vol_of_vol", "0.4"}, {"rho", "-0.6"}, {"steps_per_year", "32"}}),
                 1),
        // Merton: the diffusion bridged, the jumps on Philox.
        book_row(qmc_row({{"type", "call"}, {"model", "merton"}, {"volatility", "0.2"}, {"jump_intensity", "1"},
                          {"jump_mean", "-0.1"}, {"jump_vol", "0.15"}}),
                 2),
        // A continuous barrier on a bridged GBM path.
        book_row(qmc_row({{"type", "call"}, {"payoff", "barrier"}, {"barrier", "115"}, {"barrier_type", "up_out"},
                          {"monitoring", "continuous"}, {"fixings", "8"}, {"volatility", "0.3"}}),
                 3),
        // A floating lookback on 250 fixings.
        book_row(qmc_row({{"type", "call"}, {"payoff", "floating_lookback"}, {"fixings", "250"}, {"volatility", "0.3"}}),
                 4),
        // Longstaff–Schwartz's pricing pass on Sobol paths: an American call without dividends.
        book_row(Cells{{"type", "call"}, {"payoff", "american"}, {"exercise_dates", "10"}, {"spot", "100"},
                       {"strike", "100"}, {"maturity", "1"}, {"rate", "0.04"}, {"volatility", "0.25"}},
                 5)};
    const double exact[] = {
        heston_price(OptionType::Put, {100, 100, 1, 0.04, 0.01, 0.04, 2, 0.05, 0.4, -0.6}),
        merton_price(OptionType::Call, {100, 100, 1, 0.04, 0.01, 0.2}, {1, -0.1, 0.15}),
        barrier_price(BarrierType::UpOut, OptionType::Call, {100, 100, 1, 0.04, 0.01, 0.3}, 115, 0),
        discrete_floating_lookback_price(OptionType::Call, {100, 100, 1, 0.04, 0.01, 0.3}, 250),
        bsm_price(OptionType::Call, {100, 100, 1, 0.04, 0, 0.25})};
    // Beyond 4 standard errors: QE-M's bias (0.2 %), BGK's o(sqrt(dt)) lookback shift (0.1 %),
    // Longstaff–Schwartz's occasional wrong exercise (0.5 %).
    const double bias[] = {0.002, 0, 0, 0.001, 0.005};
    for (bool antithetic : {false, true}) {
        PricingRequest s;
        s.qmc = true;
        s.antithetic = antithetic;  // the reflected points 1 - u
        s.paths = 1 << 15;
        const auto r = price_book(Context(Backend::Cpu), book, s);
        for (std::size_t i = 0; i < book.size(); ++i) {
            CAPTURE(i);
            CAPTURE(antithetic);
            const McResult& p = r[i].price;
            MESSAGE(fmt::format("row {}{}: {:.5f} +- {:.5f}, closed form {:.5f}", i, antithetic ? " (antithetic)" : "",
                                p.price, p.std_error, exact[i]));
            CHECK(p.paths == 1 << 15);
            CHECK(std::abs(p.price - exact[i]) < 4 * p.std_error + bias[i] * exact[i]);
            CHECK(p.std_error < 0.02 * exact[i]);
        }
    }
}
