// SPDX-License-Identifier: MIT
#include <simt/montecarlo/sobol.hpp>

#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/core/philox.hpp>
#if SIMT_HAVE_CURAND
#include <curand.h>
#endif

namespace simt::montecarlo {
namespace {
/// The Philox stream of the scrambles (the paths' streams are option ids below 2^53).
constexpr std::uint64_t scramble_stream = std::uint64_t(1) << 62;
}  // namespace

bool sobol_available() { return SIMT_HAVE_CURAND != 0; }

std::vector<std::uint32_t> sobol_direction_vectors(int dimensions) {
    if (dimensions < 1 || dimensions > sobol_max_dimensions)
        throw ConfigError(fmt::format("sobol: {} dimensions; 1 to {} available", dimensions, sobol_max_dimensions));
#if SIMT_HAVE_CURAND
    curandDirectionVectors32_t* vectors = nullptr;
    const curandStatus_t status = curandGetDirectionVectors32(&vectors, CURAND_DIRECTION_VECTORS_32_JOEKUO6);
    if (status != CURAND_STATUS_SUCCESS)
        throw Error(fmt::format("sobol: curandGetDirectionVectors32 failed with status {}", int(status)));
    return std::vector<std::uint32_t>(&vectors[0][0], &vectors[0][0] + 32 * std::size_t(dimensions));
#else
    throw ConfigError("sobol: quasi-Monte Carlo needs cuRAND's direction vectors; this build has no CUDA toolkit");
#endif
}

std::vector<std::uint32_t> scrambled_sobol_table(const std::vector<std::uint32_t>& directions, int dimensions,
                                                 std::uint64_t seed, std::int64_t replicate) {
    std::vector<std::uint32_t> table(33 * std::size_t(dimensions));
    for (int d = 0; d < dimensions; ++d) {
        // Row i of L (digit i, the most significant first): 1 on the diagonal, random bits for
        // the earlier digits; the last draw is the shift.
        std::uint32_t rows[32];
        const Philox4 shift = philox_bits(seed, scramble_stream + std::uint64_t(replicate), std::uint64_t(d) * 33 + 32);
        for (int i = 0; i < 32; ++i) {
            const std::uint32_t bit = std::uint32_t(1) << (31 - i);
            const std::uint32_t earlier = ~(bit | (bit - 1));  // the more significant bits
            rows[i] = bit | (philox_bits(seed, scramble_stream + std::uint64_t(replicate), std::uint64_t(d) * 33 + i).v[0] &
                             earlier);
        }
        for (int j = 0; j < 32; ++j) {
            const std::uint32_t v = directions[32 * std::size_t(d) + j];
            std::uint32_t scrambled = 0;
            for (int i = 0; i < 32; ++i)
                if (__builtin_parity(rows[i] & v)) scrambled |= std::uint32_t(1) << (31 - i);
            table[32 * std::size_t(d) + j] = scrambled;
        }
        table[32 * std::size_t(dimensions) + d] = shift.v[0];
    }
    return table;
}
}  // namespace simt::montecarlo
