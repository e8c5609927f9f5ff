// SPDX-License-Identifier: MIT
// Asset models for the generic path kernel (model_paths.hpp): each walks one time step of one
// path from that path's Philox draws (the layouts: path_random.hpp) and tells the payoff the
// log of the underlying. `sign` = -1 walks the antithetic twin: normals negated, uniforms
// reflected (u -> 1 - u, which negates a normal made by the inverse CDF).
//
// Each model's step is `advance` from the step's random inputs, which come either from the
// path's Philox draws (`step`) or, under quasi-Monte Carlo (path_sources.hpp), from `bridged`
// Brownian-bridge normals and `uniforms_per_step` Sobol coordinates per step (`step_qmc`, whose
// `d` serves the inputs a model keeps pseudo-random: Merton's jumps).
#pragma once
#include <cmath>
#include <simt/montecarlo/normal.hpp>
#include <simt/montecarlo/path_random.hpp>

namespace simt::montecarlo {
/// u, or its antithetic reflection 1 - u.
SIMT_INLINE double reflect(double u, double sign) { return sign > 0 ? u : 1 - u; }

/// Black–Scholes–Merton: exact log-normal steps, the same normals as GbmPathKernel.
struct GbmModel {
    double log_spot, drift_dt, vol_sqrt_dt;  ///< drift_dt = (r - q - sigma^2/2) dt
    struct State {
        double log_s, spare;  ///< spare: the second normal of the last draw
    };
    static constexpr int max_bridged = 1, uniforms_per_step = 0;
    SIMT_INLINE int bridged() const { return 1; }
    SIMT_INLINE State start() const { return {log_spot, 0}; }
    SIMT_INLINE void advance(double z, State& s) const { s.log_s += drift_dt + vol_sqrt_dt * z; }
    SIMT_INLINE void step(const PathDraws& d, int k, double sign, State& s) const {
        double z = s.spare;
        if ((k & 1) == 0) d.normals(std::uint64_t(k >> 1), z, s.spare);
        advance(sign * z, s);
    }
    SIMT_INLINE void step_qmc(const double* z, const double*, const PathDraws&, int, double, State& s) const {
        advance(z[0], s);
    }
    SIMT_INLINE double log_underlying(const State& s) const { return s.log_s; }
};

/// Heston by Andersen's (2008) quadratic-exponential scheme for the variance, with the
/// central (gamma1 = gamma2 = 1/2) discretisation of the integrated variance and his
/// martingale correction (QE-M, "Efficient simulation of the Heston stochastic volatility
/// model", J. Comput. Finance 11(3), sec. 3.2.4 and 4.2): E[S(t + dt) / S(t)] = e^{(r-q) dt}
/// exactly for each step. psi_c = 1.5 switches between the two branches.
struct HestonQeModel {
    double log_spot, v0, carry_dt;   ///< carry_dt = (r - q) dt
    double decay;                    ///< e^{-kappa dt}
    double theta, m_coeff, s2_v, s2_const;  ///< s^2 = s2_v v + s2_const
    double k0, k1, k2, k3, k4, a;    ///< Andersen's K0..K4 and A = K2 + K4 / 2

    struct State {
        double log_s, v;
    };
    static constexpr int max_bridged = 0, uniforms_per_step = 2;
    SIMT_INLINE int bridged() const { return 0; }
    SIMT_INLINE State start() const { return {log_spot, v0}; }
    SIMT_INLINE void step(const PathDraws& d, int k, double sign, State& s) const {
        double uv, ux;
        d.uniforms(std::uint64_t(k), uv, ux);
        advance(reflect(uv, sign), reflect(ux, sign), s);
    }
    /// Two Sobol coordinates per step, not bridged: the variance's is not a Brownian increment.
    SIMT_INLINE void step_qmc(const double*, const double* u, const PathDraws&, int, double, State& s) const {
        advance(u[0], u[1], s);
    }
    /// uv: the variance's uniform, ux: the log-price's (through the inverse normal CDF).
    SIMT_INLINE void advance(double uv, double ux, State& s) const {
        const double v = s.v;
        const double m = theta + (v - theta) * decay, s2 = s2_v * v + s2_const, psi = s2 / (m * m);
        double v_next, drift = k0;  // k0 without the correction when it does not exist
        if (psi <= 1.5) {           // quadratic: v' = a (b + Z)^2
            const double two_psi = 2 / psi, b2 = two_psi - 1 + std::sqrt(two_psi * (two_psi - 1));
            const double aa = m / (1 + b2), b = std::sqrt(b2);
            const double z = normal_quantile(uv);
            v_next = aa * (b + z) * (b + z);
            if (a * aa < 0.5) drift = -a * b2 * aa / (1 - 2 * a * aa) + 0.5 * std::log(1 - 2 * a * aa) - (k1 + 0.5 * k3) * v;
        } else {  // exponential with a mass p at 0
            const double p = (psi - 1) / (psi + 1), beta = (1 - p) / m;
            v_next = uv <= p ? 0.0 : std::log((1 - p) / (1 - uv)) / beta;
            if (a < beta) drift = -std::log(p + beta * (1 - p) / (beta - a)) - (k1 + 0.5 * k3) * v;
        }
        const double zx = normal_quantile(ux);
        s.log_s += carry_dt + drift + k1 * v + k2 * v_next + std::sqrt(k3 * v + k4 * v_next) * zx;
        s.v = v_next;
    }
    SIMT_INLINE double log_underlying(const State& s) const { return s.log_s; }
};

/// Merton (1976) jump diffusion: log-normal jumps J, log J ~ N(jump_mean, jump_vol^2), at rate
/// lambda; the drift is compensated (r - q - lambda kbar - sigma^2/2, kbar = E[J] - 1). Each step
/// is exact: the count is Poisson(lambda dt), the sum of n log-jumps N(n mean, n vol^2).
struct MertonModel {
    double log_spot, drift_dt, vol_sqrt_dt, lambda_dt, jump_mean, jump_vol;
    struct State {
        double log_s;
    };
    static constexpr int max_bridged = 1, uniforms_per_step = 0;
    SIMT_INLINE int bridged() const { return 1; }
    SIMT_INLINE State start() const { return {log_spot}; }
    SIMT_INLINE void step(const PathDraws& d, int k, double sign, State& s) const {
        double z, zj, u, unused;
        d.normals(2 * std::uint64_t(k), z, zj);
        d.uniforms(2 * std::uint64_t(k) + 1, u, unused);
        advance(sign * z, reflect(u, sign), sign * zj, s);
    }
    /// The diffusion from the bridge; the jumps' count and size stay on the Philox draws.
    SIMT_INLINE void step_qmc(const double* z, const double*, const PathDraws& d, int k, double sign,
                              State& s) const {
        double unused, zj, u;
        d.normals(2 * std::uint64_t(k), unused, zj);
        d.uniforms(2 * std::uint64_t(k) + 1, u, unused);
        advance(z[0], reflect(u, sign), sign * zj, s);
    }
    /// z: the diffusion's normal, u: the jump count's uniform, zj: the log-jumps' normal.
    SIMT_INLINE void advance(double z, double u, double zj, State& s) const {
        // Inverse CDF by the recursion p(n) = p(n-1) lambda dt / n (lambda dt <= 50: checked).
        double p = std::exp(-lambda_dt), cdf = p;
        int n = 0;
        while (u > cdf && n < 1000) {
            ++n;
            p *= lambda_dt / n;
            cdf += p;
        }
        s.log_s += drift_dt + vol_sqrt_dt * z + n * jump_mean + std::sqrt(double(n)) * jump_vol * zj;
    }
    SIMT_INLINE double log_underlying(const State& s) const { return s.log_s; }
};

/// Assets of a basket, at most.
constexpr int basket_max_assets = 8;

/// Correlated GBM assets, exact log-normal steps with the normals correlated by the Cholesky
/// factor of the correlation. The underlying is the basket: sum_i w_i S_i (arithmetic) or
/// prod_i S_i^{w_i} (geometric).
struct BasketModel {
    int assets;
    bool geometric;
    double log_spot[basket_max_assets], drift_dt[basket_max_assets], weight[basket_max_assets];
    double chol[basket_max_assets][basket_max_assets];  ///< lower triangle of L times sigma_i sqrt(dt)

    struct State {
        double log_s[basket_max_assets];
    };
    SIMT_INLINE State start() const {
        State s;
        SIMT_UNROLL
        for (int i = 0; i < basket_max_assets; ++i) s.log_s[i] = i < assets ? log_spot[i] : 0.0;
        return s;
    }
    static constexpr int max_bridged = basket_max_assets, uniforms_per_step = 0;
    /// One bridge per asset's independent normal: bridging them, then correlating, bridges
    /// the correlated Brownian motion.
    SIMT_INLINE int bridged() const { return assets; }
    SIMT_INLINE void step(const PathDraws& d, int k, double sign, State& s) const {
        const int draws = (assets + 1) / 2;
        double z[basket_max_assets] = {};
        for (int j = 0; j < draws; ++j) d.normals(std::uint64_t(k) * draws + j, z[2 * j], z[2 * j + 1]);
        advance(z, sign, s);
    }
    SIMT_INLINE void step_qmc(const double* z, const double*, const PathDraws&, int, double, State& s) const {
        advance(z, 1.0, s);
    }
    SIMT_INLINE void advance(const double* z, double sign, State& s) const {
        for (int i = 0; i < assets; ++i) {
            double dw = 0;
            for (int j = 0; j <= i; ++j) dw += chol[i][j] * z[j];
            s.log_s[i] += drift_dt[i] + sign * dw;
        }
    }
    SIMT_INLINE double log_underlying(const State& s) const {
        double sum = 0;
        for (int i = 0; i < assets; ++i) sum += geometric ? weight[i] * s.log_s[i] : weight[i] * std::exp(s.log_s[i]);
        return geometric ? sum : std::log(sum);
    }
};
}  // namespace simt::montecarlo
