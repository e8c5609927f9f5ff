// SPDX-License-Identifier: MIT
// Philox4x32-10 (Salmon et al., SC'11), written once for host and device. PhiloxStream walks
// the same sequence as cuRAND's curandStatePhilox4_32_10 for (seed, subsequence, offset), so a
// seed gives the same numbers on either backend (tests/core/test_philox_curand.cpp checks it
// on the GPU bit for bit).
#pragma once
#include <cmath>
#include <cstdint>
#include <simt/core/macros.hpp>

namespace simt {
struct Philox4 {
    std::uint32_t v[4];
};

namespace detail {
SIMT_INLINE std::uint32_t mulhilo32(std::uint32_t a, std::uint32_t b, std::uint32_t& hi) {
#if SIMT_ON_DEVICE()
    hi = __umulhi(a, b);
    return a * b;
#else
    const std::uint64_t p = std::uint64_t(a) * b;
    hi = std::uint32_t(p >> 32);
    return std::uint32_t(p);
#endif
}
SIMT_INLINE Philox4 philox_round(Philox4 c, std::uint32_t k0, std::uint32_t k1) {
    std::uint32_t hi0, hi1;
    const std::uint32_t lo0 = mulhilo32(0xD2511F53u, c.v[0], hi0);
    const std::uint32_t lo1 = mulhilo32(0xCD9E8D57u, c.v[2], hi1);
    return Philox4{{hi1 ^ c.v[1] ^ k0, lo1, hi0 ^ c.v[3] ^ k1, lo0}};
}
}  // namespace detail

/// The Philox4x32-10 bijection: 128-bit counter and 64-bit key to 128 random bits.
SIMT_INLINE Philox4 philox4x32_10(Philox4 ctr, std::uint64_t key) {
    std::uint32_t k0 = std::uint32_t(key), k1 = std::uint32_t(key >> 32);
    for (int round = 0; round < 9; ++round) {
        ctr = detail::philox_round(ctr, k0, k1);
        k0 += 0x9E3779B9u;  // Weyl sequence: golden ratio and sqrt(3) - 1
        k1 += 0xBB67AE85u;
    }
    return detail::philox_round(ctr, k0, k1);
}

/// 32 random bits to a float in (0, 1], as curand_uniform does (never 0, so log() is safe).
SIMT_INLINE float u32_to_uniform(std::uint32_t x) {
    return x * 2.3283064e-10f + 2.3283064e-10f / 2.0f;
}
/// Two draws to a double in (0, 1] with 53 random bits (cuRAND's _curand_uniform_double_hq
/// mapping; curand_uniform_double for Philox uses only 32 bits).
SIMT_INLINE double u64_to_uniform(std::uint32_t lo, std::uint32_t hi) {
    const unsigned long long z = (unsigned long long)lo ^ ((unsigned long long)hi << (53 - 32));
    return z * 1.1102230246251565e-16 + 1.1102230246251565e-16 / 2.0;
}

/// A sequential stream of 32-bit numbers: subsequence s starts 2^66 numbers after s - 1,
/// and offset skips single numbers, exactly as curand_init(seed, subsequence, offset).
class PhiloxStream {
   public:
    SIMT_INLINE PhiloxStream(std::uint64_t seed, std::uint64_t subsequence, std::uint64_t offset)
        : m_key(seed) {
        m_ctr = Philox4{{0, 0, std::uint32_t(subsequence), std::uint32_t(subsequence >> 32)}};
        m_pos = unsigned(offset & 3);
        advance(offset / 4);
        m_out = philox4x32_10(m_ctr, m_key);
    }
    SIMT_INLINE std::uint32_t next_u32() {
        const std::uint32_t r = m_out.v[m_pos++];
        if (m_pos == 4) {
            m_pos = 0;
            advance(1);
            m_out = philox4x32_10(m_ctr, m_key);
        }
        return r;
    }
    /// Uniform in (0, 1], curand_uniform's mapping.
    SIMT_INLINE float uniform() { return u32_to_uniform(next_u32()); }
    SIMT_INLINE double uniform_double() {
        const std::uint32_t lo = next_u32();
        return u64_to_uniform(lo, next_u32());
    }
    /// Standard normal by Box–Muller; each call uses two fresh draws and keeps no spare, so
    /// the stream position depends only on the number of calls.
    SIMT_INLINE double normal_double() {
        const double u1 = uniform_double(), u2 = uniform_double();
        return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
    }
    SIMT_INLINE float normal() {
        const float u1 = uniform(), u2 = uniform();
        return sqrtf(-2.0f * logf(u1)) * cosf(6.2831853f * u2);
    }

   private:
    /// Adds n to the low 64 bits of the counter, carrying into the high half (curand's rule).
    SIMT_INLINE void advance(std::uint64_t n) {
        const std::uint32_t nlo = std::uint32_t(n);
        std::uint32_t nhi = std::uint32_t(n >> 32);
        m_ctr.v[0] += nlo;
        if (m_ctr.v[0] < nlo) ++nhi;
        m_ctr.v[1] += nhi;
        if (nhi <= m_ctr.v[1]) return;
        if (++m_ctr.v[2]) return;
        ++m_ctr.v[3];
    }

    std::uint64_t m_key;
    Philox4 m_ctr;
    Philox4 m_out;
    unsigned m_pos;
};

/// philox_bits's counter: the index in words 0 and 1, the stream in words 2 and 3.
SIMT_INLINE Philox4 philox_counter(std::uint64_t stream, std::uint64_t index) {
    return Philox4{
        {std::uint32_t(index), std::uint32_t(index >> 32), std::uint32_t(stream), std::uint32_t(stream >> 32)}};
}

/// Counter-based draw for kernels: four uniforms in (0, 1] for (seed, stream, index), with
/// no state, so any thread order gives the same numbers.
SIMT_INLINE Philox4 philox_bits(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
    return philox4x32_10(philox_counter(stream, index), seed);
}
}  // namespace simt
