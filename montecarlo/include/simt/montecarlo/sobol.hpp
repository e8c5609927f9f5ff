// SPDX-License-Identifier: MIT
// Scrambled Sobol points. Direction vectors: Joe & Kuo's (2008) "new-joe-kuo-6.21201" set as
// cuRAND ships it (curandGetDirectionVectors32, CURAND_DIRECTION_VECTORS_32_JOEKUO6: 20,000
// dimensions; a host call, no GPU needed). Each replicate is scrambled independently from
// Philox(seed, replicate): Matoušek's random linear scramble (a random lower-triangular binary
// matrix with unit diagonal per dimension applied to the direction vectors, Owen-style) and a
// random digital shift — so each replicate is a (0, m, s)-net again, every point uniform, and
// R replicates give R independent unbiased estimates (Owen 1997; L'Ecuyer & Lemieux 2002).
#pragma once
#include <cstdint>
#include <vector>
#include <simt/core/macros.hpp>

namespace simt::montecarlo {
/// Whether this build has cuRAND's direction vectors (a build without the CUDA toolkit does not).
bool sobol_available();

/// Dimensions cuRAND's Joe–Kuo set provides.
constexpr int sobol_max_dimensions = 20000;

/// Direction vectors of dimensions [0, dimensions): 32 words per dimension, v_j = m_j 2^{32-j}.
/// ConfigError when unavailable or too many dimensions.
std::vector<std::uint32_t> sobol_direction_vectors(int dimensions);

/// One scrambled replicate: dimensions x 32 direction words, then dimensions shifts.
std::vector<std::uint32_t> scrambled_sobol_table(const std::vector<std::uint32_t>& directions, int dimensions,
                                                 std::uint64_t seed, std::int64_t replicate);

/// A replicate's points, plain data for kernels (`table` as scrambled_sobol_table made it).
struct SobolPoints {
    const std::uint32_t* table;
    int dimensions;

    /// Coordinate `dim` of point `index` (index < 2^32) as a uniform in (0, 1): the XOR of the
    /// direction words of index's set bits (the points in natural, not Gray-code, order).
    SIMT_INLINE double uniform(std::uint64_t index, int dim) const {
        const std::uint32_t* v = table + 32 * dim;
        std::uint32_t x = table[32 * dimensions + dim];
        for (int b = 0; index != 0; ++b, index >>= 1)
            if (index & 1) x ^= v[b];
        return (double(x) + 0.5) * 2.3283064365386963e-10;  // 2^-32: the cell's centre, never 0 or 1
    }
};
}  // namespace simt::montecarlo
