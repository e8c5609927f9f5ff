// SPDX-License-Identifier: MIT
#include <simt/montecarlo/book.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <simt/core/suggest.hpp>
#include <simt/montecarlo/path_models.hpp>
#include <simt/core/error.hpp>

namespace simt::montecarlo {
namespace {
/// The reason a row is bad; parse_book turns it into a BadRow.
struct RowError {
    std::string column, message;
};

const std::vector<std::pair<std::string, Model>> models = {
    {"gbm", Model::Gbm}, {"heston", Model::Heston}, {"merton", Model::Merton}, {"basket", Model::Basket}};
/// Models a later engine will price: named "not supported yet", not "unknown".
const std::vector<std::string> planned_models = {"sabr", "local_vol"};
/// The table's payoffs by name, for Row::named.
const std::vector<std::pair<std::string, PayoffId>>& payoff_ids() {
    static const auto ids = [] {
        std::vector<std::pair<std::string, PayoffId>> named;
        for (int i = 0; i < Payoffs::size; ++i) named.emplace_back(payoff_name(PayoffId(i)), PayoffId(i));
        return named;
    }();
    return ids;
}
const std::vector<std::pair<std::string, BarrierType>> barrier_types = {{"down_in", BarrierType::DownIn},
                                                                         {"down_out", BarrierType::DownOut},
                                                                         {"up_in", BarrierType::UpIn},
                                                                         {"up_out", BarrierType::UpOut}};
const std::vector<std::pair<std::string, BarrierMonitoring>> monitorings = {
    {"discrete", BarrierMonitoring::Discrete}, {"bgk", BarrierMonitoring::Bgk}, {"continuous", BarrierMonitoring::Continuous}};
const std::vector<std::pair<std::string, RegressionBasis>> bases = {{"laguerre", RegressionBasis::Laguerre},
                                                                    {"monomial", RegressionBasis::Monomial}};
const std::vector<std::pair<std::string, bool>> basket_kinds = {{"arithmetic", false}, {"geometric", true}};

/// Heston steps per year when the row does not say (weekly).
constexpr double default_heston_steps_per_year = 52;

// What the engines can price. Beyond these bounds a row gives NaN, Inf or a wrong price with a
// small standard error (paths overflow, or all of them miss where the price lies), so the row
// is refused with the reason instead.
/// Spot, strike, barrier, cash, rebate: fp32 paths hold prices to 3.4e38, and the variance sums
/// square the payoffs; 1e15 leaves room for e^{(r - q) T + 6 sigma sqrt(T)} growth.
constexpr double max_money = 1e15;
/// Maturity [years]: discount factors and drifts stay finite and the path count per year sane.
constexpr double max_maturity = 100;
/// |rate|, |dividend| [1/year]: e^{rate T} must stay far from overflow and underflow.
constexpr double max_rate = 1;
/// volatility sqrt(maturity): beyond 3 the price is carried by paths more than 3 standard
/// deviations out, which few of the paths reach; the estimate and its error would both be wrong.
constexpr double max_total_volatility = 3;
/// Merton jump mean and volatility (of the log jump): e^{jump} must stay finite.
constexpr double max_log_jump = 5;
constexpr const char* money_reason = "larger amounts overflow the paths and their squared payoffs; rescale the currency";
constexpr const char* maturity_reason = "years; longer maturities overflow the discount factors and drifts";
constexpr const char* rate_reason = "a year's rate; larger ones overflow e^(rate maturity)";
/// Heston steps per year at most hourly: more only lengthens the paths.
constexpr double max_steps_per_year = 10000;
/// Heston: kappa dt, the mean reversion within a step. At 1.9 prices agree with the limit of
/// fast reversion (Black-Scholes at sqrt(theta)); at 19 (kappa 1000, weekly steps) they were 40 % high.
constexpr double max_kappa_per_step = 2;
constexpr const char* log_jump_reason = "a log jump; larger ones overflow e^jump";

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

/// One record's cells by column, read with the checks every column shares.
class Row {
   public:
    explicit Row(const Record& r) {
        for (const auto& [column, text] : r.cells) {
            if (!contains(book_columns(), column))
                throw RowError{column, fmt::format("unknown column; allowed: {}", fmt::join(book_columns(), ", "))};
            if (m_cells.count(column)) throw RowError{column, "given twice"};
            // An empty cell is an absent value: a mixed CSV book leaves the Asian columns blank.
            if (std::string t = trim(text); !t.empty()) m_cells[column] = t;
        }
    }

    std::optional<std::string> text(const std::string& column) const {
        auto it = m_cells.find(column);
        return it == m_cells.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    std::string required_text(const std::string& column) const {
        if (auto t = text(column)) return *t;
        throw RowError{column, "missing (the column is required)"};
    }
    std::string choice(const std::string& column, const std::string& fallback) const {
        std::string t = text(column).value_or(fallback);
        std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        return t;
    }

    /// One of `table`'s names (case-insensitive), `fallback` when absent ("" = required).
    template <class T>
    T named(const std::string& column, const std::vector<std::pair<std::string, T>>& table,
            const std::string& fallback) const {
        const std::string name = choice(column, fallback);
        if (name.empty()) throw RowError{column, "missing (the column is required)"};
        for (const auto& [n, value] : table)
            if (n == name) return value;
        std::vector<std::string> names;
        for (const auto& entry : table) names.push_back(entry.first);
        throw RowError{column, fmt::format("unknown {} '{}'; allowed: {}{}", column, name, fmt::join(names, ", "),
                                           did_you_mean(name, names))};
    }

    /// A ';'-separated list of finite numbers ("100;95.5;80").
    std::vector<double> numbers(const std::string& column) const {
        const std::string t = required_text(column);
        std::vector<double> out;
        std::size_t start = 0;
        while (true) {
            const std::size_t end = t.find(';', start);
            const std::string item = trim(t.substr(start, end == std::string::npos ? std::string::npos : end - start));
            double v = 0;
            const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
            if (item.empty() || ec != std::errc() || ptr != item.data() + item.size() || !std::isfinite(v))
                throw RowError{column, fmt::format("'{}' is not a ';'-separated list of finite numbers", t)};
            out.push_back(v);
            if (end == std::string::npos) return out;
            start = end + 1;
        }
    }

    /// A finite number; `fallback` when the cell is absent, required when there is none.
    double number(const std::string& column, std::optional<double> fallback = std::nullopt) const {
        const auto t = text(column);
        if (!t) {
            if (fallback) return *fallback;
            throw RowError{column, "missing (the column is required)"};
        }
        double v = 0;
        const char* end = t->data() + t->size();
        const auto [ptr, ec] = std::from_chars(t->data(), end, v);
        if (ec != std::errc() || ptr != end || !std::isfinite(v))
            throw RowError{column, fmt::format("'{}' is not a finite number", *t)};
        return v;
    }
    double positive(const std::string& column, std::optional<double> fallback = std::nullopt) const {
        const double v = number(column, fallback);
        if (!(v > 0)) throw RowError{column, fmt::format("{} must be > 0", v)};
        return v;
    }
    /// A number within [lo, hi]; `why` says what the bound protects.
    double within(const std::string& column, double lo, double hi, const char* why,
                  std::optional<double> fallback = std::nullopt) const {
        return checked_within(column, number(column, fallback), lo, hi, why);
    }
    /// A number > 0 and at most hi.
    double positive_up_to(const std::string& column, double hi, const char* why,
                          std::optional<double> fallback = std::nullopt) const {
        const double v = positive(column, fallback);
        return checked_within(column, v, 0, hi, why);
    }
    /// The volatility over the maturity, sqrt(variance rate * maturity), at most max_total_volatility.
    static void check_total_volatility(const std::string& column, double variance_rate, double maturity) {
        const double total = std::sqrt(variance_rate * maturity);
        if (!(total <= max_total_volatility))
            throw RowError{column, fmt::format("gives a volatility over the maturity of {:.4g} (volatility sqrt(maturity)); at "
                                               "most {}: beyond, the price lies on paths few samples reach",
                                               total, max_total_volatility)};
    }
    static double checked_within(const std::string& column, double v, double lo, double hi, const char* why) {
        if (!(v >= lo && v <= hi)) throw RowError{column, fmt::format("{:g} must be within [{:g}, {:g}]: {}", v, lo, hi, why)};
        return v;
    }
    /// A whole number within [lo, hi] ("12" or "12.0"; not "12.5").
    std::int64_t integer(const std::string& column, std::int64_t fallback, double lo, double hi) const {
        if (!text(column)) return fallback;
        const double v = number(column);
        if (v != std::floor(v) || v < lo || v > hi)
            throw RowError{column, fmt::format("{} must be a whole number within [{}, {}]", v, lo, hi)};
        return std::int64_t(v);
    }

   private:
    std::map<std::string, std::string> m_cells;
};

template <class T>
const std::string& name_of(const std::vector<std::pair<std::string, T>>& table, T value) {
    for (const auto& entry : table)
        if (entry.second == value) return entry.first;
    throw Error("book: a value without a name");
}

/// The basket columns: spots, vols, weights (and dividends), ';'-separated, and the correlation
/// as one value for every pair or the n x n matrix row by row.
BasketParams parse_basket(const Row& row, double dividend, double maturity) {
    BasketParams b;
    b.spots = row.numbers("spots");
    const std::size_t n = b.spots.size();
    if (n > std::size_t(basket_max_assets))
        throw RowError{"spots", fmt::format("{} assets; at most {}", n, basket_max_assets)};
    const auto same_length = [&](const char* column, std::vector<double> v) {
        if (v.size() != n) throw RowError{column, fmt::format("{} values for {} spots", v.size(), n)};
        return v;
    };
    b.vols = same_length("vols", row.numbers("vols"));
    b.weights = same_length("weights", row.numbers("weights"));
    b.dividends = row.text("dividends") ? same_length("dividends", row.numbers("dividends"))
                                        : std::vector<double>(n, dividend);
    b.geometric = row.named("basket", basket_kinds, "arithmetic");
    for (std::size_t i = 0; i < n; ++i) {
        if (!(b.spots[i] > 0)) throw RowError{"spots", fmt::format("{} must be > 0", b.spots[i])};
        if (!(b.vols[i] > 0)) throw RowError{"vols", fmt::format("{} must be > 0", b.vols[i])};
        Row::checked_within("spots", b.spots[i], 0, max_money, money_reason);
        Row::check_total_volatility("vols", b.vols[i] * b.vols[i], maturity);
        Row::checked_within("dividends", b.dividends[i], -max_rate, max_rate, rate_reason);
        if (!b.geometric && !(b.weights[i] > 0))
            throw RowError{"weights", fmt::format("{} must be > 0 in an arithmetic basket", b.weights[i])};
    }
    const std::vector<double> c = row.text("correlation") ? row.numbers("correlation") : std::vector<double>{0.0};
    if (c.size() == 1) {
        b.correlation.assign(n * n, c[0]);
        for (std::size_t i = 0; i < n; ++i) b.correlation[i * n + i] = 1;
    } else if (c.size() == n * n) {
        b.correlation = c;
    } else {
        throw RowError{"correlation", fmt::format("{} values: give one, or the {} of the {}x{} matrix", c.size(),
                                                  n * n, n, n)};
    }
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            if (b.correlation[i * n + j] != b.correlation[j * n + i] || std::fabs(b.correlation[i * n + j]) > 1 ||
                (i == j && b.correlation[i * n + j] != 1))
                throw RowError{"correlation", "must be symmetric with a unit diagonal and entries within [-1, 1]"};
    if (correlation_cholesky(b.correlation, int(n)).empty())
        throw RowError{"correlation", "the matrix is not positive definite"};
    return b;
}

OptionSpec parse_row(const Record& r) {
    if (!r.error.empty()) throw RowError{"", r.error};
    const Row row(r);
    OptionSpec o;
    o.row = r.row;
    o.where = r.where;
    o.id = std::uint64_t(row.integer("id", r.row, 0, 9007199254740992.0));  // 2^53: exact in a double
    const std::string model_name = row.choice("model", "gbm");
    if (contains(planned_models, model_name))
        throw RowError{"model", fmt::format("model '{}' not supported yet", model_name)};
    o.model = row.named("model", models, "gbm");
    const std::string type = row.choice("type", "");
    if (type.empty()) throw RowError{"type", "missing (the column is required)"};
    if (type != "call" && type != "put") throw RowError{"type", fmt::format("unknown type '{}'; allowed: call, put", type)};
    GbmContract& c = o.contract;
    ModelParams& p = o.params;
    c.type = type == "call" ? OptionType::Call : OptionType::Put;
    c.payoff = row.named("payoff", payoff_ids(), "european");
    const PayoffTraits traits = payoff_traits(c.payoff);
    c.market.strike = row.positive_up_to("strike", max_money, money_reason);
    c.market.expiry = row.positive_up_to("maturity", max_maturity, maturity_reason);
    c.market.rate = row.within("rate", -max_rate, max_rate, rate_reason, 0.0);
    c.market.dividend = row.within("dividend", -max_rate, max_rate, rate_reason, 0.0);
    c.fixings = int(row.integer("fixings", 12, 1, double(gbm_max_fixings)));
    c.cash = row.within("cash", -max_money, max_money, money_reason, 1.0);
    const double T = c.market.expiry;
    switch (o.model) {
        case Model::Gbm: break;
        case Model::Heston: {
            HestonParams& h = p.heston;
            h.v0 = row.number("v0");
            if (h.v0 < 0) throw RowError{"v0", fmt::format("{} must be >= 0", h.v0)};
            Row::check_total_volatility("v0", h.v0, T);
            h.kappa = row.positive("kappa");
            h.theta = row.positive("theta");
            Row::check_total_volatility("theta", h.theta, T);
            h.vol_of_vol = row.positive("vol_of_vol");
            Row::check_total_volatility("vol_of_vol", h.vol_of_vol * h.vol_of_vol, T);
            h.rho = row.number("rho");
            if (std::fabs(h.rho) > 1) throw RowError{"rho", fmt::format("{} must be within [-1, 1]", h.rho)};
            break;
        }
        case Model::Merton: {
            MertonParams& m = p.merton;
            m.intensity = row.number("jump_intensity");
            m.jump_mean = row.within("jump_mean", -max_log_jump, max_log_jump, log_jump_reason);
            m.jump_vol = row.within("jump_vol", 0, max_log_jump, log_jump_reason);
            if (m.intensity < 0 || m.intensity * T > 50)
                throw RowError{"jump_intensity", fmt::format("{} must be >= 0 with at most 50 jumps expected "
                                                             "over the maturity", m.intensity)};
            // The jumps' share of the variance over the maturity, bounded as the diffusion's is.
            Row::check_total_volatility("jump_intensity",
                                        m.intensity * (m.jump_mean * m.jump_mean + m.jump_vol * m.jump_vol), T);
            break;
        }
        case Model::Basket: p.basket = parse_basket(row, c.market.dividend, T); break;
    }
    // The market's spot and volatility: the first asset's for a basket (unused), sqrt(v0) for
    // Heston (unused); required for the other models.
    c.market.spot = o.model == Model::Basket ? p.basket.spots[0] : row.positive_up_to("spot", max_money, money_reason);
    c.market.volatility = o.model == Model::Basket   ? p.basket.vols[0]
                          : o.model == Model::Heston ? std::sqrt(p.heston.v0)
                                                     : row.positive("volatility");
    if (o.model == Model::Gbm || o.model == Model::Merton)
        Row::check_total_volatility("volatility", c.market.volatility * c.market.volatility, T);
    if (c.payoff == payoff_id<payoffs::Barrier>) {
        BarrierParams& b = p.barrier;
        b.level = row.positive_up_to("barrier", max_money, money_reason);
        b.type = row.named("barrier_type", barrier_types, "");
        b.rebate = row.within("rebate", 0, max_money, money_reason, 0.0);
        b.monitoring = row.named("monitoring", monitorings, "discrete");
        if (b.monitoring != BarrierMonitoring::Discrete && o.model != Model::Gbm)
            throw RowError{"monitoring", fmt::format("'{}' monitoring needs model gbm (a constant volatility); "
                                                     "use discrete",
                                                     name_of(monitorings, b.monitoring))};
    }
    if (traits.early_exercise) {
        if (o.model == Model::Basket) throw RowError{"payoff", "early exercise of a basket not supported yet"};
        const double default_dates = std::max(1.0, std::round(50 * T));  // Longstaff & Schwartz: 50 a year
        const bool dates_required =
            Payoffs::visit(c.payoff, [](auto q) { return decltype(q)::exercise_dates_required; });
        if (dates_required && !row.text("exercise_dates"))
            throw RowError{"exercise_dates", "missing (a bermudan option needs its number of exercise dates)"};
        p.exercise.dates = int(row.integer("exercise_dates", std::int64_t(default_dates), 1, 10000));
        p.exercise.basis = row.named("basis", bases, "laguerre");
        p.exercise.degree = int(row.integer("degree", 3, 1, 6));
    }
    const int observations = path_observations(o);
    const double steps_per_year = row.positive_up_to("steps_per_year", max_steps_per_year,
                                                     "steps a year; hourly is already finer than any fixing",
                                                     default_heston_steps_per_year);
    if (o.model == Model::Heston && p.heston.kappa > max_kappa_per_step * steps_per_year)
        throw RowError{"kappa", fmt::format("{:g} reverts {:.3g} times a step at steps_per_year {:g}; at most {}: the "
                                            "QE scheme's steps mis-price beyond (raise steps_per_year)",
                                            p.heston.kappa, p.heston.kappa / steps_per_year, steps_per_year,
                                            max_kappa_per_step)};
    p.substeps = o.model == Model::Heston ? std::max(1, int(std::ceil(steps_per_year * T / observations))) : 1;
    return o;
}
}  // namespace

const std::vector<std::string>& book_columns() {
    static const std::vector<std::string> columns = {
        "id",          "type",           "payoff",     "model",    "spot",     "strike",       "maturity",
        "rate",        "dividend",       "volatility", "fixings",  "cash",     "barrier",      "barrier_type",
        "rebate",      "monitoring",     "v0",         "kappa",    "theta",    "vol_of_vol",   "rho",
        "steps_per_year", "jump_intensity", "jump_mean", "jump_vol", "spots",  "vols",         "weights",
        "dividends",   "correlation",    "basket",     "exercise_dates", "basis", "degree"};
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
                throw RowError{"id", fmt::format("id {} repeats row {}: ids name random streams, so they must differ",
                                                 o.id, it->second)};
            book.options.push_back(std::move(o));
        } catch (const RowError& e) {
            book.bad_rows.push_back({r.row, r.where, e.column, e.message});
        }
    }
    return book;
}
}  // namespace simt::montecarlo
