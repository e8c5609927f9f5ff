// SPDX-License-Identifier: MIT
// The per-particle updates of the integrators, each fused into one pass over the particles
// (reduced Lennard-Jones units; masses per type from a MassTable). A step is: one of these, the
// neighbour check, then PairForceKick (forces and the closing half kick).
#pragma once
#include <cmath>
#include <cstdint>
#include <type_traits>
#include <simt/core/macros.hpp>
#include <simt/core/philox.hpp>
#include <simt/core/raise_flag.hpp>
#include <simt/particles/box.hpp>
#include <simt/particles/mass_table.hpp>
#include <simt/particles/particle_arrays.hpp>

namespace simt::particles {
/// Moves x to x + dx and back into the box, counting the box lengths crossed.
template <class Real>
SIMT_INLINE void drift_wrapped(const ParticlePointers<Real>& p, const Box<Real>& box, int a, Index i, Real dx) {
    const Index at = a * p.n + i;
    const Real x = p.position[at] + dx;
    const Real s = box.shift(a, x);
    p.position[at] = x - s * box.length[a];
    // A diverging run (x infinite, or flung across millions of boxes) must not convert an
    // out-of-range float to int nor overflow the count: that is undefined behaviour, and the
    // watchdog stops such a run at its next check anyway. A normal step adds -1, 0 or 1.
    const Real bound = Real(1 << 24);
    const std::int32_t crossed = s >= -bound && s <= bound ? std::int32_t(s) : 0;
    p.image[at] = std::int32_t(std::uint32_t(p.image[at]) + std::uint32_t(crossed));
}

/// Velocity Verlet's opening: v += dt/2 f/m (after scaling v by `scale`, a thermostat's factor;
/// 1 in NVE), x += dt v.
template <class Real>
struct KickDrift {
    ParticlePointers<Real> p;
    Box<Real> box;
    MassTable<Real> mass;
    Real dt, scale;
    /// The new velocity and the displacement of particle i (advance() is shared with the
    /// displacement prediction, so both compute the same bits).
    SIMT_INLINE void advance(Index i, Real (&v)[3], Real (&dx)[3]) const {
        const Real kick = Real(0.5) * dt * mass.inverse[mass.slot(p.type, i)];
        SIMT_UNROLL
        for (int a = 0; a < 3; ++a) {
            const Index at = a * p.n + i;
            v[a] = scale * p.velocity[at] + kick * p.force[at];
            dx[a] = dt * v[a];
        }
    }
    SIMT_INLINE void operator()(Index i) const { apply(*this, i); }
};

/// Writes the velocity v and the position drifted by dx (wrapped) that an opening's advance() gave.
template <class Opening, class Real>
SIMT_INLINE void store_advance(const Opening& op, Index i, const Real (&v)[3], const Real (&dx)[3]) {
    SIMT_UNROLL
    for (int a = 0; a < 3; ++a) {
        op.p.velocity[a * op.p.n + i] = v[a];
        drift_wrapped(op.p, op.box, a, i, dx[a]);
    }
}

/// Runs an opening's advance() and writes its result.
template <class Opening>
SIMT_INLINE void apply(const Opening& op, Index i) {
    using Real = std::remove_reference_t<decltype(*op.p.position)>;
    Real v[3], dx[3];
    op.advance(i, v, dx);
    store_advance(op, i, v, dx);
}

/// Three standard normals for particle `id` at `stream` from one Philox draw (Box-Muller on
/// its four 32-bit words; the fourth normal is not used).
SIMT_INLINE void philox_normals3(std::uint64_t seed, std::uint64_t stream, std::uint64_t id, double (&g)[3]) {
    const Philox4 bits = philox_bits(seed, stream, id);
    const double two_pi = 6.283185307179586;
    const double r1 = sqrt(-2 * log(double(u32_to_uniform(bits.v[0]))));
    const double r2 = sqrt(-2 * log(double(u32_to_uniform(bits.v[2]))));
    const double t1 = two_pi * double(u32_to_uniform(bits.v[1]));
    g[0] = r1 * cos(t1);
    g[1] = r1 * sin(t1);
    g[2] = r2 * cos(two_pi * double(u32_to_uniform(bits.v[3])));
}

/// Langevin dynamics by BAOAB (Leimkuhler and Matthews 2013) up to the final B: v += dt/2 f/m,
/// x += dt/2 v, v = c1 v + c2/sqrt(m) R with c1 = exp(-gamma dt), c2 = sqrt((1 - c1^2) kT)
/// (the velocity's equilibrium spread is sqrt(kT/m)), x += dt/2 v.
/// R is Philox (seed, stream of the step, particle id): independent of storage order and backend.
template <class Real>
struct LangevinBaoa {
    ParticlePointers<Real> p;
    Box<Real> box;
    MassTable<Real> mass;
    Real dt, c1, c2;
    std::uint64_t seed, stream;
    SIMT_INLINE void advance(Index i, Real (&v)[3], Real (&dx)[3]) const {
        double g[3];
        philox_normals3(seed, stream, std::uint64_t(p.id[i]), g);
        const Real half = Real(0.5) * dt;
        const int s = mass.slot(p.type, i);
        const Real kick = half * mass.inverse[s], noise = c2 * mass.inverse_sqrt[s];
        SIMT_UNROLL
        for (int a = 0; a < 3; ++a) {
            const Index at = a * p.n + i;
            const Real v_b = p.velocity[at] + kick * p.force[at];
            v[a] = c1 * v_b + noise * Real(g[a]);
            dx[a] = half * v_b + half * v[a];
        }
    }
    SIMT_INLINE void operator()(Index i) const { apply(*this, i); }
};

/// v *= scale (a thermostat's rescaling at the end of a step).
template <class Real>
struct ScaleVelocities {
    Real* velocity;
    Real scale;
    SIMT_INLINE void operator()(Index k) const { velocity[k] *= scale; }
};

/// An opening update (KickDrift or LangevinBaoa) that also raises `moved` when it takes a particle
/// farther than sqrt(limit2) from where it was at the last list build (minimum image): the
/// neighbour check fused into the update, where a separate reduction would recompute the update
/// (Langevin's normals included) on the few blocks a reduction of 64,000 values gets.
template <class Real, class Opening>
struct OpeningWithCheck {
    Opening op;
    Real limit2;
    std::int32_t* moved;
    SIMT_INLINE void operator()(Index i) const {
        Real v[3], dx[3];
        op.advance(i, v, dx);
        const ParticlePointers<Real>& p = op.p;
        const Real d2 = squared_norm<Real>([&](int a) {
            return op.box.minimum_image(a, p.position[a * p.n + i] + dx[a] - p.reference[a * p.n + i]);
        });
        if (d2 > limit2) raise_flag(moved);
        store_advance(op, i, v, dx);
    }
};

/// m v_a v_b of one particle for the pair of axes (a, b).
template <class Real>
struct KineticTensor {
    const Real* velocity;
    const std::int32_t* type;
    MassTable<Real> mass;
    Index n;
    int a, b;
    SIMT_INLINE double operator()(Index i) const {
        return mass.mass[mass.slot(type, i)] * double(velocity[a * n + i]) * double(velocity[b * n + i]);
    }
};

/// m |v|^2 of one particle: twice its kinetic energy.
template <class Real>
struct MassSpeedSquared {
    const Real* velocity;
    const std::int32_t* type;
    MassTable<Real> mass;
    Index n;
    SIMT_INLINE double operator()(Index i) const {
        return mass.mass[mass.slot(type, i)] * squared_norm<double>([&](int a) { return double(velocity[a * n + i]); });
    }
};

/// |unwrapped x - x at step 0|^2 of one particle.
template <class Real>
struct SquaredDisplacementFromOrigin {
    ParticlePointers<Real> p;
    Box<Real> box;
    SIMT_INLINE double operator()(Index i) const {
        return squared_norm<double>([&](int a) {
            const Index at = a * p.n + i;
            return double(p.position[at]) + double(p.image[at]) * double(box.length[a]) - double(p.origin[at]);
        });
    }
};
}  // namespace simt::particles
