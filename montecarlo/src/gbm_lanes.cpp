// SPDX-License-Identifier: MIT
// The GBM paths on the CPU, vectorised across samples, for fp32 units (GbmFp32Sampler: four
// paths a unit, one Philox draw a step) and fp64 paths (GbmPathKernel: one path a sample, one
// draw per two steps). A lane group of samples walks its time steps together, and every stage
// (Philox, Box–Muller's log and sin/cos, the step and its exp, the payoffs and the centred sums)
// is a loop over the group's lanes that the compiler turns into SIMD. Each path goes through
// the same arithmetic as the scalar walk (GbmFp32Sampler::walk, GbmPathKernel::path_averages);
// only libm's scalar log, sin, cos and exp give way to glibc's vector math (libmvec, within 4
// ulp), and each lane keeps sums of its own over a block's groups, added in lane order at the
// end, so the sums do not depend on the vector width the CPU runs.
//
// A host-only source, so that its flags (-fno-math-errno) reach no CUDA code.
#include <algorithm>
#include <cstdint>
#include <simt/core/macros.hpp>
#include <simt/montecarlo/gbm_fp32.hpp>

// glibc's math.h declares libmvec's vector variants only under -ffast-math, which would also let
// the compiler reorder the walk's arithmetic. These redeclarations add the variants alone (as
// glibc's bits/math-vector.h does); without glibc on x86-64 the loops call the scalar functions.
#if defined(__x86_64__) && defined(__GLIBC__) && defined(__GNUC__) && !defined(__clang__)
extern "C" {
__attribute__((simd("notinbranch"))) float expf(float) noexcept;
__attribute__((simd("notinbranch"))) float logf(float) noexcept;
__attribute__((simd("notinbranch"))) float sinf(float) noexcept;
__attribute__((simd("notinbranch"))) float cosf(float) noexcept;
__attribute__((simd("notinbranch"))) double exp(double) noexcept;
__attribute__((simd("notinbranch"))) double log(double) noexcept;
__attribute__((simd("notinbranch"))) double sin(double) noexcept;
__attribute__((simd("notinbranch"))) double cos(double) noexcept;
}
#endif

namespace simt::montecarlo {
namespace {
/// Samples per lane group: a whole number of vectors of floats at any x86 width.
constexpr int lanes = 16;

/// How a sampler's samples draw their normals, and what a sample adds up.
template <class Sampler>
struct Layout;

/// fp32: a unit of four paths, whose normals at a step are the four of one draw.
template <>
struct Layout<GbmFp32Sampler> {
    using Real = float;
    static constexpr int paths = 4, steps_per_draw = 1, pairs = 2;  // Box–Muller pairs per draw

    static const GbmPathKernel& kernel(const GbmFp32Sampler& f) { return f.k; }
    static Real start(const GbmFp32Sampler&) { return 0; }  // the walk is in ln(S/S_0)
    /// Box–Muller's radius and angle of pair h of lane l's 32-bit words.
    static SIMT_INLINE void polar(const std::uint32_t (&bits)[4][lanes], int l, int h, float& radius, float& angle) {
        radius = box_muller_radius(bits[2 * h][l]);
        angle = box_muller_angle(bits[2 * h + 1][l]);
    }
    /// Lane l's unit: its four paths' payoffs and centred samples.
    template <class P, int Twins, bool Control>
    static SIMT_INLINE PathSums sample_sums(const GbmFp32Sampler& f, const float (&sum)[2][paths][lanes],
                                            const float (&sum_log)[2][paths][lanes], int l) {
        float s[2][paths], s_log[2][paths];
        SIMT_UNROLL
        for (int t = 0; t < 2; ++t) {
            SIMT_UNROLL
            for (int p = 0; p < paths; ++p) {
                s[t][p] = sum[t < Twins ? t : 0][p][l];
                s_log[t][p] = GbmPathKernel::reads_geometric<P, Control> ? sum_log[t < Twins ? t : 0][p][l] : 0.0f;
            }
        }
        return f.unit_sums<P, Control>(s, s_log, Twins);
    }
};

/// The double that u64_to_uniform scales, lo ^ (hi << 21) below 2^53, from two 32-bit halves
/// (exact in double): x86 before AVX-512DQ has no vector conversion from 64-bit integers.
SIMT_INLINE double u53_to_double(std::uint32_t lo, std::uint32_t hi) {
    const std::uint32_t low = lo ^ (hi << 21);
    return double(std::int32_t(hi >> 11)) * 4294967296.0 + (double(std::int32_t(low ^ 0x80000000u)) + 2147483648.0);
}

/// fp64: a sample of one path, whose normals at steps 2d and 2d + 1 are the two of draw d.
template <>
struct Layout<GbmPathKernel> {
    using Real = double;
    static constexpr int paths = 1, steps_per_draw = 2, pairs = 1;

    static const GbmPathKernel& kernel(const GbmPathKernel& k) { return k; }
    static Real start(const GbmPathKernel& k) { return k.log_spot; }  // the walk is in ln S
    /// PathDraws::normals's radius and angle, with u64_to_uniform's arithmetic.
    static SIMT_INLINE void polar(const std::uint32_t (&bits)[4][lanes], int l, int, double& radius, double& angle) {
        constexpr double ulp = 1.1102230246251565e-16;
        const double u1 = u53_to_double(bits[0][l], bits[1][l]) * ulp + ulp / 2.0;
        const double u2 = u53_to_double(bits[2][l], bits[3][l]) * ulp + ulp / 2.0;
        radius = std::sqrt(-2.0 * std::log(u1));
        angle = 6.283185307179586 * u2;
    }
    /// Lane l's path (and its twin): payoffs and the centred sample.
    template <class P, int Twins, bool Control>
    static SIMT_INLINE PathSums sample_sums(const GbmPathKernel& k, const double (&sum)[2][paths][lanes],
                                            const double (&sum_log)[2][paths][lanes], int l) {
        constexpr bool geometric = GbmPathKernel::reads_geometric<P, Control>, single = P::traits.single_step;
        const GbmAverages<double> twins[2] = {
            k.averages<geometric, single>(sum[0][0][l], sum_log[0][0][l]),
            k.averages<geometric, single>(sum[Twins - 1][0][l], sum_log[Twins - 1][0][l])};
        double y, x;
        k.sample_payoffs<P, Twins, Control>(twins, y, x);
        return k.sums(y, x);
    }
};

/// A block's sums in each lane, over the groups it walked.
struct LaneSums {
    double y[lanes] = {}, yy[lanes] = {}, x[lanes] = {}, xx[lanes] = {}, xy[lanes] = {};
};

/// The samples group .. group + lanes - 1 of sampler f (lane l holding sample group + l, of
/// which the first `used` count), walked and added to `out`. Twins 2 walks each path's
/// antithetic twin too; Control prices the payoff's control variate. The widest clone the CPU runs is
/// picked at load time (SIMT_CPU_ISA_CLONES, which also keeps AVX-512's FMA out of the arithmetic),
/// so one binary serves any x86-64.
template <class Sampler, class P, int Twins, bool Control>
SIMT_CPU_ISA_CLONES void walk_lanes(const Sampler& f, std::uint64_t group, int used, LaneSums& out) {
    constexpr bool geometric = GbmPathKernel::reads_geometric<P, Control>;  // keep the sums of the logs
    using L = Layout<Sampler>;
    using Real = typename L::Real;
    constexpr int paths = L::paths, normals = 2 * L::pairs;
    const GbmPathKernel& k = L::kernel(f);
    // philox_bits's counter of each lane at draw 0, in 32-bit words: GCC does not vectorise the
    // 64-bit index arithmetic beside 32-bit lanes. The draw is the low field of word 0.
    const Philox4 stream = philox_counter(k.option_id, 0);
    std::uint32_t word0[lanes], word1[lanes];
    for (int l = 0; l < lanes; ++l) {
        const Philox4 c = philox_counter(k.option_id, (group + std::uint64_t(l)) << gbm_step_bits);
        word0[l] = c.v[0];
        word1[l] = c.v[1];
    }
    Real log_s[2][paths][lanes], sum[2][paths][lanes] = {}, sum_log[2][paths][lanes] = {};
    std::fill_n(&log_s[0][0][0], 2 * paths * lanes, L::start(f));
    const int draws = (k.steps + L::steps_per_draw - 1) / L::steps_per_draw;
    for (int draw = 0; draw < draws; ++draw) {
        std::uint32_t bits[4][lanes];
#pragma omp simd
        for (int l = 0; l < lanes; ++l) {
            const Philox4 r =
                philox4x32_10(Philox4{{word0[l] | std::uint32_t(draw), word1[l], stream.v[2], stream.v[3]}}, k.seed);
            SIMT_UNROLL
            for (int j = 0; j < 4; ++j) bits[j][l] = r.v[j];
        }
        // Box–Muller, with cos and sin in loops of their own: in one loop GCC fuses them into a
        // sincos call, which has no vector variant. An fp64 path's last odd step leaves sin unread.
        const int steps = std::min(L::steps_per_draw, k.steps - draw * L::steps_per_draw);
        Real radius[L::pairs][lanes], angle[L::pairs][lanes], z[normals][lanes];
#pragma omp simd
        for (int l = 0; l < lanes; ++l) {
            SIMT_UNROLL
            for (int h = 0; h < L::pairs; ++h) L::polar(bits, l, h, radius[h][l], angle[h][l]);
        }
#pragma omp simd
        for (int l = 0; l < lanes; ++l) {
            SIMT_UNROLL
            for (int h = 0; h < L::pairs; ++h) z[2 * h][l] = radius[h][l] * std::cos(angle[h][l]);
        }
        if (paths * steps > 1) {
#pragma omp simd
            for (int l = 0; l < lanes; ++l) {
                SIMT_UNROLL
                for (int h = 0; h < L::pairs; ++h) z[2 * h + 1][l] = radius[h][l] * std::sin(angle[h][l]);
            }
        }
        // Normal s * paths + p drives path p at the draw's step s.
        for (int s = 0; s < steps; ++s) {
            SIMT_UNROLL
            for (int t = 0; t < Twins; ++t) {
                SIMT_UNROLL
                for (int p = 0; p < paths; ++p) {
                    const Real* zs = z[s * paths + p];
#pragma omp simd
                    for (int l = 0; l < lanes; ++l) {
                        log_s[t][p][l] += f.log_step(t ? -zs[l] : zs[l]);
                        sum[t][p][l] += std::exp(log_s[t][p][l]);
                        if (geometric) sum_log[t][p][l] += log_s[t][p][l];
                    }
                }
            }
        }
    }
#pragma omp simd
    for (int l = 0; l < lanes; ++l) {
        const PathSums a = L::template sample_sums<P, Twins, Control>(f, sum, sum_log, l);
        const bool keep = l < used;  // a short last group walks whole lanes and keeps those it needs
        out.y[l] += keep ? a.y : 0.0;
        out.yy[l] += keep ? a.yy : 0.0;
        out.x[l] += keep ? a.x : 0.0;
        out.xx[l] += keep ? a.xx : 0.0;
        out.xy[l] += keep ? a.xy : 0.0;
    }
}

/// The sums of samples [first, last) of f, for payoff P (one the GBM engine prices).
template <class P, class Sampler>
PathSums block_sums(const Sampler& f, Index first, Index last) {
    const GbmPathKernel& k = Layout<Sampler>::kernel(f);
    const bool control = k.control != GbmControl::None;
    constexpr Index per_sample = Layout<Sampler>::paths;
    LaneSums w;
    for (Index group = first; group < last; group += lanes) {
        const std::uint64_t first_unit = std::uint64_t(k.first_path / per_sample + group);
        const int used = int(std::min<Index>(lanes, last - group));
        if (k.antithetic)
            control ? walk_lanes<Sampler, P, 2, true>(f, first_unit, used, w)
                    : walk_lanes<Sampler, P, 2, false>(f, first_unit, used, w);
        else
            control ? walk_lanes<Sampler, P, 1, true>(f, first_unit, used, w)
                    : walk_lanes<Sampler, P, 1, false>(f, first_unit, used, w);
    }
    PathSums s{};
    for (int l = 0; l < lanes; ++l) s = s + PathSums{w.y[l], w.yy[l], w.x[l], w.xx[l], w.xy[l], 0};
    s.samples = (last - first) * per_sample;
    return s;
}

/// block_sums for f's payoff.
template <class Sampler>
PathSums dispatch_block_sums(const Sampler& f, Index first, Index last) {
    return Payoffs::visit(Layout<Sampler>::kernel(f).payoff, [&](auto p) {
        using P = decltype(p);
        if constexpr (P::traits.gbm_engine)
            return block_sums<P>(f, first, last);
        else
            return PathSums{};  // make_gbm_path_kernel refuses such a payoff
    });
}
}  // namespace

PathSums GbmFp32Sampler::cpu_block_sums(Index first, Index last) const {
    return dispatch_block_sums(*this, first, last);
}

PathSums GbmPathKernel::cpu_block_sums(Index first, Index last) const {
    return dispatch_block_sums(*this, first, last);
}
}  // namespace simt::montecarlo
