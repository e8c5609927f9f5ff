// SPDX-License-Identifier: MIT
// Exact thermodynamics of the q-state Potts model (Ising for q = 2) on a small L x L torus:
// the number of configurations with A aligned bonds, counted by a row-to-row transfer matrix
// (q^L row states) instead of visiting all q^{L^2} configurations.
#pragma once
#include <cmath>
#include <vector>

namespace simt::test {
/// g[A]: configurations of the L x L torus with A of its 2 L^2 bonds joining equal states.
inline std::vector<double> aligned_bond_histogram(int q, int L) {
    int rows = 1;
    for (int i = 0; i < L; ++i) rows *= q;
    auto state = [&](int row, int i) {
        for (int k = 0; k < i; ++k) row /= q;
        return row % q;
    };
    std::vector<int> within(rows);
    std::vector<std::vector<int>> between(rows, std::vector<int>(rows));
    for (int s = 0; s < rows; ++s) {
        for (int i = 0; i < L; ++i) within[s] += state(s, i) == state(s, (i + 1) % L);
        for (int t = 0; t < rows; ++t) {
            for (int i = 0; i < L; ++i) between[s][t] += state(s, i) == state(t, i);
        }
    }
    const int bonds = 2 * L * L;
    std::vector<double> g(bonds + 1, 0.0);
    for (int first = 0; first < rows; ++first) {
        std::vector<std::vector<double>> ways(rows, std::vector<double>(bonds + 1, 0.0));
        ways[first][within[first]] = 1;
        for (int row = 1; row < L; ++row) {
            std::vector<std::vector<double>> next(rows, std::vector<double>(bonds + 1, 0.0));
            for (int s = 0; s < rows; ++s) {
                for (int a = 0; a <= bonds; ++a) {
                    if (ways[s][a] == 0) continue;
                    for (int t = 0; t < rows; ++t) next[t][a + between[s][t] + within[t]] += ways[s][a];
                }
            }
            ways.swap(next);
        }
        for (int s = 0; s < rows; ++s) {
            for (int a = 0; a <= bonds; ++a) {
                if (ways[s][a] != 0) g[a + between[s][first]] += ways[s][a];
            }
        }
    }
    return g;
}

struct ExactThermo {
    double energy;         ///< per site
    double specific_heat;  ///< per site
};
/// <E>/N and C/N at temperature T from g[A], with the energy of A aligned bonds given by energy_of(A).
template <class F>
ExactThermo exact_thermo(const std::vector<double>& g, int sites, double T, F energy_of) {
    double lowest = HUGE_VAL;
    for (std::size_t a = 0; a < g.size(); ++a) {
        if (g[a] > 0) lowest = std::fmin(lowest, energy_of(int(a)));
    }
    double z = 0, e1 = 0, e2 = 0;
    for (std::size_t a = 0; a < g.size(); ++a) {
        if (g[a] == 0) continue;
        const double E = energy_of(int(a));
        const double w = g[a] * std::exp(-(E - lowest) / T);
        z += w;
        e1 += w * E;
        e2 += w * E * E;
    }
    e1 /= z;
    e2 /= z;
    return {e1 / sites, (e2 - e1 * e1) / (T * T) / sites};
}
}  // namespace simt::test
