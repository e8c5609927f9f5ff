// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <string>
#include <simt/core/error.hpp>
#include <simt/spins/reweighting.hpp>

namespace simt::spins {
namespace {
/// Samples [begin, end) of a series, to be left out of an estimate.
struct Skip {
    std::size_t begin = 0, end = 0;
};

/// The reweighted Binder cumulant over the samples outside `skip`.
double binder_without(const SampledSeries& s, double T, Skip skip) {
    const std::vector<Sample>& x = *s.samples;
    const double step = (1 / T - 1 / s.T) * double(s.sites);  // times the energy per site: the exponent
    const auto kept = [&](std::size_t i) { return i < skip.begin || i >= skip.end; };
    // Exponents relative to the largest, so that no weight overflows.
    double top = -HUGE_VAL;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (kept(i)) top = std::max(top, -step * x[i].energy);
    }
    double w = 0, m2 = 0, m4 = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!kept(i)) continue;
        const double wi = std::exp(-step * x[i].energy - top);
        const double a2 = x[i].abs_m * x[i].abs_m;
        w += wi;
        m2 += wi * a2;
        m4 += wi * a2 * a2;
    }
    m2 /= w;
    m4 /= w;
    return 1 - m4 / (3 * m2 * m2);
}

/// Block i of `bins` in a series; none for i < 0.
Skip block(const SampledSeries& s, int i, int bins) {
    if (i < 0) return {};
    const std::size_t n = s.samples->size();
    return {n * std::size_t(i) / std::size_t(bins), n * std::size_t(i + 1) / std::size_t(bins)};
}

std::string series_text(const SampledSeries& s) {
    return std::to_string(s.samples->size()) + " samples of " + std::to_string(s.sites) + " sites";
}
}  // namespace

double reweighted_binder(const SampledSeries& s, double T) { return binder_without(s, T, {}); }

Estimate binder_crossing(const SampledSeries& small, const SampledSeries& large, double T_lo, double T_hi, int bins) {
    SIMT_REQUIRE(T_lo > 0 && T_lo < T_hi, "spins: binder_crossing needs 0 < T_lo < T_hi; got T_lo = " +
                                              number_text(T_lo) + ", T_hi = " + number_text(T_hi));
    SIMT_REQUIRE(bins >= 2, "spins: binder_crossing needs at least 2 bins; got " + std::to_string(bins));
    for (const SampledSeries* s : {&small, &large}) {
        SIMT_REQUIRE(s->samples && s->samples->size() >= 2 * std::size_t(bins),
                     "spins: binder_crossing needs at least 2 samples per bin (" + std::to_string(bins) +
                         " bins); got " + series_text(*s));
    }
    // The crossing with block `left_out` of both series left out (none for -1).
    const auto crossing = [&](int left_out) {
        const auto gap = [&](double T) {
            return binder_without(large, T, block(large, left_out, bins)) -
                   binder_without(small, T, block(small, left_out, bins));
        };
        double lo = T_lo, hi = T_hi, gap_lo = gap(lo);
        const double gap_hi = gap(hi);
        if (!(gap_lo * gap_hi < 0)) {
            throw Error("spins: the Binder cumulants of " + series_text(small) + " and " + series_text(large) +
                        " do not cross between T = " + number_text(T_lo) + " and " + number_text(T_hi) +
                        (left_out >= 0 ? " with bin " + std::to_string(left_out) + " left out" : std::string()) +
                        " (U_large - U_small = " + number_text(gap_lo) + " and " + number_text(gap_hi) + ")");
        }
        while (hi - lo > 1e-9 * (T_hi - T_lo)) {
            const double mid = (lo + hi) / 2, g = gap(mid);
            if ((g < 0) == (gap_lo < 0)) {
                lo = mid;
                gap_lo = g;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    };
    std::vector<double> leave_out(static_cast<std::size_t>(bins));
    double centre = 0;
    for (int i = 0; i < bins; ++i) {
        leave_out[std::size_t(i)] = crossing(i);
        centre += leave_out[std::size_t(i)] / bins;
    }
    double spread = 0;
    for (double c : leave_out) spread += (c - centre) * (c - centre);
    return {crossing(-1), std::sqrt(double(bins - 1) / bins * spread)};
}
}  // namespace simt::spins
