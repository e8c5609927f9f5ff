// SPDX-License-Identifier: MIT
// IEEE 754 binary16 ("half") as raw 16-bit patterns, converted to and from float with
// round-to-nearest-even. The GPU uses the hardware conversions; the CPU the same rounding in
// branch-free bit arithmetic (it vectorises), so data written on one backend reads back
// identically on the other.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <simt/core/bit_select.hpp>
#include <simt/core/macros.hpp>
#if defined(__CUDACC__)
#include <cuda_fp16.h>
#endif

namespace simt {
namespace detail {
SIMT_INLINE std::uint32_t float_bits(float x) {
    std::uint32_t b;
    std::memcpy(&b, &x, sizeof b);
    return b;
}
SIMT_INLINE float bits_float(std::uint32_t b) {
    float x;
    std::memcpy(&x, &b, sizeof x);
    return x;
}
}  // namespace detail

/// The half nearest to x (ties to even); beyond the largest half (65504) it is +-inf.
SIMT_INLINE std::uint16_t float_to_half_bits(float x) {
#if SIMT_ON_DEVICE()
    return __half_as_ushort(__float2half_rn(x));
#else
    // Branch-free, so that a CPU SIMD loop converts a vector at a time, and the float unit does
    // the rounding: 4|x| (through 2^112 first, so that |x| >= 2^16 overflows to infinity) added
    // to 2^(e + 15), e the exponent of x but at least -14, rounds to 4 times half's ulp at x,
    // ties to even; the sum's low bits are then the half's exponent and mantissa, a carry
    // running into the exponent. Needs round-to-nearest and no flush-to-zero, as all of simt
    // does (tests/core/test_half.cpp compares it with the step-by-step rounding).
    const std::uint32_t bits = detail::float_bits(x);
    const std::uint32_t twice = bits + bits;  // exponent and mantissa, sign shifted out
    const float scaled = (std::fabs(x) * 0x1.0p+112f) * 0x1.0p-110f;
    const std::uint32_t exponent_bits = twice & 0xff000000u;
    const std::uint32_t bias = exponent_bits < 0x71000000u ? 0x71000000u : exponent_bits;
    const std::uint32_t rounded = detail::float_bits(detail::bits_float((bias >> 1) + 0x07800000u) + scaled);
    const std::uint32_t magnitude = ((rounded >> 13) & 0x7c00u) + (rounded & 0x0fffu);
    const std::uint32_t sign = (bits >> 16) & 0x8000u;
    return std::uint16_t(sign | bit_select(twice > 0xff000000u, 0x7e00u, magnitude));  // NaN stays NaN
#endif
}

/// The float equal to the half with these bits (exact: every half is a float).
SIMT_INLINE float half_bits_to_float(std::uint16_t h) {
#if SIMT_ON_DEVICE()
    return __half2float(__ushort_as_half(h));
#else
    // Branch-free, as above: exponent and mantissa move into float's places, the exponent
    // rebiased (+112); infinities and NaNs keep their payload; a subnormal m 2^-24 is
    // (0.5 + m 2^-24) - 0.5, exact in float.
    const std::uint32_t sign = std::uint32_t(h & 0x8000u) << 16;
    const std::uint32_t moved = std::uint32_t(h & 0x7fffu) << 13;
    const std::uint32_t exponent = h & 0x7c00u;
    const std::uint32_t subnormal = detail::float_bits(detail::bits_float(0x3f000000u | (h & 0x3ffu)) - 0.5f);
    const std::uint32_t normal = moved + (112u << 23), special = moved | 0x7f800000u;
    return detail::bits_float(sign |
                              bit_select(exponent == 0, subnormal, bit_select(exponent == 0x7c00u, special, normal)));
#endif
}
}  // namespace simt
