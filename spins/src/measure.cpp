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
}  // namespace

Sample measure(const Context& ctx, const Lattice& lattice, const ModelParams& model, const std::uint8_t* spins) {
    const double n = double(lattice.sites());
    const double aligned = double(aligned_bonds(ctx, lattice, spins));
    Sample out;
    if (model.model == Model::ising) {
        const double up = double(sites_in_state(ctx, lattice, spins, 1));
        const double sum_s = 2 * up - n;
        const double sum_ss = 2 * aligned - double(lattice.bonds());
        out.energy = (-model.J * sum_ss - model.h * sum_s) / n;
        out.m = sum_s / n;
        out.abs_m = std::fabs(out.m);
        return out;
    }
    double mx = 0, my = 0, in_zero = 0;
    for (int k = 0; k < model.q; ++k) {
        const double count = double(sites_in_state(ctx, lattice, spins, k));
        if (k == 0) in_zero = count;
        const double angle = 2 * 3.141592653589793 * k / model.q;
        mx += count * std::cos(angle);
        my += count * std::sin(angle);
    }
    out.energy = (-model.J * aligned - model.h * in_zero) / n;
    out.m = mx / n;
    out.abs_m = std::hypot(mx, my) / n;
    return out;
}
}  // namespace simt::spins
