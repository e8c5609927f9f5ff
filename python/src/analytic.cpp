// SPDX-License-Identifier: MIT
#include "analytic.hpp"

#include <simt/core/error.hpp>
#include <simt/montecarlo/barrier.hpp>
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/geometric_asian.hpp>
#include <simt/montecarlo/heston.hpp>
#include <simt/montecarlo/lookback.hpp>
#include <simt/montecarlo/merton.hpp>

namespace py = pybind11;

namespace simt::python {
namespace {
using namespace simt::montecarlo;

OptionType option_type(const std::string& name) {
    if (name == "call") return OptionType::Call;
    if (name == "put") return OptionType::Put;
    throw ConfigError("analytic: option = '" + name + "' must be 'call' or 'put'");
}

BarrierType barrier_type(const std::string& name) {
    if (name == "down_in") return BarrierType::DownIn;
    if (name == "down_out") return BarrierType::DownOut;
    if (name == "up_in") return BarrierType::UpIn;
    if (name == "up_out") return BarrierType::UpOut;
    throw ConfigError("analytic: barrier_type = '" + name + "' must be 'down_in', 'down_out', 'up_in' or 'up_out'");
}

/// Binds f(option, spot, strike, expiry, rate, dividend, volatility, extra...) under the
/// keyword names every Black–Scholes–Merton pricer shares.
template <class F, class... Extra>
void def_bsm(py::module_& m, const char* name, F&& f, const char* doc, Extra&&... extra) {
    m.def(name, std::forward<F>(f), py::arg("option"), py::arg("spot"), py::arg("strike"), py::arg("expiry"),
          py::arg("rate"), py::arg("dividend"), py::arg("volatility"), std::forward<Extra>(extra)..., doc);
}
}  // namespace

void bind_analytic(py::module_& parent) {
    py::module_ m = parent.def_submodule(
        "analytic", "Closed-form option prices (simt::montecarlo); see the package simt.analytic");

    def_bsm(
        m, "bsm_price",
        [](const std::string& option, double s, double k, double t, double r, double q, double vol) {
            return bsm_price(option_type(option), {s, k, t, r, q, vol});
        },
        "Black-Scholes-Merton price of a European call or put.");
    def_bsm(
        m, "bsm_greeks",
        [](const std::string& option, double s, double k, double t, double r, double q, double vol) {
            const BsmGreeks g = bsm_greeks(option_type(option), {s, k, t, r, q, vol});
            py::dict d;
            d["price"] = g.price, d["delta"] = g.delta, d["gamma"] = g.gamma, d["vega"] = g.vega;
            d["theta"] = g.theta, d["rho"] = g.rho, d["dividend_rho"] = g.dividend_rho;
            return d;
        },
        "Price and Greeks as a dict: price, delta, gamma, vega (per unit volatility), theta (dV/dt per "
        "year), rho, dividend_rho.");
    def_bsm(
        m, "digital_price",
        [](const std::string& option, double s, double k, double t, double r, double q, double vol, double cash) {
            return digital_price(option_type(option), {s, k, t, r, q, vol}, cash);
        },
        "Cash-or-nothing digital: pays `cash` at expiry if the option ends in the money.", py::arg("cash") = 1.0);
    def_bsm(
        m, "geometric_asian_price",
        [](const std::string& option, double s, double k, double t, double r, double q, double vol, int fixings) {
            return geometric_asian_price(option_type(option), {s, k, t, r, q, vol}, fixings);
        },
        "Geometric-average-price Asian with `fixings` equally spaced fixings at expiry/n, ..., expiry.",
        py::arg("fixings"));

    def_bsm(
        m, "merton_price",
        [](const std::string& option, double s, double k, double t, double r, double q, double vol, double intensity,
           double jump_mean, double jump_vol) {
            return merton_price(option_type(option), {s, k, t, r, q, vol}, {intensity, jump_mean, jump_vol});
        },
        "European option under Merton's (1976) jump diffusion: log-normal jumps (log J ~ N(jump_mean, "
        "jump_vol^2)) at `intensity` per year.",
        py::arg("intensity"), py::arg("jump_mean"), py::arg("jump_vol"));
    def_bsm(
        m, "floating_lookback_price",
        [](const std::string& option, double s, double k, double t, double r, double q, double vol, int observations) {
            return observations > 0 ? discrete_floating_lookback_price(option_type(option), {s, k, t, r, q, vol}, observations)
                                    : floating_lookback_price(option_type(option), {s, k, t, r, q, vol}, s);
        },
        "Floating-strike lookback from inception (Goldman-Sosin-Gatto; `strike` unused): continuous with "
        "observations=0, else monitored at n dates by the Broadie-Glasserman-Kou shift.",
        py::arg("observations") = 0);
    m.def(
        "barrier_price",
        [](const std::string& type, const std::string& option, double s, double k, double t, double r, double q,
           double vol, double barrier, double rebate) {
            return barrier_price(barrier_type(type), option_type(option), {s, k, t, r, q, vol}, barrier, rebate);
        },
        py::arg("barrier_type"), py::arg("option"), py::arg("spot"), py::arg("strike"), py::arg("expiry"),
        py::arg("rate"), py::arg("dividend"), py::arg("volatility"), py::arg("barrier"), py::arg("rebate") = 0.0,
        "Continuously monitored single barrier; barrier_type 'down_in' | 'down_out' | 'up_in' | 'up_out'. A "
        "knock-out's rebate is paid at the hit, a knock-in's at expiry.");
    m.def(
        "bgk_corrected_barrier",
        [](const std::string& type, double barrier, double volatility, double monitoring_interval) {
            return bgk_corrected_barrier(barrier_type(type), barrier, volatility, monitoring_interval);
        },
        py::arg("barrier_type"), py::arg("barrier"), py::arg("volatility"), py::arg("monitoring_interval"),
        "The continuous barrier that approximates one monitored every `monitoring_interval` years "
        "(Broadie-Glasserman-Kou).");
    m.def(
        "heston_price",
        [](const std::string& option, double s, double k, double t, double r, double q, double v0, double kappa,
           double theta, double vol_of_vol, double rho) {
            return heston_price(option_type(option), {s, k, t, r, q, v0, kappa, theta, vol_of_vol, rho});
        },
        py::arg("option"), py::arg("spot"), py::arg("strike"), py::arg("expiry"), py::arg("rate"),
        py::arg("dividend"), py::arg("v0"), py::arg("kappa"), py::arg("theta"), py::arg("vol_of_vol"),
        py::arg("rho"), "European call or put under Heston (1993) stochastic volatility.");
}
}  // namespace simt::python
