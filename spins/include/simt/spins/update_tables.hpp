// SPDX-License-Identifier: MIT
// Acceptance probabilities and heat-bath weights as integers, computed once per sweep on the
// host. Kernels compare them with Philox's raw 32-bit (or 64-bit) draws and never call exp(),
// so a CPU run and a GPU run take the same decisions bit for bit (libm's and CUDA's exp may
// differ in the last ulp).
#pragma once
#include <cstdint>
#include <simt/core/macros.hpp>
#include <simt/spins/spin_model.hpp>

namespace simt::spins {
enum class LocalUpdate { metropolis, heat_bath };

/// 2^32: a threshold compared with a 32-bit draw u; u < threshold has probability threshold / 2^32.
constexpr std::uint64_t draw_range = std::uint64_t(1) << 32;

/// Ising: flip a spin of value s (0 or 1) with n of its 2 dim neighbours up iff
/// u < flip[s * (2 dim + 1) + n]. Metropolis: min(1, e^{-dE/T}); heat bath (Glauber):
/// 1 / (1 + e^{dE/T}), with dE = 2 sigma (J (2 n - 2 dim) + h), sigma = 2 s - 1.
struct IsingFlipTable {
    std::uint64_t flip[14];
    /// A select over the entries, not an indexed load: on the GPU an index known only at run
    /// time into a kernel argument copies the whole table to local memory in every thread.
    template <int Dim>
    SIMT_INLINE std::uint64_t select(unsigned s, unsigned n) const {
        const int want = int(s) * (2 * Dim + 1) + int(n);
        std::uint64_t v = 0;
        SIMT_UNROLL
        for (int k = 0; k < 2 * (2 * Dim + 1); ++k) v = k == want ? flip[k] : v;
        return v;
    }
    SIMT_INLINE std::uint64_t operator()(int dim, unsigned s, unsigned n) const {
        return dim == 3 ? select<3>(s, n) : select<2>(s, n);
    }
};
IsingFlipTable ising_flip_table(int dim, const ModelParams& m, LocalUpdate update);

/// Potts Metropolis: a proposed state s' for a spin s, with n' and n neighbours in those states,
/// is accepted iff u < accept[(n' - n + 2 dim) * 3 + (z' - z + 1)], z = delta(s, 0):
/// min(1, e^{-dE/T}) with dE = -J (n' - n) - h (z' - z).
struct PottsAcceptTable {
    std::uint64_t accept[39];
    SIMT_INLINE std::uint64_t operator()(int dim, int dn, int dz) const { return accept[(dn + 2 * dim) * 3 + dz + 1]; }
};
PottsAcceptTable potts_accept_table(int dim, const ModelParams& m);

/// Potts heat bath: the weight of state k with n neighbours in state k is
/// weight[n * 2 + delta(k, 0)] ~ e^{(J n + h delta(k, 0)) / T}, scaled so the largest is 2^58
/// (a sum of 32 stays below 2^63).
struct PottsWeightTable {
    std::uint64_t weight[14];
    SIMT_INLINE std::uint64_t operator()(int n, int zero) const { return weight[n * 2 + zero]; }
};
PottsWeightTable potts_weight_table(int dim, const ModelParams& m);

/// floor(a * b / 2^64): maps a 64-bit draw a onto [0, b) without the bias of a modulo.
SIMT_INLINE std::uint64_t mul_high(std::uint64_t a, std::uint64_t b) {
#if SIMT_ON_DEVICE()
    return __umul64hi(a, b);
#else
    return std::uint64_t((unsigned __int128)a * b >> 64);
#endif
}
/// floor(u * n / 2^32): a 32-bit draw u onto [0, n).
SIMT_INLINE std::uint32_t scale_draw(std::uint32_t u, std::uint32_t n) {
    return std::uint32_t((std::uint64_t(u) * n) >> 32);
}
}  // namespace simt::spins
