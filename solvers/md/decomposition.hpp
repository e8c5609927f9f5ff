// SPDX-License-Identifier: MIT
// The periodic box split into a grid of sub-boxes, one per rank (x fastest in the rank number):
// which rank owns a particle, particles moving to their new owner at a neighbour-list build, and
// the ghosts, the other ranks' particles within r_cut + skin of a sub-box, collected face by face
// in three stages (x, then y with the x ghosts, then z with both), so that edges and corners
// come for free. Host code (docs/parallel.md, "Molecular dynamics").
//
// Ghosts keep their owner's wrapped coordinates and every separation is taken by the minimum
// image, as on one rank, so a pair's separation has the same bits on any rank grid. An axis of
// one rank exchanges nothing (the minimum image wraps it); on an axis of two ranks both faces
// border the same rank, and a particle that arrives twice is kept once (by id).
#pragma once
#include <array>
#include <cstdint>
#include <vector>
#include <simt/core/comm.hpp>

namespace simt::md {
/// One particle as it travels between ranks: every per-particle quantity, in double (a float
/// goes to double and back unchanged). Component-major device arrays are made from these.
struct ParticleRecord {
    double position[3], velocity[3], force[3], reference[3], origin[3];
    std::int32_t image[3], type, id;
};

class Decomposition {
   public:
    /// The rank grid of `ranks` over `box`: `requested[a]` > 0 fixes the ranks along axis a
    /// (parallel.ranks_x, _y, _z), the others are chosen as for a grid of cells r_list wide.
    /// ConfigError before any work when a sub-box would be thinner than r_list = r_cut + skin.
    Decomposition(const Comm& ranks, const std::array<double, 3>& box, double r_list,
                  const std::array<int, 3>& requested);

    const std::array<int, 3>& dims() const { return m_dims; }
    /// Whether this rank owns a particle at x (its reference position, wrapped).
    bool owns(const double (&x)[3]) const;
    /// Sends each particle of `owned` whose reference position lies in another rank's sub-box to
    /// that rank (one sub-box along each axis at most; Error beyond) and keeps what arrives for
    /// this rank. Collective.
    void migrate(std::vector<ParticleRecord>& owned) const;
    /// The other ranks' particles whose reference positions lie within r_list of this sub-box,
    /// each once, in arrival order; remembers their routes for refresh_ghosts. Collective.
    std::vector<ParticleRecord> collect_ghosts(const std::vector<ParticleRecord>& owned);
    /// Copies each ghost's position from its owner along the routes of the last collect_ghosts:
    /// x holds the positions component-major with `stride` slots per axis, the owned particles
    /// first and the ghosts after them in collect_ghosts' order. Collective.
    void refresh_ghosts(double* x, std::size_t stride) const;
    /// Newton's third law across ranks: adds what each ghost gathered (its share of the pairs
    /// this rank evaluated) to the particle it copies, along the routes of the last
    /// collect_ghosts in reverse (z, then y, then x), so that a ghost of a ghost passes its sum
    /// on before its own is sent. Component c of local slot k is f[c component_stride + k
    /// slot_stride], in host memory; afterwards the ghosts' slots hold partial sums of no use.
    /// Collective.
    template <class T>
    void return_ghost_sums(T* f, int components, std::size_t slot_stride, std::size_t component_stride) const;

   private:
    /// One face's exchange of a ghost stage: the local slots sent, and for each received
    /// particle its ghost slot (-1: a second copy, dropped).
    struct Route {
        int to, from, tag;
        std::vector<std::int32_t> send, receive;
    };
    int coord_of(int axis, double x) const;

    const Comm& m_ranks;
    std::array<double, 3> m_box;
    double m_reach;  // r_list and a hair for the rounding of a sub-box's faces
    std::array<int, 3> m_dims{1, 1, 1}, m_coord{0, 0, 0};
    std::array<std::array<int, 2>, 3> m_neighbor{};
    std::vector<Route> m_routes;
};
}  // namespace simt::md
