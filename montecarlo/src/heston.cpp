// SPDX-License-Identifier: MIT
#include <simt/montecarlo/heston.hpp>

#include <cmath>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/montecarlo/black_scholes.hpp>
#include <simt/montecarlo/gauss_kronrod.hpp>
#include "input_checks.hpp"

namespace simt::montecarlo {
using cplx = std::complex<double>;

namespace {
/// log(1 + z) without losing z's digits when |z| is small (std::complex has no log1p).
cplx log1p(cplx z) {
    if (std::abs(z) > 1e-2) return std::log(1.0 + z);
    cplx term = z, sum = 0;
    for (int k = 1; k <= 9; ++k, term *= -z) sum += term / double(k);  // error < |z|^10 / 10
    return sum;
}
}  // namespace

cplx heston_characteristic_function(cplx u, const HestonInputs& in) {
    const cplx i(0, 1);
    const double kappa = in.kappa, xi2 = in.vol_of_vol * in.vol_of_vol, T = in.expiry;
    const cplx beta = kappa - in.rho * in.vol_of_vol * i * u;
    const cplx a = u * u + i * u;
    const cplx d = std::sqrt(beta * beta + xi2 * a);  // principal root: Re d >= 0
    // beta - d = -xi^2 a / (beta + d): written without the subtraction, which would lose all
    // digits as xi -> 0, where Heston tends to Black–Scholes.
    const cplx b_minus_d_over_xi2 = -a / (beta + d);
    // The "little trap": g = (beta - d) / (beta + d) and exp(-d T) instead of Heston's
    // 1/g and exp(+d T), so |g exp(-dT)| < 1 and the principal log stays continuous in u.
    const cplx g = xi2 * b_minus_d_over_xi2 / (beta + d);
    const cplx e = std::exp(-d * T);
    // log((1 - g e) / (1 - g)) = log(1 + g (1 - e) / (1 - g)), small like g when xi is.
    const cplx log_ratio = log1p(g * (1.0 - e) / (1.0 - g));
    const cplx C = kappa * in.theta * (b_minus_d_over_xi2 * T - 2.0 * log_ratio / xi2);
    const cplx D = b_minus_d_over_xi2 * (1.0 - e) / (1.0 - g * e);
    return std::exp(C + D * in.v0);
}

namespace {
void check_heston_inputs(const HestonInputs& in) {
    const char* pricer = "heston_price";
    detail::require_positive(pricer, "spot", in.spot);
    detail::require_positive(pricer, "strike", in.strike);
    detail::require_positive(pricer, "expiry", in.expiry);
    detail::require_finite(pricer, "rate", in.rate);
    detail::require_finite(pricer, "dividend", in.dividend);
    detail::require_within(pricer, "v0", in.v0, 0.0, HUGE_VAL);
    detail::require_positive(pricer, "kappa", in.kappa);
    detail::require_positive(pricer, "theta", in.theta);
    detail::require_positive(pricer, "vol_of_vol", in.vol_of_vol);
    detail::require_within(pricer, "rho", in.rho, -1.0, 1.0);
}
}  // namespace

double heston_price(OptionType type, const HestonInputs& in) {
    check_heston_inputs(in);
    const double T = in.expiry;
    // Control variate: Black–Scholes with the expected mean variance over [0, T]. The integral
    // then holds only the difference of the two characteristic functions, which is small, so
    // neither deep out-of-the-money prices nor puts lose digits to cancellation.
    const double mean_variance =
        in.theta + (in.v0 - in.theta) * -std::expm1(-in.kappa * T) / (in.kappa * T);
    const double cv_vol = std::sqrt(std::max(mean_variance, 1e-8));
    const BsmInputs bs{in.spot, in.strike, T, in.rate, in.dividend, cv_vol};

    // Lewis (2001): V = V_BS - sqrt(S K) e^{-(r+q)T/2} / pi
    //   * int_0^inf Re[e^{iwx} (phi_H(w - i/2) - phi_BS(w - i/2))] / (w^2 + 1/4) dw,
    // x = log(F / K); the same for calls and puts, since both obey put-call parity.
    const double x = std::log(in.spot / in.strike) + (in.rate - in.dividend) * T;
    const double cv_var_t = cv_vol * cv_vol * T;
    auto integrand = [&](double w) {
        const double w2 = w * w + 0.25;
        const cplx diff = heston_characteristic_function(cplx(w, -0.5), in) - std::exp(-0.5 * cv_var_t * w2);
        return (cplx(std::cos(w * x), std::sin(w * x)) * diff).real() / w2;
    };
    const QuadratureResult q = integrate_to_infinity(integrand, 0.0, 1e-13, 1e-12, 2000);
    if (!q.converged || !std::isfinite(q.value))
        throw Error(fmt::format("heston_price: the Lewis integral did not converge (estimate {}, error {}, "
                                "{} intervals)",
                                q.value, q.error, q.intervals));
    const double scale = std::sqrt(in.spot * in.strike) * std::exp(-0.5 * (in.rate + in.dividend) * T) / M_PI;
    return unchecked::bsm_price(type, bs) - scale * q.value;
}
}  // namespace simt::montecarlo
