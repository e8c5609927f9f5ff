// SPDX-License-Identifier: MIT
// The fp32 GBM paths on the CPU, vectorised across paths: a lane group of units walks its time
// steps together, and at each step every stage (Philox, Box–Muller's log and sin/cos, the step
// and its exp) is a loop over the group's lanes that the compiler turns into SIMD. Each path
// goes through the same float arithmetic as GbmFp32Sampler::walk; only libm's scalar log,
// sin, cos and exp give way to glibc's vector math (libmvec, within 4 ulp), and the units are
// added in order, so a block's sums are the scalar walk's to a few ulp of each path.
//
// A host-only source, so that its flags (-fno-math-errno) reach no CUDA code.
#include <algorithm>
#include <cstdint>
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
}
#endif

// The lane walk in SSE2, AVX2 and AVX-512 (GCC's function multiversioning) on x86-64.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define SIMT_X86_CLONES [[gnu::target_clones("default", "avx2", "avx512f")]]
#else
#define SIMT_X86_CLONES
#endif

namespace simt::montecarlo {
namespace {
/// Units per lane group (64 paths): a whole number of vectors of floats at any x86 width.
constexpr int lanes = 16;

struct LaneSums {
    float sum[2][4][lanes] = {}, sum_log[2][4][lanes] = {};  // [twin][path of the unit][lane]
};

/// GbmFp32Sampler::walk for the units group .. group + lanes - 1, lane l holding unit group + l.
/// The widest clone the CPU runs is picked at load time, so one binary serves any x86-64;
/// -ffp-contract=off on this file keeps AVX-512's FMA out of the walk's arithmetic.
template <int Twins, bool Geometric>
SIMT_X86_CLONES void walk_lanes(const GbmFp32Sampler& f, std::uint64_t group, LaneSums& out) {
    // philox_bits's counter of each lane at step 0, in 32-bit words: GCC does not vectorise the
    // 64-bit index arithmetic beside 32-bit lanes. The step is the low field of word 0.
    const std::uint64_t seed = f.k.seed;
    const Philox4 stream = philox_counter(f.k.option_id, 0);
    std::uint32_t word0[lanes], word1[lanes];
    for (int l = 0; l < lanes; ++l) {
        const Philox4 c = philox_counter(f.k.option_id, (group + std::uint64_t(l)) << gbm_step_bits);
        word0[l] = c.v[0];
        word1[l] = c.v[1];
    }
    float ratio[2][4][lanes] = {};
    for (int step = 0; step < f.k.steps; ++step) {
        std::uint32_t bits[4][lanes];
#pragma omp simd
        for (int l = 0; l < lanes; ++l) {
            const Philox4 r =
                philox4x32_10(Philox4{{word0[l] | std::uint32_t(step), word1[l], stream.v[2], stream.v[3]}}, seed);
            SIMT_UNROLL
            for (int j = 0; j < 4; ++j) bits[j][l] = r.v[j];
        }
        // box_muller4, with cos and sin in loops of their own: in one loop GCC fuses them into
        // a sincos call, which has no vector variant.
        float radius[2][lanes], angle[2][lanes], z[4][lanes];
#pragma omp simd
        for (int l = 0; l < lanes; ++l) {
            SIMT_UNROLL
            for (int h = 0; h < 2; ++h) {
                radius[h][l] = box_muller_radius(bits[2 * h][l]);
                angle[h][l] = box_muller_angle(bits[2 * h + 1][l]);
            }
        }
#pragma omp simd
        for (int l = 0; l < lanes; ++l) {
            SIMT_UNROLL
            for (int h = 0; h < 2; ++h) z[2 * h][l] = radius[h][l] * std::cos(angle[h][l]);
        }
#pragma omp simd
        for (int l = 0; l < lanes; ++l) {
            SIMT_UNROLL
            for (int h = 0; h < 2; ++h) z[2 * h + 1][l] = radius[h][l] * std::sin(angle[h][l]);
        }
        SIMT_UNROLL
        for (int t = 0; t < Twins; ++t) {
            SIMT_UNROLL
            for (int p = 0; p < 4; ++p) {
#pragma omp simd
                for (int l = 0; l < lanes; ++l) {
                    ratio[t][p][l] += f.log_step(t ? -z[p][l] : z[p][l]);
                    out.sum[t][p][l] += std::exp(ratio[t][p][l]);
                    if (Geometric) out.sum_log[t][p][l] += ratio[t][p][l];
                }
            }
        }
    }
}
}  // namespace

PathSums GbmFp32Sampler::cpu_block_sums(Index first, Index last) const {
    PathSums s{};
    for (Index group = first; group < last; group += lanes) {
        // A short last group walks whole lanes and keeps those it needs.
        LaneSums w;
        const std::uint64_t first_unit = std::uint64_t(k.first_path / samples_per_unit + group);
        if (k.antithetic)
            geometric ? walk_lanes<2, true>(*this, first_unit, w) : walk_lanes<2, false>(*this, first_unit, w);
        else
            geometric ? walk_lanes<1, true>(*this, first_unit, w) : walk_lanes<1, false>(*this, first_unit, w);
        const int used = int(std::min<Index>(lanes, last - group));
        for (int l = 0; l < used; ++l) {
            float sum[2][4], sum_log[2][4];
            for (int t = 0; t < 2; ++t)
                for (int p = 0; p < 4; ++p) {
                    sum[t][p] = w.sum[t][p][l];
                    sum_log[t][p] = w.sum_log[t][p][l];
                }
            s = s + unit_result(sum, sum_log);
        }
    }
    return s;
}
}  // namespace simt::montecarlo
