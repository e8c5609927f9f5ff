// SPDX-License-Identifier: MIT
// The GBM paths in single precision, for speed (GbmPathSettings::fp32). One Philox draw gives
// four uniforms, Box–Muller turns them into four normals, and those are the normals of four
// paths at one step: unit u of a batch holds the samples 4u .. 4u + 3, and the normal of path p
// at step k is component p % 4 of philox_bits(seed, option_id, (p / 4) << 24 | k). Every random
// number is used and the four paths run side by side in registers (independent chains of
// arithmetic for the scheduler to overlap).
//
// On the GPU the transcendentals are the hardware's approximations (__logf, __sincosf, __expf;
// CUDA C Programming Guide, "Intrinsic functions"): absolute error 2^-21.4 for log and sin/cos
// on the ranges used here, 2 + floor(1.173 |x|) ulp for exp. The walk is in ln(S/S_0), which
// stays near 0, so exp's error is 2-3 ulp (about 2e-7 relative); the CPU uses glibc's vector
// math (its lane walk, gbm_lanes.cpp). Either way the bias is orders of magnitude below a standard error at any
// practical path count, and CPU and GPU agree to rounding, not to the bit. Payoffs and the
// centred samples of a unit are float too; the sums over units are double.
#pragma once
#include <cmath>
#include <simt/core/philox.hpp>
#include <simt/montecarlo/gbm_paths.hpp>

namespace simt::montecarlo {
namespace fast {
SIMT_INLINE float log(float x) {
#if SIMT_ON_DEVICE()
    return __logf(x);
#else
    return std::log(x);
#endif
}
SIMT_INLINE float exp(float x) {
#if SIMT_ON_DEVICE()
    return __expf(x);
#else
    return std::exp(x);
#endif
}
/// sin and cos of an angle in [-pi, pi], where the intrinsic's error bound holds.
SIMT_INLINE void sincos(float angle, float& s, float& c) {
#if SIMT_ON_DEVICE()
    __sincosf(angle, &s, &c);
#else
    s = std::sin(angle);
    c = std::cos(angle);
#endif
}
}  // namespace fast

/// Box–Muller's radius sqrt(-2 ln u) from 32 random bits.
SIMT_INLINE float box_muller_radius(std::uint32_t bits) { return std::sqrt(-2.0f * fast::log(u32_to_uniform(bits))); }
/// Box–Muller's angle from 32 random bits: 2 pi u - pi has the distribution of 2 pi u up to a
/// half turn, which leaves cos and sin of it standard normal.
SIMT_INLINE float box_muller_angle(std::uint32_t bits) { return 6.2831853f * u32_to_uniform(bits) - 3.1415927f; }

/// Four standard normals from one draw: Box–Muller on (v0, v1) and (v2, v3).
SIMT_INLINE void box_muller4(const Philox4& r, float (&z)[4]) {
    SIMT_UNROLL
    for (int h = 0; h < 2; ++h) {
        const float radius = box_muller_radius(r.v[2 * h]);
        float s, c;
        fast::sincos(box_muller_angle(r.v[2 * h + 1]), s, c);
        z[2 * h] = radius * c;
        z[2 * h + 1] = radius * s;
    }
}

/// The batch engine's sampler for fp32 paths: unit u sums samples 4u .. 4u + 3.
struct GbmFp32Sampler {
    GbmPathKernel k;          ///< the contract and settings, as the fp64 engine uses them
    float drift_dt, vol_sqrt_dt, spot, inv_steps;
    bool geometric;  ///< the payoff or its control reads the geometric average (the walk keeps its sum)

    static constexpr int samples_per_unit = 4;

    /// ln(S_{k+1} / S_k) for the normal z.
    SIMT_INLINE float log_step(float z) const { return drift_dt + vol_sqrt_dt * z; }

    /// The walk of one unit: Twins 2 walks each path's antithetic twin too; Geometric keeps
    /// the sum of the logs (for the geometric average). Compile-time, so that each of the four
    /// loops carries only its own arithmetic.
    template <int Twins, bool Geometric>
    SIMT_INLINE void walk(std::uint64_t group, float (&sum)[2][4], float (&sum_log)[2][4]) const {
        float ratio[2][4] = {};  // [twin][path]: ln(S/S_0)
        for (int step = 0; step < k.steps; ++step) {
            float z[4];
            box_muller4(philox_bits(k.seed, k.option_id, (group << gbm_step_bits) | std::uint64_t(step)), z);
            SIMT_UNROLL
            for (int t = 0; t < Twins; ++t) {
                SIMT_UNROLL
                for (int p = 0; p < 4; ++p) {
                    ratio[t][p] += log_step(t ? -z[p] : z[p]);
                    sum[t][p] += fast::exp(ratio[t][p]);
                    if (Geometric) sum_log[t][p] += ratio[t][p];
                }
            }
        }
    }

    SIMT_INLINE PathSums operator()(Index unit) const {
        const std::uint64_t group = std::uint64_t(k.first_path / samples_per_unit + unit);
        // [twin][path]: the sums of S/S_0 and of ln(S/S_0) over the fixings.
        float sum[2][4] = {}, sum_log[2][4] = {};
        if (k.antithetic)
            geometric ? walk<2, true>(group, sum, sum_log) : walk<2, false>(group, sum, sum_log);
        else
            geometric ? walk<1, true>(group, sum, sum_log) : walk<1, false>(group, sum, sum_log);
        return unit_result(sum, sum_log);
    }

    /// The sums of units [first, last) on the CPU: the same walk, path for path, with many units
    /// side by side so that Philox, Box–Muller and exp vectorise across paths (gbm_lanes.cpp).
    PathSums cpu_block_sums(Index first, Index last) const;

    /// A unit's sums from its walk, with one dispatch on the payoff per unit, not per path.
    SIMT_INLINE PathSums unit_result(const float (&sum)[2][4], const float (&sum_log)[2][4]) const {
        const int twins = k.antithetic ? 2 : 1;
        return Payoffs::visit(k.payoff, [&](auto p) {
            using P = decltype(p);
            return k.control == GbmControl::None ? unit_sums<P, false>(sum, sum_log, twins)
                                                 : unit_sums<P, true>(sum, sum_log, twins);
        });
    }

    /// Payoffs and the unit's four centred samples in float (each sample is good to 1e-7, far
    /// below its spread), added to double sums once per unit; with (Control) or without the
    /// payoff's control variate.
    template <class P, bool Control>
    SIMT_INLINE PathSums unit_sums(const float (&sum)[2][4], const float (&sum_log)[2][4], int twins) const {
        const float twin_weight = 1.0f / float(twins), center_y = float(k.center_y), center_x = float(k.center_x);
        float y1 = 0, y2 = 0, x1 = 0, x2 = 0, xy = 0;
        SIMT_UNROLL
        for (int p = 0; p < 4; ++p) {
            float y = 0, x = 0;
            SIMT_UNROLL
            for (int t = 0; t < 2; ++t) {
                if (t >= twins) break;
                const float arithmetic = spot * (sum[t][p] * inv_steps);
                constexpr bool reads_geometric = GbmPathKernel::reads_geometric<P, Control>;
                const float geometric_mean = reads_geometric ? spot * fast::exp(sum_log[t][p] * inv_steps) : arithmetic;
                float yt, xt;
                k.payoffs_with<P, Control>(GbmAverages<float>{arithmetic, geometric_mean}, yt, xt);
                y += twin_weight * yt;
                x += twin_weight * xt;
            }
            y -= center_y;
            x -= center_x;
            y1 += y;
            y2 += y * y;
            x1 += x;
            x2 += x * x;
            xy += x * y;
        }
        return PathSums{y1, y2, x1, x2, xy, samples_per_unit};
    }
};

/// The fp32 sampler of a kernel made by make_gbm_path_kernel with settings.fp32.
GbmFp32Sampler make_gbm_fp32_sampler(const GbmPathKernel& k);
}  // namespace simt::montecarlo
