// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <simt/spins/update_tables.hpp>

namespace simt::spins {
namespace {
/// A probability in [0, 1] as a threshold for a 32-bit draw.
std::uint64_t threshold(double p) { return std::uint64_t(std::llround(std::clamp(p, 0.0, 1.0) * double(draw_range))); }
double metropolis(double dE, double T) { return dE <= 0 ? 1.0 : std::exp(-dE / T); }
}  // namespace

IsingFlipTable ising_flip_table(int dim, const ModelParams& m, LocalUpdate update) {
    IsingFlipTable t{};
    const int z = 2 * dim;
    for (int s = 0; s < 2; ++s) {
        for (int n = 0; n <= z; ++n) {
            const double sigma = 2 * s - 1;
            const double dE = 2 * sigma * (m.J * (2 * n - z) + m.h);
            const double p = update == LocalUpdate::metropolis ? metropolis(dE, m.T) : 1.0 / (1.0 + std::exp(dE / m.T));
            t.flip[s * (z + 1) + n] = threshold(p);
        }
    }
    return t;
}

PottsAcceptTable potts_accept_table(int dim, const ModelParams& m) {
    PottsAcceptTable t{};
    const int z = 2 * dim;
    for (int dn = -z; dn <= z; ++dn) {
        for (int dz = -1; dz <= 1; ++dz)
            t.accept[(dn + z) * 3 + dz + 1] = threshold(metropolis(-m.J * dn - m.h * dz, m.T));
    }
    return t;
}

PottsWeightTable potts_weight_table(int dim, const ModelParams& m) {
    PottsWeightTable t{};
    const int z = 2 * dim;
    double largest = -HUGE_VAL;
    for (int n = 0; n <= z; ++n) {
        for (int zero = 0; zero < 2; ++zero) largest = std::max(largest, (m.J * n + m.h * zero) / m.T);
    }
    for (int n = 0; n <= z; ++n) {
        for (int zero = 0; zero < 2; ++zero) {
            const double w = std::ldexp(std::exp((m.J * n + m.h * zero) / m.T - largest), 58);
            t.weight[n * 2 + zero] = std::uint64_t(std::llround(w));
        }
    }
    return t;
}
}  // namespace simt::spins
