// SPDX-License-Identifier: MIT
// Half-precision conversions: exact for every half, round-to-nearest-even from float, checked
// against the compiler's own _Float16 where it has one, and the same bits on the GPU.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>
#include <simt/core/buffer.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/half.hpp>
#include "backends.hpp"
#include "skip.hpp"

namespace simt::test {
void device_round_trip(const Context& ctx, View<const float, 1> x, View<std::uint16_t, 1> bits, View<float, 1> back) {
    for_each(ctx, "test.half", Range<1>{x.extent[0]}, SIMT_LAMBDA(Index i) {
        bits(i) = float_to_half_bits(x(i));
        back(i) = half_bits_to_float(bits(i));
    });
}

std::vector<float> sample_floats() {
    std::vector<float> x = {0.0f, -0.0f, 1.0f, -2.5f, 65504.0f, 65519.996f, 65520.0f, 1e10f, 5.9604645e-8f,
                            2.9802322e-8f, 4.4703484e-8f, 6.1035156e-5f, 6.0975552e-5f,
                            std::numeric_limits<float>::infinity(), std::numeric_limits<float>::denorm_min()};
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::uint32_t> any;
    for (int i = 0; i < 200000; ++i) {
        // Random bit patterns spread over every exponent; keep the finite ones.
        const std::uint32_t b = any(rng);
        float f;
        std::memcpy(&f, &b, sizeof f);
        if (std::isfinite(f)) x.push_back(f);
        x.push_back(std::ldexp(float(i % 2048) + 0.5f, -(i % 40)));  // ties and near-ties
    }
    return x;
}
}  // namespace simt::test

using namespace simt;

TEST_CASE("half: every finite half converts to float and back unchanged") {
    for (std::uint32_t h = 0; h < 0x10000; ++h) {
        if ((h & 0x7c00u) == 0x7c00u && (h & 0x3ffu)) continue;  // NaN payloads
        const float f = half_bits_to_float(std::uint16_t(h));
        REQUIRE(float_to_half_bits(f) == h);
    }
    CHECK(half_bits_to_float(0x3c00) == 1.0f);
    CHECK(half_bits_to_float(0x7bff) == 65504.0f);
    CHECK(half_bits_to_float(0x0001) == std::ldexp(1.0f, -24));
    CHECK(std::isnan(half_bits_to_float(float_to_half_bits(std::nanf("")))));
}

TEST_CASE("half: float rounds to the nearest half with ties to even") {
    CHECK(float_to_half_bits(1.0f + std::ldexp(1.0f, -11)) == 0x3c00);      // tie: to even (down)
    CHECK(float_to_half_bits(1.0f + 3 * std::ldexp(1.0f, -11)) == 0x3c02);  // tie: to even (up)
    CHECK(float_to_half_bits(65519.996f) == 0x7bff);
    CHECK(float_to_half_bits(65520.0f) == 0x7c00);  // the midpoint to 65536 rounds to infinity
    CHECK(float_to_half_bits(std::ldexp(1.0f, -25)) == 0x0000);           // subnormal tie: to even 0
    CHECK(float_to_half_bits(std::ldexp(1.5f, -25)) == 0x0001);
    CHECK(float_to_half_bits(-std::ldexp(1023.5f, -24)) == 0x8400);       // carries into the exponent
#if defined(__FLT16_MAX__)
    // The compiler's own conversion as the oracle, over every exponent and many ties.
    for (float x : test::sample_floats()) {
        const _Float16 h = static_cast<_Float16>(x);
        std::uint16_t want;
        std::memcpy(&want, &h, sizeof want);
        CAPTURE(x);
        REQUIRE(float_to_half_bits(x) == want);
    }
#endif
}

// The conversions are branch-free so that g++ vectorises them: the same bits from a SIMD loop.
TEST_CASE("half: a SIMD loop converts as one call at a time does") {
    const std::vector<float> x = test::sample_floats();
    const int n = int(x.size());
    std::vector<std::uint16_t> bits(x.size());
    std::vector<float> back(x.size());
#pragma omp simd
    for (int i = 0; i < n; ++i) bits[std::size_t(i)] = float_to_half_bits(x[std::size_t(i)]);
#pragma omp simd
    for (int i = 0; i < n; ++i) back[std::size_t(i)] = half_bits_to_float(bits[std::size_t(i)]);
    for (int i = 0; i < n; ++i) {
        CAPTURE(x[std::size_t(i)]);
        const std::uint16_t one = float_to_half_bits(x[std::size_t(i)]);
        REQUIRE(bits[std::size_t(i)] == one);
        REQUIRE(back[std::size_t(i)] == half_bits_to_float(one));
    }
}

TEST_CASE("half: the GPU converts to the same bits as the CPU" * doctest::test_suite("gpu")) {
    if (!cuda_available()) return test::skip("no GPU: runs in scripts/gpu-check.sh");
    const std::vector<float> x = test::sample_floats();
    Context ctx(Backend::Cuda);
    Buffer<float> in(Backend::Cuda, x.size()), back(Backend::Cuda, x.size());
    Buffer<std::uint16_t> bits(Backend::Cuda, x.size());
    in.copy_from_host(x.data());
    test::device_round_trip(ctx, in.view(), bits.view(), back.view());
    const auto b = bits.to_host();
    const auto f = back.to_host();
    for (std::size_t i = 0; i < x.size(); ++i) {
        CAPTURE(x[i]);
        REQUIRE(b[i] == float_to_half_bits(x[i]));
        const float host = half_bits_to_float(b[i]);
        REQUIRE(std::memcmp(&f[i], &host, sizeof host) == 0);
    }
}
