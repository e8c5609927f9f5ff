// SPDX-License-Identifier: MIT
#include <cmath>
#include <numeric>
#include <string>
#include <simt/core/error.hpp>
#include <simt/core/philox.hpp>
#include <simt/spins/cluster.hpp>
#include <simt/spins/update_tables.hpp>

namespace simt::spins {
namespace {
/// Bond activation probability between equal neighbours, as a threshold for a 32-bit draw.
std::uint64_t bond_threshold(const ModelParams& m) {
    const double coupling = m.model == Model::ising ? 2 * m.J : m.J;
    return std::uint64_t(std::llround(-std::expm1(-coupling / m.T) * double(draw_range)));
}
/// A state other than `now`, uniformly: Ising flips, Potts picks one of the q - 1 others.
std::uint8_t other_state(int now, int q, std::uint32_t draw) {
    return std::uint8_t((now + 1 + int(scale_draw(draw, std::uint32_t(q - 1)))) % q);
}

/// Union-find whose root is always the smallest site of its set.
class SmallestRootSets {
   public:
    explicit SmallestRootSets(Index n) : m_parent(static_cast<std::size_t>(n)) {
        std::iota(m_parent.begin(), m_parent.end(), Index(0));
    }
    Index find(Index i) {
        while (m_parent[i] != i) {
            m_parent[i] = m_parent[m_parent[i]];  // path halving
            i = m_parent[i];
        }
        return i;
    }
    void join(Index a, Index b) {
        a = find(a);
        b = find(b);
        if (a < b) {
            m_parent[b] = a;
        } else if (b < a) {
            m_parent[a] = b;
        }
    }

   private:
    std::vector<Index> m_parent;
};
}  // namespace

void check_cluster_model(const ModelParams& m) {
    if (m.h != 0.0 || !(m.J > 0.0)) {
        throw Error("spins: cluster updates need h = 0 and J > 0 (got J = " + number_text(m.J) +
                    ", h = " + number_text(m.h) + ")");
    }
}

std::int64_t wolff_sweep(const Lattice& lat, const ModelParams& m, std::uint8_t* s, std::uint64_t seed,
                         std::uint64_t sweep, int clusters) {
    check_cluster_model(m);
    const std::uint64_t bond = bond_threshold(m);
    const Index n = lat.sites();
    PhiloxStream rng(seed, sweep, 0);
    std::vector<Index> stack;
    std::int64_t flipped = 0;
    for (int c = 0; c < clusters; ++c) {
        const Index seed_site = Index((std::uint64_t(rng.next_u32()) * std::uint64_t(n)) >> 32);
        const int old_state = s[seed_site];
        const std::uint8_t new_state = other_state(old_state, m.q, rng.next_u32());
        // A site changes state as it joins, so "still in the old state" means "not yet joined".
        s[seed_site] = new_state;
        stack.assign(1, seed_site);
        while (!stack.empty()) {
            const Index i = stack.back();
            stack.pop_back();
            ++flipped;
            const Lattice::Site site = lat.site(i);
            for (int d = 0; d < lat.neighbours(); ++d) {
                const Index j = lat.neighbour(site, d);
                if (s[j] == old_state && rng.next_u32() < bond) {
                    s[j] = new_state;
                    stack.push_back(j);
                }
            }
        }
    }
    return flipped;
}

std::int64_t swendsen_wang_sweep(const Lattice& lat, const ModelParams& m, std::uint8_t* s, std::uint64_t seed,
                                 std::uint64_t sweep) {
    check_cluster_model(m);
    const std::uint64_t bond = bond_threshold(m);
    const Index n = lat.sites();
    SmallestRootSets sets(n);
    for (Index i = 0; i < n; ++i) {
        const Philox4 r = philox_bits(seed, 2 * sweep, std::uint64_t(i));
        const Lattice::Site site = lat.site(i);
        for (int axis = 0; axis < lat.dim; ++axis) {
            const Index j = lat.neighbour(site, 2 * axis + 1);
            if (s[i] == s[j] && r.v[axis] < bond) sets.join(i, j);
        }
    }
    std::vector<std::uint8_t> new_state(static_cast<std::size_t>(n));
    std::int64_t clusters = 0;
    for (Index i = 0; i < n; ++i) {
        const Index root = sets.find(i);
        if (root == i) {
            ++clusters;
            const std::uint32_t draw = philox_bits(seed, 2 * sweep + 1, std::uint64_t(i)).v[0];
            new_state[i] = std::uint8_t(scale_draw(draw, std::uint32_t(m.q)));
        }
        s[i] = new_state[root];  // a root precedes every other site of its cluster
    }
    return clusters;
}
}  // namespace simt::spins
