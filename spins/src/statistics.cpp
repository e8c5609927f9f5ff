// SPDX-License-Identifier: MIT
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <simt/core/error.hpp>
#include <simt/spins/statistics.hpp>

namespace simt::spins {
namespace {
double mean_of(const std::vector<double>& x) {
    double s = 0;
    for (double v : x) s += v;
    return s / double(x.size());
}

/// Jackknife estimate of f(bin means) over B bins: f of the leave-one-out means, the error
/// sqrt((B-1)/B sum (f_i - f_bar)^2), and the value f of the full means.
template <int K, class F>
Estimate jackknife(const std::vector<std::array<double, K>>& bins, F f) {
    const std::size_t b = bins.size();
    std::array<double, K> total{};
    for (const auto& row : bins) {
        for (int k = 0; k < K; ++k) total[k] += row[k];
    }
    std::array<double, K> full;
    for (int k = 0; k < K; ++k) full[k] = total[k] / double(b);
    std::vector<double> leave_out(b);
    for (std::size_t i = 0; i < b; ++i) {
        std::array<double, K> rest;
        for (int k = 0; k < K; ++k) rest[k] = (total[k] - bins[i][k]) / double(b - 1);
        leave_out[i] = f(rest);
    }
    const double centre = mean_of(leave_out);
    double spread = 0;
    for (double v : leave_out) spread += (v - centre) * (v - centre);
    return {f(full), std::sqrt(double(b - 1) / double(b) * spread)};
}
}  // namespace

double autocorrelation_time(const std::vector<double>& x, double window_factor) {
    const std::size_t n = x.size();
    if (n < 2) return 0.5;
    const double mean = mean_of(x);
    std::vector<double> d(n);
    for (std::size_t i = 0; i < n; ++i) d[i] = x[i] - mean;
    double c0 = 0;
    for (double v : d) c0 += v * v;
    if (c0 == 0) return 0.5;
    double tau = 0.5;
    for (std::size_t t = 1; t < n; ++t) {
        double c = 0;
        for (std::size_t i = 0; i + t < n; ++i) c += d[i] * d[i + t];
        tau += c / c0 * double(n) / double(n - t);
        if (double(t) >= window_factor * tau) break;
    }
    return std::max(tau, 0.5);
}

Estimate binned_mean(const std::vector<double>& x, std::size_t bin) {
    const std::size_t bins = bin ? x.size() / bin : 0;
    SIMT_REQUIRE(bins >= 2, "spins: binned_mean needs at least two bins of " + std::to_string(bin) + " samples; got " +
                                std::to_string(x.size()) + " samples");
    std::vector<double> means(bins);
    for (std::size_t b = 0; b < bins; ++b) {
        double s = 0;
        for (std::size_t i = 0; i < bin; ++i) s += x[b * bin + i];
        means[b] = s / double(bin);
    }
    const double mean = mean_of(means);
    double var = 0;
    for (double m : means) var += (m - mean) * (m - mean);
    return {mean, std::sqrt(var / double(bins - 1) / double(bins))};
}

Thermodynamics thermodynamics(const std::vector<Sample>& series, double T, Index sites) {
    const std::size_t n = series.size();
    SIMT_REQUIRE(n >= 32, "spins: thermodynamics needs at least 32 samples; got " + std::to_string(n));
    std::vector<double> e(n), m(n), abs_m(n);
    for (std::size_t i = 0; i < n; ++i) {
        e[i] = series[i].energy;
        m[i] = series[i].m;
        abs_m[i] = series[i].abs_m;
    }
    Thermodynamics out;
    out.tau_energy = autocorrelation_time(e);
    out.tau_abs_m = autocorrelation_time(abs_m);
    out.bin = std::clamp<std::size_t>(std::size_t(std::ceil(10 * std::max(out.tau_energy, out.tau_abs_m))), 1, n / 16);
    out.energy = binned_mean(e, out.bin);
    out.m = binned_mean(m, out.bin);
    out.abs_m = binned_mean(abs_m, out.bin);

    // Bin means of e, e^2, |m|, m^2, m^4.
    const std::size_t bins = n / out.bin;
    std::vector<std::array<double, 5>> moments(bins);
    for (std::size_t b = 0; b < bins; ++b) {
        std::array<double, 5> s{};
        for (std::size_t i = b * out.bin; i < (b + 1) * out.bin; ++i) {
            const double a = abs_m[i], a2 = a * a;
            s[0] += e[i];
            s[1] += e[i] * e[i];
            s[2] += a;
            s[3] += a2;
            s[4] += a2 * a2;
        }
        for (double& v : s) v /= double(out.bin);
        moments[b] = s;
    }
    const double N = double(sites);
    using Row = std::array<double, 5>;
    out.specific_heat = jackknife<5>(moments, [&](const Row& r) { return N * (r[1] - r[0] * r[0]) / (T * T); });
    out.susceptibility = jackknife<5>(moments, [&](const Row& r) { return N * (r[3] - r[2] * r[2]) / T; });
    out.binder = jackknife<5>(moments, [&](const Row& r) { return 1 - r[4] / (3 * r[3] * r[3]); });
    return out;
}
}  // namespace simt::spins
