// SPDX-License-Identifier: MIT
// Runs a spin chain and collects one sample per sweep, for the statistical tests.
#pragma once
#include <vector>
#include <simt/spins/spin_chain.hpp>
#include <simt/spins/statistics.hpp>

namespace simt::test {
inline std::vector<spins::Sample> chain_series(const Context& ctx, const spins::ChainParams& p, int thermalise,
                                               int samples) {
    spins::SpinChain chain(ctx, p);
    chain.sweep(thermalise);
    std::vector<spins::Sample> out;
    out.reserve(std::size_t(samples));
    for (int i = 0; i < samples; ++i) {
        chain.sweep(1);
        out.push_back(chain.measure());
    }
    return out;
}

inline spins::ChainParams chain_params(int dim, int L, spins::Model model, int q, double T, spins::Algorithm a,
                                       std::uint64_t seed, double J = 1.0) {
    spins::ChainParams p;
    p.lattice = {dim, L};
    p.model.model = model;
    p.model.q = q;
    p.model.J = J;
    p.model.T = T;
    p.algorithm = a;
    p.seed = seed;
    p.wolff_clusters = 8;
    return p;
}
}  // namespace simt::test
