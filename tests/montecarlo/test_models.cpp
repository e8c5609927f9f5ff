// SPDX-License-Identifier: MIT
// The generic kernel's models against closed forms: Heston by Andersen's QE-M scheme against
// the characteristic-function price (its bias shrinking with the step), Merton's jump
// diffusion against the Poisson-weighted BSM series, correlated GBM baskets against the
// European (one asset) and the geometric-basket closed form.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <simt/montecarlo/basket.hpp>
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/heston.hpp>
#include <simt/montecarlo/merton.hpp>
#include <simt/montecarlo/sobol.hpp>
#include "approx.hpp"
#include "backends.hpp"
#include "skip.hpp"
#include "book_rows.hpp"

using namespace simt;
using namespace simt::montecarlo;
using test::book_row;
using test::Cells;

namespace {
Cells heston_row(const char* type, double strike, double steps_per_year) {
    return {{"type", type},           {"model", "heston"},   {"spot", "100"},       {"strike", fmt::format("{}", strike)},
            {"maturity", "1"},        {"rate", "0.03"},      {"dividend", "0.01"},  {"v0", "0.09"},
            {"kappa", "1"},           {"theta", "0.09"},     {"vol_of_vol", "1"},   {"rho", "-0.7"},
            {"steps_per_year", fmt::format("{}", steps_per_year)}};
}
HestonInputs heston_inputs(double strike) { return {100, strike, 1, 0.03, 0.01, 0.09, 1, 0.09, 1, -0.7}; }
}  // namespace

TEST_CASE("Heston by QE-M converges to the characteristic-function price as the step shrinks") {
    // A hard case for any scheme (vol of vol 1, rho -0.7, Feller's condition far from met).
    const double strikes[] = {80, 100, 120};
    for (double strike : strikes) {
        CAPTURE(strike);
        const double exact = heston_price(OptionType::Put, heston_inputs(strike));
        const auto coarse = test::price_rows({book_row(heston_row("put", strike, 1))}, 1 << 18)[0].price;
        const auto fine = test::price_rows({book_row(heston_row("put", strike, 32))}, 1 << 18)[0].price;
        MESSAGE(fmt::format("K {}: exact {:.4f}, 1 step {:.4f} +- {:.4f}, 32 steps {:.4f} +- {:.4f}", strike, exact,
                            coarse.price, coarse.std_error, fine.price, fine.std_error));
        CHECK(std::abs(fine.price - exact) < 4 * fine.std_error);
        CHECK(std::abs(fine.price - exact) < std::abs(coarse.price - exact));
    }
    // One step a year is visibly biased in the wing (K = 120: about 13 standard errors).
    const double exact = heston_price(OptionType::Put, heston_inputs(120));
    const auto coarse = test::price_rows({book_row(heston_row("put", 120, 1))}, 1 << 18)[0].price;
    CHECK(std::abs(coarse.price - exact) > 6 * coarse.std_error);
}

TEST_CASE("the QE-M martingale correction keeps the forward") {
    // A call struck at ~0 is worth S e^{-qT} under any correctly drifted scheme, at any step.
    const auto r = test::price_rows({book_row(heston_row("call", 1e-6, 1))}, 1 << 16)[0].price;
    const double forward_pv = 100 * std::exp(-0.01);
    CHECK(std::abs(r.price - 1e-6 * std::exp(-0.03) - forward_pv) < 4 * r.std_error);
}

namespace {
Cells merton_row(const char* type, double strike, double intensity, double jump_mean, double jump_vol) {
    return {{"type", type},        {"model", "merton"},   {"spot", "100"},  {"strike", fmt::format("{}", strike)},
            {"maturity", "0.75"},  {"rate", "0.04"},      {"dividend", "0.02"}, {"volatility", "0.2"},
            {"jump_intensity", fmt::format("{}", intensity)}, {"jump_mean", fmt::format("{}", jump_mean)},
            {"jump_vol", fmt::format("{}", jump_vol)}};
}
}  // namespace

TEST_CASE("Merton jump diffusion matches the Poisson-weighted Black-Scholes series") {
    struct Case {
        const char* type;
        double strike, intensity, jump_mean, jump_vol;
    };
    const Case cases[] = {{"call", 100, 1.0, -0.1, 0.15}, {"put", 90, 3.0, -0.05, 0.1}, {"call", 120, 0.5, 0.1, 0.3},
                          {"put", 100, 2.0, 0.0, 0.25}};
    std::vector<OptionSpec> book;
    for (const Case& c : cases) book.push_back(book_row(merton_row(c.type, c.strike, c.intensity, c.jump_mean, c.jump_vol), book.size()));
    const auto r = test::price_rows(book, 1 << 17);
    for (std::size_t i = 0; i < book.size(); ++i) {
        const Case& c = cases[i];
        CAPTURE(i);
        const OptionType type = std::string(c.type) == "call" ? OptionType::Call : OptionType::Put;
        const BsmInputs m{100, c.strike, 0.75, 0.04, 0.02, 0.2};
        const double exact = merton_price(type, m, {c.intensity, c.jump_mean, c.jump_vol});
        CHECK(std::abs(r[i].price.price - exact) < 4 * r[i].price.std_error);
        // The jumps matter: Black–Scholes without them is far outside the error.
        CHECK(std::abs(r[i].price.price - bsm_price(type, m)) > 8 * r[i].price.std_error);
    }
}

TEST_CASE("the Merton series is Black-Scholes without jumps and for jumps of size one") {
    const BsmInputs m{100, 95, 0.5, 0.03, 0.01, 0.3};
    CHECK(merton_price(OptionType::Call, m, {0, -0.1, 0.2}) == test::relative(bsm_price(OptionType::Call, m), 1e-14));
    CHECK(merton_price(OptionType::Put, m, {5, 0, 0}) == test::relative(bsm_price(OptionType::Put, m), 1e-12));
}

namespace {
Cells basket_row(const char* type, const std::string& spots, const std::string& vols, const std::string& weights,
                 const std::string& correlation, const char* kind, double strike) {
    return {{"type", type},   {"model", "basket"}, {"spots", spots}, {"vols", vols},   {"weights", weights},
            {"correlation", correlation}, {"basket", kind}, {"strike", fmt::format("{}", strike)},
            {"maturity", "1"}, {"rate", "0.05"}, {"dividend", "0.02"}};
}
}  // namespace

TEST_CASE("a one-asset basket is the European option") {
    Cells european = {{"type", "call"}, {"spot", "100"},  {"strike", "105"},  {"maturity", "1"},
                      {"rate", "0.05"}, {"dividend", "0.02"}, {"volatility", "0.3"}};
    const OptionSpec gbm = book_row(european, 5);
    const OptionSpec basket = book_row(basket_row("call", "100", "0.3", "1", "1", "arithmetic", 105), 5);
    const auto r = test::price_rows({gbm, basket}, 1 << 16, 11, false);
    // The same normals (draw k of the basket's one asset is the GBM's step k): the same paths
    // (and the same plain estimator: the European's book default adds the underlying control).
    CHECK(r[1].price.price == test::relative(r[0].price.price, 1e-12));
    const double exact = bsm_price(OptionType::Call, {100, 105, 1, 0.05, 0.02, 0.3});
    CHECK(std::abs(r[1].price.price - exact) < 4 * r[1].price.std_error);
}

TEST_CASE("geometric baskets match the closed form") {
    const BasketInputs three{{100, 90, 110}, {0.2, 0.3, 0.25}, {0.5, 0.3, 0.2}, {0.02, 0.02, 0.02},
                             {1, 0.5, 0.2, 0.5, 1, -0.3, 0.2, -0.3, 1}, 100, 1, 0.05};
    const std::vector<OptionSpec> book = {
        book_row(basket_row("call", "100;90;110", "0.2;0.3;0.25", "0.5;0.3;0.2", "1;0.5;0.2;0.5;1;-0.3;0.2;-0.3;1",
                            "geometric", 100), 1),
        book_row(basket_row("put", "100;90;110", "0.2;0.3;0.25", "0.5;0.3;0.2", "1;0.5;0.2;0.5;1;-0.3;0.2;-0.3;1",
                            "geometric", 100), 2),
        book_row(basket_row("call", "100;90;110", "0.2;0.3;0.25", "0.5;0.3;0.2", "1;0.5;0.2;0.5;1;-0.3;0.2;-0.3;1",
                            "arithmetic", 100), 3),
        book_row(basket_row("call", "100;100", "0.2;0.2", "0.5;0.5", "0.6", "geometric", 95), 4)};
    const auto r = test::price_rows(book, 1 << 17);
    const double call = geometric_basket_price(OptionType::Call, three);
    CHECK(std::abs(r[0].price.price - call) < 4 * r[0].price.std_error);
    CHECK(std::abs(r[1].price.price - geometric_basket_price(OptionType::Put, three)) < 4 * r[1].price.std_error);
    // The arithmetic mean is above the geometric one on every path.
    CHECK(r[2].price.price > call + 4 * r[2].price.std_error);
    // Two assets with correlation 0.6 as a single number: the geometric mean of two equal
    // GBMs is GBM with volatility 0.2 sqrt((1 + 0.6) / 2) and the dividend raised by the
    // halved variance loss, sigma^2 (1 - 0.6) / 4.
    const double vol = 0.2 * std::sqrt(0.8), q = 0.02 + 0.5 * (0.04 - vol * vol);
    const double two = bsm_price(OptionType::Call, {100, 95, 1, 0.05, q, vol});
    CHECK(std::abs(r[3].price.price - two) < 4 * r[3].price.std_error);
}

TEST_CASE("basket rows name their bad columns") {
    const auto bad = [](Cells cells) {
        cells.emplace_back("id", "1");
        const Book b = parse_book({Record{1, "test", cells, ""}});
        REQUIRE(b.bad_rows.size() == 1);
        return b.bad_rows[0];
    };
    CHECK(bad(basket_row("call", "100;90", "0.2", "0.5;0.5", "0.3", "arithmetic", 100)).column == "vols");
    CHECK(bad(basket_row("call", "100;90", "0.2;0.2", "0.5;0.5", "1;0.3;0.2;1", "arithmetic", 100)).column ==
          "correlation");
    CHECK(bad(basket_row("call", "100;90;80", "0.2;0.2;0.2", "1;1;1", "-0.9", "arithmetic", 100)).message ==
          "the matrix is not positive definite");
    CHECK(bad(basket_row("call", "100;x", "0.2;0.2", "0.5;0.5", "0", "arithmetic", 100)).column == "spots");
    CHECK(bad(basket_row("call", "100", "0.2", "-1", "1", "arithmetic", 100)).column == "weights");
}

TEST_CASE("every model, exotic payoff, QMC and Longstaff-Schwartz agree on the CPU and the GPU" *
          doctest::test_suite("gpu")) {
    if (test::backends().size() < 2) return test::skip("no GPU: runs in scripts/gpu-check.sh");
    const Cells gbm = {{"type", "call"}, {"spot", "100"}, {"strike", "100"}, {"maturity", "1"},
                       {"rate", "0.05"}, {"dividend", "0.02"}, {"volatility", "0.25"}, {"fixings", "24"}};
    const auto with = [](Cells c, const Cells& extra) {
        for (const auto& e : extra) {
            const auto it = std::find_if(c.begin(), c.end(), [&](const auto& x) { return x.first == e.first; });
            if (it != c.end())
                it->second = e.second;
            else
                c.push_back(e);
        }
        return c;
    };
    const std::vector<OptionSpec> pseudo = {
        book_row(with(gbm, {{"payoff", "barrier"}, {"barrier", "90"}, {"barrier_type", "down_out"},
                            {"monitoring", "continuous"}}), 1),
        book_row(with(gbm, {{"payoff", "floating_lookback"}}), 2),
        book_row(heston_row("put", 100, 52), 3),
        book_row(merton_row("call", 100, 1, -0.1, 0.15), 4),
        book_row(basket_row("call", "100;90;110", "0.2;0.3;0.25", "0.5;0.3;0.2", "0.3", "arithmetic", 100), 5),
        book_row(with(gbm, {{"type", "put"}, {"payoff", "american"}}), 6)};
    std::vector<OptionSpec> qmc_book = pseudo;
    qmc_book.push_back(book_row(with(gbm, {{"payoff", "geometric_asian"}}), 7));
    PricingRequest s;
    s.seed = 4;
    s.paths = 20000;
    Context cpu(Backend::Cpu), gpu(Backend::Cuda);
    const auto a = price_book(cpu, pseudo, s), g = price_book(gpu, pseudo, s);
    for (std::size_t i = 0; i < pseudo.size(); ++i) {
        CAPTURE(i);
        // The same paths in the same order: libm's and CUDA's last ulps; Longstaff–Schwartz's
        // regression on those spots may flip a marginal path's exercise.
        const double tolerance = pseudo[i].contract.payoff == payoff_id<payoffs::American> ? 1e-4 : 1e-10;
        CHECK(g[i].price.price == test::relative(a[i].price.price, tolerance));
    }
    // The bumped Greeks, pseudo- and quasi-random, to 1e-8 of each Greek; a flipped exercise
    // moves an American's Greeks most: 1e-2 there, absolute below 1 (its gamma) and relative above.
    const auto same_greeks = [&](const std::vector<OptionSpec>& book, const PricingRequest& settings) {
        const auto ca = price_book(cpu, book, settings), ga = price_book(gpu, book, settings);
        for (std::size_t i = 0; i < book.size(); ++i) {
            CAPTURE(i);
            const bool american = book[i].contract.payoff == payoff_id<payoffs::American>;
            for (int k : {Delta, Gamma, Vega, Rho}) {
                const double c = ca[i].greeks[k].value, g = ga[i].greeks[k].value;
                if (american)
                    CHECK(std::abs(g - c) < 1e-2 * (1 + std::abs(c)));
                else
                    CHECK(g == test::relative(c, 1e-8));
            }
        }
    };
    PricingRequest greeks = s;
    greeks.greeks = true;
    same_greeks(pseudo, greeks);
    if (!sobol_available()) return;
    s.qmc = true;
    const auto aq = price_book(cpu, qmc_book, s), gq = price_book(gpu, qmc_book, s);
    for (std::size_t i = 0; i < qmc_book.size(); ++i) {
        CAPTURE(i);
        const double tolerance = qmc_book[i].contract.payoff == payoff_id<payoffs::American> ? 1e-4 : 1e-10;
        CHECK(gq[i].price.price == test::relative(aq[i].price.price, tolerance));
    }
    greeks.qmc = true;
    same_greeks(qmc_book, greeks);
}

#if defined(_OPENMP)
TEST_CASE("the generic kernels and Longstaff-Schwartz give the same bits for any CPU thread count") {
    Cells american = heston_row("put", 100, 12);
    american.emplace_back("payoff", "american");
    american.emplace_back("exercise_dates", "12");
    const std::vector<OptionSpec> book = {book_row(heston_row("put", 100, 12), 1),
                                          book_row(merton_row("call", 100, 1, -0.1, 0.15), 2),
                                          book_row(american, 3)};
    const auto run = [&] { return test::price_rows(book, 5000); };
    const auto one = test::with_cpu_threads(1, run), three = test::with_cpu_threads(3, run);
    for (std::size_t i = 0; i < book.size(); ++i) {
        CAPTURE(i);
        CHECK(one[i].price.price == three[i].price.price);
        CHECK(one[i].price.std_error == three[i].price.std_error);
    }
    // The bumped Greeks, on Philox and on Sobol paths.
    PricingRequest s;
    s.paths = 2000;
    s.greeks = true;
    for (bool qmc : {false, true}) {
        if (qmc && !sobol_available()) break;
        CAPTURE(qmc);
        s.qmc = qmc;
        const auto greeks = [&] { return price_book(Context(Backend::Cpu), book, s); };
        const auto g1 = test::with_cpu_threads(1, greeks), g3 = test::with_cpu_threads(3, greeks);
        for (std::size_t i = 0; i < book.size(); ++i)
            for (int k : {Delta, Gamma, Vega, Rho}) {
                CAPTURE(i);
                CAPTURE(k);
                CHECK(g1[i].greeks[k].value == g3[i].greeks[k].value);
                CHECK(g1[i].greeks[k].std_error == g3[i].greeks[k].std_error);
            }
    }
}
#endif
