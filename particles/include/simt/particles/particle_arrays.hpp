// SPDX-License-Identifier: MIT
// Particles in structure-of-arrays storage: every per-particle quantity is one buffer with the
// x components of all particles, then the y, then the z (component c of particle i at
// c * n + i), so a warp reads 32 consecutive values of one component.
#pragma once
#include <cstdint>
#include <simt/core/buffer.hpp>
#include <simt/core/context.hpp>

namespace simt::particles {
/// Raw pointers to the arrays, for kernels (SoA: component c of particle i at c * n + i).
template <class Real>
struct ParticlePointers {
    Real* position;
    Real* velocity;
    Real* force;
    Real* reference;
    Real* origin;
    std::int32_t* image;
    const std::int32_t* type;
    const std::int32_t* id;
    Index n;
};

/// dst[c n + to[k]] = src[c n + from[k]] over `components` blocks of n values; a null index
/// array stands for the identity. Gathers into cell order (from = order) and scatters back
/// into id order (to = id).
template <class T>
struct Permute {
    const T* src;
    T* dst;
    const std::int32_t* from;
    const std::int32_t* to;
    Index n;
    int components;
    SIMT_INLINE void operator()(Index k) const {
        const Index i = from ? Index(from[k]) : k, j = to ? Index(to[k]) : k;
        for (int c = 0; c < components; ++c) dst[c * n + j] = src[c * n + i];
    }
};

template <class Real>
class ParticleArrays {
   public:
    ParticleArrays() = default;
    ParticleArrays(Backend where, Index n);

    Index size() const { return m_n; }
    Buffer<Real> position;   ///< wrapped into the box [length]
    Buffer<Real> velocity;   ///< [length/time]
    Buffer<Real> force;      ///< [energy/length]
    Buffer<Real> reference;  ///< positions when the neighbour list was built [length]
    Buffer<Real> origin;     ///< unwrapped positions at step 0, for the MSD [length]
    Buffer<std::int32_t> image;  ///< box lengths crossed along each axis since step 0
    Buffer<std::int32_t> type;   ///< 0, 1, 2 (species A, B, C)
    Buffer<std::int32_t> id;     ///< the particle's number: storage order changes, ids do not

    ParticlePointers<Real> pointers() const {
        return {position.data(), velocity.data(), force.data(), reference.data(), origin.data(),
                image.data(), type.data(), id.data(), m_n};
    }
    /// Puts particle order[k] at place k in every array (after a cell sort: neighbours in space
    /// become neighbours in memory).
    void reorder(const Context& ctx, const Buffer<std::int32_t>& order);

   private:
    Index m_n = 0;
    Buffer<Real> m_spare_real;
    Buffer<std::int32_t> m_spare_int3, m_spare_int;
};
}  // namespace simt::particles
