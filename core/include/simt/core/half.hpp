// SPDX-License-Identifier: MIT
// IEEE 754 binary16 ("half") as raw 16-bit patterns, converted to and from float with
// round-to-nearest-even. The GPU uses the hardware conversions; the CPU the same rounding in
// integer arithmetic, so data written on one backend reads back identically on the other.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <simt/core/macros.hpp>
#if defined(__CUDACC__)
#include <cuda_fp16.h>
#endif

namespace simt {
/// The half nearest to x (ties to even); beyond the largest half (65504) it is +-inf.
SIMT_INLINE std::uint16_t float_to_half_bits(float x) {
#if SIMT_ON_DEVICE()
    return __half_as_ushort(__float2half_rn(x));
#else
    std::uint32_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    const auto sign = std::uint16_t((bits >> 16) & 0x8000u);
    const std::uint32_t a = bits & 0x7fffffffu;
    if (a >= 0x7f800000u) return sign | (a > 0x7f800000u ? 0x7e00u : 0x7c00u);  // NaN stays NaN
    if (a >= 0x477ff000u) return sign | 0x7c00u;  // >= 65520 rounds up to infinity
    // Normal halves keep the top 10 of float's 23 mantissa bits; subnormals (below 2^-14) keep
    // fewer: drop `shift` bits of the 24-bit significand and round the rest to even.
    const int exponent = int(a >> 23);
    const bool normal = a >= 0x38800000u;
    if (!normal && exponent < 102) return sign;  // below 2^-25: rounds to zero
    const int shift = normal ? 13 : 126 - exponent;
    const std::uint32_t significand = normal ? a - 0x38000000u : (a & 0x7fffffu) | 0x800000u;
    std::uint32_t h = significand >> shift;
    const std::uint32_t rest = significand & ((1u << shift) - 1), half_way = 1u << (shift - 1);
    if (rest > half_way || (rest == half_way && (h & 1u))) ++h;  // a carry moves into the exponent
    return std::uint16_t(sign | h);
#endif
}

/// The float equal to the half with these bits (exact: every half is a float).
SIMT_INLINE float half_bits_to_float(std::uint16_t h) {
#if SIMT_ON_DEVICE()
    return __half2float(__ushort_as_half(h));
#else
    const std::uint32_t sign = std::uint32_t(h & 0x8000u) << 16;
    const std::uint32_t exponent = (h >> 10) & 0x1fu, mantissa = h & 0x3ffu;
    if (exponent == 0) {  // zero or subnormal: mantissa * 2^-24
        const float magnitude = std::ldexp(float(mantissa), -24);
        return sign ? -magnitude : magnitude;
    }
    const std::uint32_t bits =
        sign | (exponent == 0x1fu ? 0x7f800000u : (exponent + 112) << 23) | (mantissa << 13);
    float x;
    std::memcpy(&x, &bits, sizeof x);
    return x;
#endif
}
}  // namespace simt
