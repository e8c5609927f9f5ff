// SPDX-License-Identifier: MIT
// The pair-force kernels. Over a full Verlet list (the GPU's): one thread per particle, each
// writing only its own particle (no atomics; each pair is evaluated from both sides). Over a half
// list (the CPU's): Newton's third law, one thread per group of cell layers (LayerGroupsView).
// Functors, since the md solver instantiates them per precision and potential.
#pragma once
#include <cstdint>
#include <simt/core/group_sum.hpp>
#include <simt/core/macros.hpp>
#include <simt/particles/box.hpp>
#include <simt/particles/mass_table.hpp>
#include <simt/particles/pair_potential.hpp>
#include <simt/particles/particle_arrays.hpp>
#include <simt/particles/verlet_list.hpp>

namespace simt::particles {
/// Calls pair(j, dx, dy, dz, r2, coeff) for the neighbours k = lane, lane + Lanes, ... of particle i
/// in the list (Lanes = 1: all of them), d = x_i - x_j by the minimum image; pair() tests r2 < coeff.rc2
/// itself (the force kernels branch-free: about a third of the list lies beyond the cut-off, and a
/// branch on it is mispredicted often). SingleType: all particles are type 0, the types are not
/// loaded. What the loop reads is copied into locals first: the caller's stores to the force
/// arrays could otherwise alias the kernel's fields and force their reload every pair.
template <bool SingleType, int Lanes = 1, class Real, class Pair>
SIMT_INLINE void for_each_pair(const ParticlePointers<Real>& p, const NeighborListView& neighbors, const Box<Real> box,
                               const PairTable<Real>& table, Index i, int lane, const Pair& pair) {
    const Index n = p.n;
    const Real* const x = p.position;
    const Real* const y = x + n;
    const Real* const z = y + n;
    const std::int32_t* const type = p.type;
    const std::int32_t* const list = neighbors.list + i * neighbors.particle_stride;
    const Index stride = neighbors.neighbor_stride;
    const Real xi = x[i], yi = y[i], zi = z[i];
    const int ti = SingleType ? 0 : type[i];
    const int count = neighbors.count(i);
    PairCoeff<Real> c = table(ti, 0);
    for (int k = lane; k < count; k += Lanes) {
        const std::int32_t j = list[k * stride];
        const Real dx = box.minimum_image(0, xi - x[j]);
        const Real dy = box.minimum_image(1, yi - y[j]);
        const Real dz = box.minimum_image(2, zi - z[j]);
        const Real r2 = dx * dx + dy * dy + dz * dz;
        if (!SingleType) c = table(ti, type[j]);
        pair(j, dx, dy, dz, r2, c);
    }
}

/// F/r of a listed pair, 0 beyond its cut-off, without a branch. Shifted = false: the caller knows
/// that c.force_shift is 0, and the loop keeps no test of it (the CPU's SIMD loop).
template <class Potential, bool Shifted = true, class Real>
SIMT_INLINE Real pair_force_or_zero(Real r2, const PairCoeff<Real>& c) {
    Real unused;
    const Real fr = Shifted ? pair_force_over_r<Potential, false>(r2, c, unused)
                            : Potential::template force_over_r<false>(r2, c, unused);
    return r2 < c.rc2 ? fr : Real(0);
}

/// Forces at the current positions, then (kick) the second half kick of velocity Verlet,
/// v += dt/2 f/m: the step's last update fused into the force pass. Lanes threads per
/// particle (index = particle * Lanes + lane), each taking every Lanes-th neighbour, their sums
/// added by group_sum: a small system (64,000 particles fill a quarter of an H100's thread slots)
/// then still hides the latency of its neighbours' loads. Lanes > 1 on the GPU only.
template <class Real, class Potential, int Lanes = 1>
struct PairForceKick {
    ParticlePointers<Real> p;
    NeighborListView neighbors;
    Box<Real> box;
    PairTable<Real> table;
    MassTable<Real> mass;
    bool single_type;  ///< all particles type 0: skip loading neighbour types
    Real half_dt;      ///< 0: forces only
    SIMT_INLINE void operator()(Index index) const {
        if (single_type)
            particle<true>(index / Lanes, int(index % Lanes));
        else
            particle<false>(index / Lanes, int(index % Lanes));
    }
    template <bool SingleType>
    SIMT_INLINE void particle(Index i, int lane) const {
        const Index n = p.n;
        Real fx = 0, fy = 0, fz = 0;
        for_each_pair<SingleType, Lanes>(p, neighbors, box, table, i, lane,
                                         [&](std::int32_t, Real dx, Real dy, Real dz, Real r2, const PairCoeff<Real>& c) {
                                             const Real fr = pair_force_or_zero<Potential>(r2, c);
                                             fx += fr * dx, fy += fr * dy, fz += fr * dz;
                                         });
        fx = group_sum<Lanes>(fx), fy = group_sum<Lanes>(fy), fz = group_sum<Lanes>(fz);
        if (lane != 0) return;
        p.force[i] = fx, p.force[n + i] = fy, p.force[2 * n + i] = fz;
        if (half_dt != 0) {
            const Real kick = half_dt * mass.inverse[mass.slot(p.type, i)];
            p.velocity[i] += kick * fx;
            p.velocity[n + i] += kick * fy;
            p.velocity[2 * n + i] += kick * fz;
        }
    }
};

/// The CPU's force pass works on particle-major copies, x_i y_i z_i side by side: a partner's
/// coordinates and its force are then one cache line each instead of three. Before the pass:
/// the positions copied in, the forces cleared.
template <class Real>
struct PackPositions {
    const Real* position;
    Real* packed_position;
    Real* packed_force;
    Index n;
    SIMT_INLINE void operator()(Index i) const {
        SIMT_UNROLL
        for (int a = 0; a < 3; ++a) {
            packed_position[3 * i + a] = position[a * n + i];
            packed_force[3 * i + a] = 0;
        }
    }
};

/// After the pass: the forces copied out, and velocity Verlet's closing half kick v += dt/2 f/m
/// (half_dt = 0: forces only).
template <class Real>
struct UnpackForcesKick {
    const Real* packed_force;
    Real* force;
    Real* velocity;
    const std::int32_t* type;
    MassTable<Real> mass;
    Real half_dt;
    Index n;
    SIMT_INLINE void operator()(Index i) const {
        const Real kick = half_dt * mass.inverse[mass.slot(type, i)];
        SIMT_UNROLL
        for (int a = 0; a < 3; ++a) {
            const Real f = packed_force[3 * i + a];
            force[a * n + i] = f;
            if (half_dt != 0) velocity[a * n + i] += kick * f;
        }
    }
};

/// Forces over a half list, one group of cell layers per thread (`parity`: the even or the odd
/// groups; run both, between PackPositions and UnpackForcesKick): each pair once, added to its
/// owner and subtracted from its partner, in the group's fixed order. A particle's neighbours go
/// `lanes` at a time through a SIMD loop (gathered positions; the partners' forces then
/// subtracted one by one), its own force summed in `lanes` partial sums, neighbour k into sum
/// k % lanes, added in a fixed order at the end: the same bits at any vector width.
template <class Real, class Potential>
struct PairForceHalf {
    static constexpr int lanes = 8;
    static_assert(lanes <= list_padding, "the SIMD loop reads up to lanes - 1 entries past a particle's list");
    const Real* position;  ///< packed, x y z per particle
    Real* force;           ///< packed
    const std::int32_t* type;
    NeighborListView neighbors;
    LayerGroupsView groups;
    Box<Real> box;
    PairTable<Real> table;
    bool single_type;
    bool shifted;  ///< some pair's force is shifted (c.force_shift != 0)
    int parity;
    SIMT_INLINE void operator()(Index q) const {
        const Index g = 2 * q + parity;
        if (single_type && !shifted)
            group<true, false>(g);
        else if (single_type)
            group<true, true>(g);
        else
            group<false, true>(g);
    }
    template <bool SingleType, bool Shifted>
    SIMT_CPU_ISA_CLONES SIMT_INLINE void group(Index g) const {
        // Locals: the force stores could otherwise alias the fields and force their reload.
        const Real* const x = position;
        Real* const f = force;
        const std::int32_t* const order = groups.order;
        const Box<Real> b = box;
        for (Index k = groups.begin[g], end = groups.begin[g + 1]; k < end; ++k) {
            const std::int32_t i = order[k];
            // A half list is particle-major (the CPU's): consecutive neighbours, consecutive words.
            const std::int32_t* const list = neighbors.list + i * neighbors.particle_stride;
            const int count = neighbors.count(i);
            const Real xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
            const int ti = SingleType ? 0 : type[i];
            const PairCoeff<Real>& ci = table(ti, 0);
            const std::int32_t last = count > 0 ? list[count - 1] : i;
            Real fx[lanes] = {}, fy[lanes] = {}, fz[lanes] = {};
            for (int m0 = 0; m0 < count; m0 += lanes) {
                std::int32_t partner[lanes];
                Real gx[lanes], gy[lanes], gz[lanes];
#if !SIMT_ON_DEVICE()  // a host loop; the GPU runs the full list's kernel
#pragma omp simd
#endif
                for (int l = 0; l < lanes; ++l) {
                    // Past the count (the next row or the list's padding): the last neighbour again,
                    // with a force of 0.
                    const bool inside = m0 + l < count;
                    const std::int32_t listed = list[m0 + l];
                    const std::int32_t j = inside ? listed : last;
                    const Real dx = b.minimum_image(0, xi - x[3 * j]);
                    const Real dy = b.minimum_image(1, yi - x[3 * j + 1]);
                    const Real dz = b.minimum_image(2, zi - x[3 * j + 2]);
                    const PairCoeff<Real>& c = SingleType ? ci : table(ti, type[j]);
                    const Real pair = pair_force_or_zero<Potential, Shifted>(dx * dx + dy * dy + dz * dz, c);
                    const Real fr = inside ? pair : Real(0);
                    fx[l] += fr * dx, fy[l] += fr * dy, fz[l] += fr * dz;
                    partner[l] = j, gx[l] = fr * dx, gy[l] = fr * dy, gz[l] = fr * dz;
                }
                for (int l = 0; l < lanes; ++l) {
                    Real* const fj = f + 3 * partner[l];
                    fj[0] -= gx[l], fj[1] -= gy[l], fj[2] -= gz[l];
                }
            }
            Real sx = 0, sy = 0, sz = 0;
            for (int l = 0; l < lanes; ++l) sx += fx[l], sy += fy[l], sz += fz[l];
            f[3 * i] += sx, f[3 * i + 1] += sy, f[3 * i + 2] += sz;
        }
    }
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
        for_each_pair<false>(p, neighbors, box, table, i, 0,
                             [&](std::int32_t, Real dx, Real dy, Real dz, Real r2, const PairCoeff<Real>& c) {
            if (r2 >= c.rc2) return;
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
/// Pair-distance histogram of the first `particles` particles (the owned ones where ghosts follow),
/// one thread per block of `block` consecutive particles: column q of counts[b * blocks + q] holds
/// the list entries of its particles with r in bin b of [0, r_max) (integer counts: the same on
/// every backend whatever the order).
template <class Real>
struct PairDistanceHistogram {
    ParticlePointers<Real> p;
    NeighborListView neighbors;
    Box<Real> box;
    PairTable<Real> table;
    Real r_max, bins_per_length;
    int bins;
    Index particles, block, blocks;
    std::int32_t* counts;
    SIMT_INLINE void operator()(Index q) const {
        std::int32_t* const column = counts + q;
        const Index stride = blocks;
        for (int b = 0; b < bins; ++b) column[b * stride] = 0;
        const Real r_max2 = r_max * r_max;
        const Index end = (q + 1) * block < particles ? (q + 1) * block : particles;
        for (Index i = q * block; i < end; ++i)
            for_each_pair<true>(p, neighbors, box, table, i, 0,
                                [&](std::int32_t, Real, Real, Real, Real r2, const PairCoeff<Real>&) {
                                    if (r2 >= r_max2) return;
                                    const int b = int(sqrt(r2) * bins_per_length);
                                    ++column[(b < bins ? b : bins - 1) * stride];
                                });
    }
};

/// g(r) per bin from PairDistanceHistogram's columns, summed in a fixed order: pairs / (ideal-gas
/// pairs in the shell), 2 P_b V / (N (N - 1) 4 pi/3 (r_u^3 - r_l^3)), as LAMMPS's compute rdf.
struct RadialDistribution {
    const std::int32_t* counts;
    Index blocks;
    double entries_per_pair;  ///< 1 for a half list, 2 for a full one
    double width, volume, particles;
    double* g;
    SIMT_INLINE void operator()(Index b) const {
        std::int64_t sum = 0;
        for (Index q = 0; q < blocks; ++q) sum += counts[b * blocks + q];
        const double pairs = double(sum) / entries_per_pair;
        const double lo = double(b) * width, hi = lo + width;
        const double shell = 4.18879020478639098 * (hi * hi * hi - lo * lo * lo);
        g[b] = 2 * pairs * volume / (particles * (particles - 1) * shell);
    }
};
}  // namespace simt::particles
