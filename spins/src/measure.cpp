// SPDX-License-Identifier: MIT
#include <cmath>
#include <simt/core/reduce.hpp>
#include <simt/spins/measure.hpp>

namespace simt::spins {
namespace {
/// Bonds joining equal spins.
long long aligned_bonds(const Context& ctx, const Lattice& lat, const std::uint8_t* s) {
    return reduce<long long>(ctx, Kernel("spins.measure.bonds", double(lat.sites())), Range<1>{lat.sites()}, Sum{},
                             SIMT_LAMBDA(Index i) {
                                 const Lattice::Site site = lat.site(i);
                                 long long equal = 0;
                                 for (int axis = 0; axis < lat.dim; ++axis) {
                                     equal += s[lat.neighbour(site, 2 * axis + 1)] == s[i];
                                 }
                                 return equal;
                             });
}
/// Sites in state k.
long long sites_in_state(const Context& ctx, const Lattice& lat, const std::uint8_t* s, int k) {
    return reduce<long long>(ctx, Kernel("spins.measure.count", double(lat.sites())), Range<1>{lat.sites()}, Sum{},
                             SIMT_LAMBDA(Index i) { return (long long)(s[i] == k); });
}

/// The sample from a configuration's integer counts: `aligned` bonds joining equal spins and
/// count(k) sites in state k. Integers first, so any split of the sums gives the same doubles.
template <class Count>
Sample sample_from(const Lattice& lattice, const ModelParams& model, long long aligned_count, Count count) {
    const double n = double(lattice.sites());
    const double aligned = double(aligned_count);
    Sample out;
    if (model.model == Model::ising) {
        const double up = double(count(1));
        const double sum_s = 2 * up - n;
        const double sum_ss = 2 * aligned - double(lattice.bonds());
        out.energy = (-model.J * sum_ss - model.h * sum_s) / n;
        out.m = sum_s / n;
        out.abs_m = std::fabs(out.m);
        return out;
    }
    double mx = 0, my = 0, in_zero = 0;
    for (int k = 0; k < model.q; ++k) {
        const double c = double(count(k));
        if (k == 0) in_zero = c;
        const double angle = 2 * 3.141592653589793 * k / model.q;
        mx += c * std::cos(angle);
        my += c * std::sin(angle);
    }
    out.energy = (-model.J * aligned - model.h * in_zero) / n;
    out.m = mx / n;
    out.abs_m = std::hypot(mx, my) / n;
    return out;
}
}  // namespace

Sample measure(const Context& ctx, const Lattice& lattice, const ModelParams& model, const std::uint8_t* spins) {
    return sample_from(lattice, model, aligned_bonds(ctx, lattice, spins),
                       [&](int k) { return sites_in_state(ctx, lattice, spins, k); });
}

Sample measure_block(const Context& ctx, const SpinBlock& block, const ModelParams& model, const std::uint8_t* padded,
                     const Comm& ranks) {
    const Range<3> owned{block.n[0], block.n[1], block.n[2]};
    const Kernel bonds("spins.measure.block.bonds", double(block.owned()));
    const Kernel count("spins.measure.block.count", double(block.owned()));
    const int dim = block.lattice.dim;
    const long long aligned = reduce<long long>(ctx, bonds, owned, Sum{}, SIMT_LAMBDA(int x, int y, int z) {
        const Index i = block.at(x, y, z);
        long long equal = 0;
        for (int axis = 0; axis < dim; ++axis) equal += padded[i + block.stride(axis)] == padded[i];
        return equal;
    });
    const auto in_state = [&](int k) {
        return ranks.sum(reduce<long long>(
            ctx, count, owned, Sum{},
            SIMT_LAMBDA(int x, int y, int z) { return (long long)(padded[block.at(x, y, z)] == k); }));
    };
    return sample_from(block.lattice, model, ranks.sum(aligned), in_state);
}
}  // namespace simt::spins
