// SPDX-License-Identifier: MIT
#include <simt/montecarlo/book.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/montecarlo/book_row.hpp>
#include <simt/montecarlo/path_models.hpp>

namespace simt::montecarlo {
namespace {
const std::vector<std::pair<std::string, Model>> models = {
    {"gbm", Model::Gbm}, {"heston", Model::Heston}, {"merton", Model::Merton}, {"basket", Model::Basket}};
/// Models a later engine will price: named "not supported yet", not "unknown".
const std::vector<std::string> planned_models = {"sabr", "local_vol"};
/// The table's payoffs by name, for named().
const std::vector<std::pair<std::string, PayoffId>>& payoff_ids() {
    static const auto ids = [] {
        std::vector<std::pair<std::string, PayoffId>> named;
        for (int i = 0; i < Payoffs::size; ++i) named.emplace_back(payoff_name(PayoffId(i)), PayoffId(i));
        return named;
    }();
    return ids;
}
const std::vector<std::pair<std::string, bool>> basket_kinds = {{"arithmetic", false}, {"geometric", true}};

/// Heston steps per year when the row does not say (weekly).
constexpr double default_heston_steps_per_year = 52;

// What the engines can price. Beyond these bounds a row gives NaN, Inf or a wrong price with a
// small standard error (paths overflow, or all of them miss where the price lies), so the row
// is refused with the reason instead.
/// Maturity [years]: discount factors and drifts stay finite and the path count per year sane.
constexpr double max_maturity = 100;
/// |rate|, |dividend| [1/year]: e^{rate T} must stay far from overflow and underflow.
constexpr double max_rate = 1;
/// volatility sqrt(maturity): beyond 3 the price is carried by paths more than 3 standard
/// deviations out, which few of the paths reach; the estimate and its error would both be wrong.
constexpr double max_total_volatility = 3;
/// Merton jump mean and volatility (of the log jump): e^{jump} must stay finite.
constexpr double max_log_jump = 5;
constexpr const char* maturity_reason = "years; longer maturities overflow the discount factors and drifts";
constexpr const char* rate_reason = "a year's rate; larger ones overflow e^(rate maturity)";
/// Heston steps per year at most hourly: more only lengthens the paths.
constexpr double max_steps_per_year = 10000;
/// Heston: kappa dt, the mean reversion within a step. At 1.9 prices agree with the limit of
/// fast reversion (Black-Scholes at sqrt(theta)); at 19 (kappa 1000, weekly steps) they were 40 % high.
constexpr double max_kappa_per_step = 2;
constexpr const char* log_jump_reason = "a log jump; larger ones overflow e^jump";

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

/// One of `table`'s names in `column` (case-insensitive), `fallback` when absent ("" = required).
template <class T>
T named(const BookRow& row, const std::string& column, const std::vector<std::pair<std::string, T>>& table,
        const std::string& fallback) {
    std::vector<std::string> names;
    for (const auto& entry : table) names.push_back(entry.first);
    return table[row.choose(column, names, fallback)].second;
}

template <class T>
const std::string& name_of(const std::vector<std::pair<std::string, T>>& table, T value) {
    for (const auto& entry : table)
        if (entry.second == value) return entry.first;
    throw Error("book: a value without a name");
}

/// The volatility over the maturity, sqrt(variance rate * maturity), at most max_total_volatility.
void check_total_volatility(const std::string& column, double variance_rate, double maturity) {
    const double total = std::sqrt(variance_rate * maturity);
    if (!(total <= max_total_volatility))
        throw BookRowError{column,
                           fmt::format("gives a volatility over the maturity of {:.4g} (volatility sqrt(maturity)); "
                                       "at most {}: beyond, the price lies on paths few samples reach",
                                       total, max_total_volatility)};
}

/// The basket columns: spots, vols, weights (and dividends), ';'-separated, and the correlation
/// as one value for every pair or the n x n matrix row by row.
BasketParams parse_basket(const BookRow& row, double dividend, double maturity) {
    BasketParams b;
    b.spots = row.numbers("spots");
    const std::size_t n = b.spots.size();
    if (n > std::size_t(basket_max_assets))
        throw BookRowError{"spots", fmt::format("{} assets; at most {}", n, basket_max_assets)};
    const auto same_length = [&](const char* column, std::vector<double> v) {
        if (v.size() != n) throw BookRowError{column, fmt::format("{} values for {} spots", v.size(), n)};
        return v;
    };
    b.vols = same_length("vols", row.numbers("vols"));
    b.weights = same_length("weights", row.numbers("weights"));
    b.dividends = row.text("dividends") ? same_length("dividends", row.numbers("dividends"))
                                        : std::vector<double>(n, dividend);
    b.geometric = named(row, "basket", basket_kinds, "arithmetic");
    for (std::size_t i = 0; i < n; ++i) {
        if (!(b.spots[i] > 0)) throw BookRowError{"spots", fmt::format("{} must be > 0", b.spots[i])};
        if (!(b.vols[i] > 0)) throw BookRowError{"vols", fmt::format("{} must be > 0", b.vols[i])};
        BookRow::checked_within("spots", b.spots[i], 0, book_max_money, book_money_reason);
        check_total_volatility("vols", b.vols[i] * b.vols[i], maturity);
        BookRow::checked_within("dividends", b.dividends[i], -max_rate, max_rate, rate_reason);
        if (!b.geometric && !(b.weights[i] > 0))
            throw BookRowError{"weights", fmt::format("{} must be > 0 in an arithmetic basket", b.weights[i])};
    }
    const std::vector<double> c = row.text("correlation") ? row.numbers("correlation") : std::vector<double>{0.0};
    if (c.size() == 1) {
        b.correlation.assign(n * n, c[0]);
        for (std::size_t i = 0; i < n; ++i) b.correlation[i * n + i] = 1;
    } else if (c.size() == n * n) {
        b.correlation = c;
    } else {
        throw BookRowError{"correlation",
                           fmt::format("{} values: give one, or the {} of the {}x{} matrix", c.size(), n * n, n, n)};
    }
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            if (b.correlation[i * n + j] != b.correlation[j * n + i] || std::fabs(b.correlation[i * n + j]) > 1 ||
                (i == j && b.correlation[i * n + j] != 1))
                throw BookRowError{"correlation", "must be symmetric with a unit diagonal and entries within [-1, 1]"};
    if (correlation_cholesky(b.correlation, int(n)).empty())
        throw BookRowError{"correlation", "the matrix is not positive definite"};
    return b;
}

OptionSpec parse_row(const Record& r) {
    if (!r.error.empty()) throw BookRowError{"", r.error};
    const BookRow row(r);
    OptionSpec o;
    o.row = r.row;
    o.where = r.where;
    o.id = std::uint64_t(row.integer("id", r.row, 0, 9007199254740992.0));  // 2^53: exact in a double
    const std::string model_name = row.choice("model", "gbm");
    if (contains(planned_models, model_name))
        throw BookRowError{"model", fmt::format("model '{}' not supported yet", model_name)};
    o.model = named(row, "model", models, "gbm");
    const std::string type = row.choice("type", "");
    if (type.empty()) throw BookRowError{"type", "missing (the column is required)"};
    if (type != "call" && type != "put")
        throw BookRowError{"type", fmt::format("unknown type '{}'; allowed: call, put", type)};
    GbmContract& c = o.contract;
    ModelParams& p = o.params;
    c.type = type == "call" ? OptionType::Call : OptionType::Put;
    c.payoff = named(row, "payoff", payoff_ids(), "european");
    const PayoffTraits traits = payoff_traits(c.payoff);
    c.market.strike = row.positive_up_to("strike", book_max_money, book_money_reason);
    c.market.expiry = row.positive_up_to("maturity", max_maturity, maturity_reason);
    c.market.rate = row.within("rate", -max_rate, max_rate, rate_reason, 0.0);
    c.market.dividend = row.within("dividend", -max_rate, max_rate, rate_reason, 0.0);
    c.fixings = int(row.integer("fixings", 12, 1, double(gbm_max_fixings)));
    c.cash = row.within("cash", -book_max_money, book_max_money, book_money_reason, 1.0);
    const double T = c.market.expiry;
    switch (o.model) {
        case Model::Gbm: break;
        case Model::Heston: {
            HestonParams& h = p.heston;
            h.v0 = row.number("v0");
            if (h.v0 < 0) throw BookRowError{"v0", fmt::format("{} must be >= 0", h.v0)};
            check_total_volatility("v0", h.v0, T);
            h.kappa = row.positive("kappa");
            h.theta = row.positive("theta");
            check_total_volatility("theta", h.theta, T);
            h.vol_of_vol = row.positive("vol_of_vol");
            check_total_volatility("vol_of_vol", h.vol_of_vol * h.vol_of_vol, T);
            h.rho = row.number("rho");
            if (std::fabs(h.rho) > 1) throw BookRowError{"rho", fmt::format("{} must be within [-1, 1]", h.rho)};
            break;
        }
        case Model::Merton: {
            MertonParams& m = p.merton;
            m.intensity = row.number("jump_intensity");
            m.jump_mean = row.within("jump_mean", -max_log_jump, max_log_jump, log_jump_reason);
            m.jump_vol = row.within("jump_vol", 0, max_log_jump, log_jump_reason);
            if (m.intensity < 0 || m.intensity * T > 50)
                throw BookRowError{"jump_intensity", fmt::format("{} must be >= 0 with at most 50 jumps expected "
                                                                 "over the maturity",
                                                                 m.intensity)};
            // The jumps' share of the variance over the maturity, bounded as the diffusion's is.
            check_total_volatility("jump_intensity",
                                   m.intensity * (m.jump_mean * m.jump_mean + m.jump_vol * m.jump_vol), T);
            break;
        }
        case Model::Basket: p.basket = parse_basket(row, c.market.dividend, T); break;
    }
    // The market's spot and volatility: the first asset's for a basket (unused), sqrt(v0) for
    // Heston (unused); required for the other models.
    c.market.spot =
        o.model == Model::Basket ? p.basket.spots[0] : row.positive_up_to("spot", book_max_money, book_money_reason);
    c.market.volatility = o.model == Model::Basket   ? p.basket.vols[0]
                          : o.model == Model::Heston ? std::sqrt(p.heston.v0)
                                                     : row.positive("volatility");
    if (o.model == Model::Gbm || o.model == Model::Merton)
        check_total_volatility("volatility", c.market.volatility * c.market.volatility, T);
    if (traits.early_exercise && o.model == Model::Basket)
        throw BookRowError{"payoff", "early exercise of a basket not supported yet"};
    const BookRowContext context{T, o.model == Model::Gbm};
    Payoffs::visit(c.payoff, [&](auto payoff) { decltype(payoff)::read(row, p, context); });
    const int observations = path_observations(o);
    const double steps_per_year = row.positive_up_to("steps_per_year", max_steps_per_year,
                                                     "steps a year; hourly is already finer than any fixing",
                                                     default_heston_steps_per_year);
    if (o.model == Model::Heston && p.heston.kappa > max_kappa_per_step * steps_per_year)
        throw BookRowError{
            "kappa", fmt::format("{:g} reverts {:.3g} times a step at steps_per_year {:g}; at most {}: the "
                                 "QE scheme's steps mis-price beyond (raise steps_per_year)",
                                 p.heston.kappa, p.heston.kappa / steps_per_year, steps_per_year, max_kappa_per_step)};
    p.substeps = o.model == Model::Heston ? std::max(1, int(std::ceil(steps_per_year * T / observations))) : 1;
    return o;
}
}  // namespace

const std::vector<std::string>& book_columns() {
    static const std::vector<std::string> columns = [] {
        std::vector<std::string> all = {"id",       "type", "payoff",   "model",      "spot",    "strike",
                                        "maturity", "rate", "dividend", "volatility", "fixings", "cash"};
        for (int i = 0; i < Payoffs::size; ++i)  // the payoffs' own parameters
            for (const std::string& column : Payoffs::visit(PayoffId(i), [](auto p) { return decltype(p)::columns(); }))
                if (!contains(all, column)) all.push_back(column);
        for (const char* column :
             {"v0", "kappa", "theta", "vol_of_vol", "rho", "steps_per_year", "jump_intensity", "jump_mean", "jump_vol",
              "spots", "vols", "weights", "dividends", "correlation", "basket"})
            all.emplace_back(column);
        return all;
    }();
    return columns;
}

const std::string& model_name(Model model) { return name_of(models, model); }

bool uses_gbm_engine(const OptionSpec& o) {
    return o.model == Model::Gbm && payoff_traits(o.contract.payoff).gbm_engine;
}

int path_observations(const OptionSpec& o) {
    const PayoffTraits traits = payoff_traits(o.contract.payoff);
    return traits.single_step ? 1 : traits.early_exercise ? o.params.exercise.dates : o.contract.fixings;
}

std::string describe(const BadRow& b) {
    const std::string column = b.column.empty() ? "" : fmt::format(", column '{}'", b.column);
    return fmt::format("{}: row {}{}: {}", b.where, b.row, column, b.message);
}

Book parse_book(const Records& records) {
    Book book;
    std::map<std::uint64_t, int> first_row_of_id;
    for (const Record& r : records) {
        try {
            OptionSpec o = parse_row(r);
            if (auto [it, fresh] = first_row_of_id.emplace(o.id, r.row); !fresh)
                throw BookRowError{"id",
                                   fmt::format("id {} repeats row {}: ids name random streams, so they must differ",
                                               o.id, it->second)};
            book.options.push_back(std::move(o));
        } catch (const BookRowError& e) {
            book.bad_rows.push_back({r.row, r.where, e.column, e.message});
        }
    }
    return book;
}
}  // namespace simt::montecarlo
