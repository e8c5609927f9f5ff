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
#include <simt/montecarlo/sobol_paths.hpp>
#include "book_rows.hpp"

using namespace simt;
using namespace simt::montecarlo;
using test::book_row;
using test::Cells;

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
    if (!sobol_available()) return;
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

TEST_CASE("QMC error over scramblings falls much faster than pseudo-random on smooth payoffs") {
    if (!sobol_available()) return;
    const auto row = [](const char* payoff) {
        return Cells{{"type", "call"},      {"payoff", payoff},  {"spot", "100"},      {"strike", "100"},
                     {"maturity", "1"},     {"rate", "0.05"},    {"dividend", "0.02"}, {"volatility", "0.25"},
                     {"fixings", "16"}};
    };
    const std::vector<OptionSpec> book = {book_row(row("european"), 1), book_row(row("geometric_asian"), 2)};
    const BsmInputs m{100, 100, 1, 0.05, 0.02, 0.25};
    const double exact[] = {bsm_price(OptionType::Call, m), geometric_asian_price(OptionType::Call, m, 16)};
    const int replicates = 32;  // the RMSE's own relative error is about 1/sqrt(2 R)
    const Context ctx(Backend::Cpu);
    const auto coarse = sobol_gbm_sums(ctx, book, 9, replicates, 1024);
    const auto fine = sobol_gbm_sums(ctx, book, 9, replicates, 16384);
    const auto rmse = [&](const std::vector<PathSums>& sums, double exact) {
        double sq = 0;
        for (const PathSums& s : sums) sq += std::pow(s.y / double(s.samples) - exact, 2);
        return std::sqrt(sq / replicates);
    };
    for (std::size_t o = 0; o < book.size(); ++o) {
        CAPTURE(o);
        const double e_coarse = rmse(coarse[o], exact[o]), e_fine = rmse(fine[o], exact[o]);
        MESSAGE(fmt::format("option {}: RMSE {:.2e} at 1024 points, {:.2e} at 16384: ratio {:.1f} "
                            "(pseudo-random: 4)",
                            o, e_coarse, e_fine, e_coarse / e_fine));
        CHECK(e_coarse / e_fine > 5);
        // The replicates' standard error covers the closed form.
        const McResult r = sums_result(sobol_replicate_means(fine[o]), 0, false, false);
        CHECK(std::abs(r.price - exact[o]) < 4 * r.std_error);
    }
}

TEST_CASE("a book priced with QMC") {
    if (!sobol_available()) return;
    BookSettings s;
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
    // Only GBM rows without early exercise.
    const std::vector<OptionSpec> heston = {book_row({{"type", "put"}, {"model", "heston"}, {"spot", "100"},
                                                      {"strike", "100"}, {"maturity", "1"}, {"v0", "0.04"},
                                                      {"kappa", "1"}, {"theta", "0.04"}, {"vol_of_vol", "0.5"},
                                                      {"rho", "0"}})};
    CHECK_THROWS_AS(price_book(Context(Backend::Cpu), heston, s), ConfigError);
}
