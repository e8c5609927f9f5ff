// SPDX-License-Identifier: MIT
// The pair-force kernels. Over a full Verlet list (the GPU's): one thread per particle, each
// writing only its own particle (no atomics; each pair is evaluated from both sides). Over a half
// list (the CPU's): Newton's third law, one thread per group of cell layers (LayerGroupsView).
// Functors, since the md solver instantiates them per precision and potential.
#pragma once
#include <cstdint>
#include <simt/core/macros.hpp>
#include <simt/particles/box.hpp>
#include <simt/particles/pair_potentials.hpp>
#include <simt/particles/particle_arrays.hpp>
#include <simt/particles/verlet_list.hpp>

namespace simt::particles {
/// Calls pair(j, dx, dy, dz, r2, coeff) for each neighbour j of particle i inside its pair's cut-off,
/// d = x_i - x_j by the minimum image. With single_type the neighbours' types are not loaded.
template <class Real, class Pair>
SIMT_INLINE void for_each_pair(const ParticlePointers<Real>& p, const NeighborListView& neighbors, const Box<Real>& box,
                               const PairTable<Real>& table, bool single_type, Index i, const Pair& pair) {
    const Index n = p.n;
    const Real xi = p.position[i], yi = p.position[n + i], zi = p.position[2 * n + i];
    const int ti = single_type ? 0 : p.type[i];
    const int count = neighbors.count(i);
    for (int k = 0; k < count; ++k) {
        const std::int32_t j = neighbors.neighbor(i, k);
        const Real dx = box.minimum_image(0, xi - p.position[j]);
        const Real dy = box.minimum_image(1, yi - p.position[n + j]);
        const Real dz = box.minimum_image(2, zi - p.position[2 * n + j]);
        const Real r2 = dx * dx + dy * dy + dz * dz;
        const PairCoeff<Real>& c = table(ti, single_type ? 0 : p.type[j]);
        if (r2 < c.rc2) pair(j, dx, dy, dz, r2, c);
    }
}

/// Forces at the current positions, then (kick) the second half kick of velocity Verlet,
/// v += dt/2 f/m with m = 1: the step's last update fused into the force pass.
template <class Real, class Potential>
struct PairForceKick {
    ParticlePointers<Real> p;
    NeighborListView neighbors;
    Box<Real> box;
    PairTable<Real> table;
    bool single_type;  ///< all particles type 0: skip loading neighbour types
    Real half_dt;      ///< 0: forces only
    SIMT_INLINE void operator()(Index i) const {
        const Index n = p.n;
        Real fx = 0, fy = 0, fz = 0;
        for_each_pair(p, neighbors, box, table, single_type, i,
                      [&](std::int32_t, Real dx, Real dy, Real dz, Real r2, const PairCoeff<Real>& c) {
                          Real unused;
                          const Real fr = pair_force_over_r<Potential, false>(r2, c, unused);
                          fx += fr * dx, fy += fr * dy, fz += fr * dz;
                      });
        p.force[i] = fx, p.force[n + i] = fy, p.force[2 * n + i] = fz;
        if (half_dt != 0) {
            p.velocity[i] += half_dt * fx;
            p.velocity[n + i] += half_dt * fy;
            p.velocity[2 * n + i] += half_dt * fz;
        }
    }
};

/// f = 0, before PairForceHalf accumulates.
template <class Real>
struct ClearForces {
    Real* force;
    SIMT_INLINE void operator()(Index k) const { force[k] = 0; }
};

/// Forces over a half list, one group of cell layers per thread (`parity`: the even or the odd
/// groups; run both, after ClearForces): each pair once, added to its owner and subtracted from
/// its partner, in the group's fixed order.
template <class Real, class Potential>
struct PairForceHalf {
    ParticlePointers<Real> p;
    NeighborListView neighbors;
    LayerGroupsView groups;
    Box<Real> box;
    PairTable<Real> table;
    bool single_type;
    int parity;
    SIMT_INLINE void operator()(Index q) const {
        const Index n = p.n, g = 2 * q + parity;
        Real* f = p.force;
        for (Index k = groups.begin[g]; k < groups.begin[g + 1]; ++k) {
            const Index i = groups.order[k];
            Real fx = 0, fy = 0, fz = 0;
            for_each_pair(p, neighbors, box, table, single_type, i,
                          [&](std::int32_t j, Real dx, Real dy, Real dz, Real r2, const PairCoeff<Real>& c) {
                              Real unused;
                              const Real fr = pair_force_over_r<Potential, false>(r2, c, unused);
                              fx += fr * dx, fy += fr * dy, fz += fr * dz;
                              f[j] -= fr * dx, f[n + j] -= fr * dy, f[2 * n + j] -= fr * dz;
                          });
            f[i] += fx, f[n + i] += fy, f[2 * n + i] += fz;
        }
    }
};

/// v += dt/2 f (velocity Verlet's closing half kick, after PairForceHalf).
template <class Real>
struct HalfKick {
    Real* velocity;
    const Real* force;
    Real half_dt;
    SIMT_INLINE void operator()(Index k) const { velocity[k] += half_dt * force[k]; }
};

/// Per particle: its share of the pair energies and of the pair virials r_a F_b (half of each
/// pair on a full list, where both sides see it; all of it for a half list's owner), written to
/// out[c n + i] for c = energy, xx, yy, zz, xy, xz, yz. Run for observables only, so the step's
/// force pass stays lean.
template <class Real, class Potential>
struct PairEnergyVirial {
    ParticlePointers<Real> p;
    NeighborListView neighbors;
    Box<Real> box;
    PairTable<Real> table;
    double* out;
    SIMT_INLINE void operator()(Index i) const {
        double sum[7] = {0, 0, 0, 0, 0, 0, 0};
        for_each_pair(p, neighbors, box, table, false, i,
                      [&](std::int32_t, Real dx, Real dy, Real dz, Real r2, const PairCoeff<Real>& c) {
            Real energy = 0;
            const double fr = pair_force_over_r<Potential, true>(r2, c, energy);
            sum[0] += energy;
            sum[1] += fr * dx * dx, sum[2] += fr * dy * dy, sum[3] += fr * dz * dz;
            sum[4] += fr * dx * dy, sum[5] += fr * dx * dz, sum[6] += fr * dy * dz;
        });
        SIMT_UNROLL
        for (int c = 0; c < 7; ++c) out[c * p.n + i] = (neighbors.half ? 1.0 : 0.5) * sum[c];
    }
};
}  // namespace simt::particles
