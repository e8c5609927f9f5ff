// SPDX-License-Identifier: MIT
#include "md/initial_particles.hpp"

#include <cstdint>
#include <limits>
#include <simt/particles/initial_state.hpp>

namespace simt::md {
namespace {
/// A particle's place in particle_types' order: its Philox key, ties broken by id.
struct TypeRank {
    std::uint64_t key;
    std::int64_t id;
    bool operator<=(const TypeRank& o) const { return key != o.key ? key < o.key : id <= o.id; }
};

/// The smallest v in [lo, hi] for which enough(v) holds (it holds for hi, and for all v above one where it holds).
template <class T, class Enough>
T smallest_with(T lo, T hi, const Enough& enough) {
    while (lo < hi) {
        const T mid = lo + (hi - lo) / 2;
        if (enough(mid))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/// The k-th smallest TypeRank over all ranks' particles (k >= 1), of which each rank holds
/// `mine`: bisection on the key, then on the id, each step a count summed over ranks. Collective.
TypeRank kth_smallest(const std::vector<TypeRank>& mine, std::int64_t k, std::int64_t n, const Comm& ranks) {
    const auto at_most = [&](const TypeRank& cut) {
        std::int64_t count = 0;
        for (const TypeRank& r : mine) count += r <= cut;
        return ranks.sum(count);
    };
    const std::uint64_t key = smallest_with(std::uint64_t(0), std::numeric_limits<std::uint64_t>::max(),
                                            [&](std::uint64_t v) { return at_most({v, n}) >= k; });
    const std::int64_t id =
        smallest_with(std::int64_t(0), n - 1, [&](std::int64_t v) { return at_most({key, v}) >= k; });
    return {key, id};
}
}  // namespace

std::vector<ParticleRecord> initial_particles(const Params& p, const Decomposition& decomposition, const Comm& ranks,
                                              double (*to_precision)(double)) {
    std::vector<ParticleRecord> owned;
    const auto keep = [&](std::int64_t id, const std::array<double, 3>& x) {
        ParticleRecord r{};
        for (std::size_t a = 0; a < 3; ++a) r.position[a] = r.reference[a] = r.origin[a] = to_precision(x[a]);
        r.id = std::int32_t(id);
        if (decomposition.owns(r.reference)) owned.push_back(r);
    };
    if (p.lattice == "fcc" || p.lattice == "sc") {
        const double a = p.box[0] / p.cells[0];
        for (std::int64_t id = 0; id < p.particles; ++id) {
            std::array<double, 3> x = particles::lattice_site(p.lattice == "fcc", p.cells[0], p.cells[1], id, a);
            p.wrap(x);
            keep(id, x);
        }
    } else {
        const particles::Positions x = p.positions();
        for (std::size_t id = 0; id < x.size(); ++id) keep(std::int64_t(id), x[id]);
    }

    // Types: B up to the type_counts()[0]-th smallest key, C up to the next type_counts()[1].
    const TypeRank none{0, -1};
    TypeRank last_b = none, last_c = none;
    if (p.types > 1) {
        std::vector<TypeRank> mine;
        mine.reserve(owned.size());
        for (const ParticleRecord& r : owned) mine.push_back({p.type_key(r.id), r.id});
        const std::array<std::int64_t, 2> counts = p.type_counts();
        if (counts[0] > 0) last_b = kth_smallest(mine, counts[0], p.particles, ranks);
        if (counts[1] > 0) last_c = kth_smallest(mine, counts[0] + counts[1], p.particles, ranks);
    }
    const auto type_of = [&](std::int64_t id) {
        if (p.types == 1) return 0;
        const TypeRank r{p.type_key(id), id};
        return r <= last_b ? 1 : r <= last_c ? 2 : 0;
    };
    const particles::MaxwellBoltzmann velocities(
        p.particles, [&](std::int64_t id) { return p.mass[type_of(id)]; }, p.initial_temperature, p.seed);
    for (ParticleRecord& r : owned) {
        r.type = type_of(r.id);
        const std::array<double, 3> v = velocities.velocity(r.id, p.mass[r.type]);
        for (std::size_t a = 0; a < 3; ++a) r.velocity[a] = to_precision(v[a]);
    }
    return owned;
}
}  // namespace simt::md
