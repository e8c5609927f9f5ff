// SPDX-License-Identifier: MIT
// Exact results for the 2-D Ising model (J = 1, h = 0) that the Monte Carlo tests compare with.
// The L x L torus: Kaufman's partition function (Phys. Rev. 76, 1232 (1949)) in the form of
// Ferdinand and Fisher (Phys. Rev. 185, 832 (1969)), eq. (2.1)-(2.4):
//   Z = 1/2 (2 sinh 2K)^{L^2/2} sum_{i=1..4} Z_i,
//   Z_1,2 = prod_{r=0}^{L-1} 2 cosh | 2 sinh (L gamma_{2r+1} / 2),
//   Z_3,4 = prod_{r=0}^{L-1} 2 cosh | 2 sinh (L gamma_{2r} / 2),
//   cosh gamma_l = cosh 2K coth 2K - cos(pi l / L), and gamma_0 = 2K + ln tanh K (signed).
// Energy and specific heat are its first and second derivatives in K, carried exactly by
// second-order forward-mode differentiation. The infinite lattice: Onsager's (Yang's)
// spontaneous magnetisation.
#pragma once
#include <cmath>

namespace simt::test {
/// A value with its first and second derivatives in one variable.
struct Jet {
    double v, d, dd;
};
inline Jet operator+(Jet a, Jet b) { return {a.v + b.v, a.d + b.d, a.dd + b.dd}; }
inline Jet operator-(Jet a, Jet b) { return {a.v - b.v, a.d - b.d, a.dd - b.dd}; }
inline Jet operator*(Jet a, Jet b) {
    return {a.v * b.v, a.d * b.v + a.v * b.d, a.dd * b.v + 2 * a.d * b.d + a.v * b.dd};
}
inline Jet operator*(double c, Jet a) { return {c * a.v, c * a.d, c * a.dd}; }
/// f(a) from f, f' and f'' at a.v.
inline Jet chain(Jet a, double f, double f1, double f2) { return {f, f1 * a.d, f2 * a.d * a.d + f1 * a.dd}; }
inline Jet exp(Jet a) {
    const double e = std::exp(a.v);
    return chain(a, e, e, e);
}
inline Jet log(Jet a) { return chain(a, std::log(a.v), 1 / a.v, -1 / (a.v * a.v)); }
inline Jet sinh(Jet a) { return chain(a, std::sinh(a.v), std::cosh(a.v), std::sinh(a.v)); }
inline Jet cosh(Jet a) { return chain(a, std::cosh(a.v), std::sinh(a.v), std::cosh(a.v)); }
inline Jet acosh(Jet a) {
    const double s = std::sqrt(a.v * a.v - 1);
    return chain(a, std::acosh(a.v), 1 / s, -a.v / (s * s * s));
}
inline Jet constant(double c) { return {c, 0, 0}; }

/// ln Z of the L x L torus at coupling K, with d/dK and d^2/dK^2. Each product is written as
/// e^{sum L gamma / 2} times factors (1 +- e^{-L gamma}) so that nothing overflows; gamma_0,
/// which changes sign at K_c, stays in its 2 cosh / 2 sinh form.
inline Jet ising_2d_log_z(int L, double coupling) {
    const Jet K{coupling, 1, 0};
    const Jet c = cosh(2.0 * K) * cosh(2.0 * K) * exp(constant(-1.0) * log(sinh(2.0 * K)));  // cosh 2K coth 2K
    auto gamma = [&](int l) { return acosh(c - constant(std::cos(M_PI * l / L))); };
    Jet odd_exp = constant(0), odd_plus = constant(1), odd_minus = constant(1);
    Jet even_exp = constant(0), even_plus = constant(1), even_minus = constant(1);
    for (int r = 0; r < L; ++r) {
        const Jet g = gamma(2 * r + 1);
        const Jet tail = exp(constant(-double(L)) * g);
        odd_exp = odd_exp + (0.5 * L) * g;
        odd_plus = odd_plus * (constant(1) + tail);
        odd_minus = odd_minus * (constant(1) - tail);
        if (r == 0) continue;
        const Jet ge = gamma(2 * r);
        const Jet tail_e = exp(constant(-double(L)) * ge);
        even_exp = even_exp + (0.5 * L) * ge;
        even_plus = even_plus * (constant(1) + tail_e);
        even_minus = even_minus * (constant(1) - tail_e);
    }
    const Jet g0 = 2.0 * K + log(sinh(K) * exp(constant(-1.0) * log(cosh(K))));
    const Jet even = 2.0 * cosh((0.5 * L) * g0) * even_plus + 2.0 * sinh((0.5 * L) * g0) * even_minus;
    const Jet sum = odd_plus + odd_minus + exp(even_exp - odd_exp) * even;
    return constant(std::log(0.5)) + (0.5 * L * L) * log(2.0 * sinh(2.0 * K)) + odd_exp + log(sum);
}

/// Energy per site <H>/N at temperature T (J = 1): -d ln Z / dK / N.
inline double ising_2d_energy(int L, double T) { return -ising_2d_log_z(L, 1 / T).d / (double(L) * L); }
/// Specific heat per site: K^2 d^2 ln Z / dK^2 / N.
inline double ising_2d_specific_heat(int L, double T) {
    const double K = 1 / T;
    return K * K * ising_2d_log_z(L, K).dd / (double(L) * L);
}
/// Onsager's spontaneous magnetisation of the infinite lattice, (1 - sinh^{-4} 2K)^{1/8} below T_c.
inline double onsager_magnetisation(double T) {
    const double s = std::sinh(2 / T);
    return s > 1 ? std::pow(1 - std::pow(s, -4), 0.125) : 0.0;
}
/// T_c = 2 / ln(1 + sqrt 2).
inline double ising_2d_critical_temperature() { return 2 / std::log(1 + std::sqrt(2.0)); }
}  // namespace simt::test
