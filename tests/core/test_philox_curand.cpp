// SPDX-License-Identifier: MIT
// On a GPU: simt::PhiloxStream (in a simt kernel and on the host) against cuRAND's own
// curand_init / curand Philox4_32_10 device API, bit for bit.
#include <doctest/doctest.h>

#include <simt/config.hpp>
#include "skip.hpp"
#if SIMT_ENABLE_CUDA
#include <curand_kernel.h>
#include <simt/core/cuda_check.hpp>
#include <simt/core/buffer.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/philox.hpp>

namespace simt::test {
__global__ void curand_reference(unsigned long long seed, unsigned long long subsequence, unsigned long long offset,
                                 int n, unsigned* out, float* uniform) {
    curandStatePhilox4_32_10_t state;
    curand_init(seed, subsequence, offset, &state);
    for (int i = 0; i < n; ++i) out[i] = curand(&state);
    curand_init(seed, subsequence, offset, &state);
    for (int i = 0; i < n; ++i) uniform[i] = curand_uniform(&state);
}
void simt_stream(const Context& ctx, std::uint64_t seed, std::uint64_t subsequence, std::uint64_t offset,
                 View<unsigned, 1> out, View<float, 1> uniform) {
    const Index n = out.extent[0];
    for_each(ctx, "test.philox_stream", Range<1>{1}, SIMT_LAMBDA(Index) {
        PhiloxStream s(seed, subsequence, offset);
        for (Index i = 0; i < n; ++i) out(i) = s.next_u32();
        PhiloxStream t(seed, subsequence, offset);
        for (Index i = 0; i < n; ++i) uniform(i) = t.uniform();
    });
}
}  // namespace simt::test

using namespace simt;

TEST_CASE("PhiloxStream matches cuRAND's Philox4_32_10 stream bit for bit" * doctest::test_suite("gpu")) {
    if (!cuda_available()) return test::skip("no CUDA device: the cuRAND comparison runs in scripts/gpu-check.sh");
    Context ctx(Backend::Cuda);
    const int n = 67;  // crosses many 4-word blocks from any starting position
    const std::uint64_t seeds[] = {0, 42, 0xdeadbeefcafef00dull};
    const std::uint64_t subsequences[] = {0, 1, 12345, 1ull << 40};
    const std::uint64_t offsets[] = {0, 1, 3, 4, 7, 1000003, (1ull << 34) + 2};
    Buffer<unsigned> ref(Backend::Cuda, n), got(Backend::Cuda, n);
    Buffer<float> ref_u(Backend::Cuda, n), got_u(Backend::Cuda, n);
    for (auto seed : seeds)
        for (auto sub : subsequences)
            for (auto off : offsets) {
                CAPTURE(seed);
                CAPTURE(sub);
                CAPTURE(off);
                test::curand_reference<<<1, 1>>>(seed, sub, off, n, ref.data(), ref_u.data());
                SIMT_CUDA_CHECK(cudaGetLastError());
                test::simt_stream(ctx, seed, sub, off, got.view(), got_u.view());
                ctx.synchronize();
                const auto r = ref.to_host(), g = got.to_host();
                const auto ru = ref_u.to_host(), gu = got_u.to_host();
                PhiloxStream host(seed, sub, off);
                for (int i = 0; i < n; ++i) {
                    REQUIRE(g[i] == r[i]);
                    REQUIRE(host.next_u32() == r[i]);
                    REQUIRE(gu[i] == ru[i]);
                }
            }
}
#else
TEST_CASE("PhiloxStream matches cuRAND's Philox4_32_10 stream bit for bit" * doctest::test_suite("gpu")) {
    simt::test::skip("CPU-only build: the cuRAND comparison needs the cuda preset and a GPU");
}
#endif
