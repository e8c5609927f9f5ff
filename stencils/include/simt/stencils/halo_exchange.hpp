// SPDX-License-Identifier: MIT
// HaloExchange: fills a block's FaceHalos from the neighbouring ranks, or the halo layers of a
// field stored with them (several values per cell). Faces are packed on the device by for_each and swapped with
// MPI_Sendrecv (exchange) or MPI_Isend/Irecv (start, finish): device memory straight to MPI when the MPI library is
// CUDA-aware, through pinned host staging otherwise.
#pragma once
#include <cstdint>
#include <memory>
#include <simt/core/buffer.hpp>
#include <simt/core/comm.hpp>
#include <simt/core/context.hpp>
#include <simt/core/pinned_slot.hpp>
#include <simt/core/view.hpp>
#include <simt/stencils/decomposition.hpp>
#include <simt/stencils/halo.hpp>

namespace simt::stencils {
/// The components of a multi-component field that cross each face: bit c of toward[axis][side]
/// set sends component c of the layer next to that face to the rank across (which receives the
/// same set from its other side). All set: the halo cells become whole copies.
struct LayerComponents {
    std::uint32_t toward[3][2] = {{~0u, ~0u}, {~0u, ~0u}, {~0u, ~0u}};
};

template <class Real>
class HaloExchange {
   public:
    HaloExchange(const Comm& comm, const Block& b, Backend where);
    /// For a field of `components` values per cell that holds its halos: the block grown by one
    /// layer across each shared face (Block::grown), x fastest, the component slowest.
    HaloExchange(const Comm& comm, const Block& b, Backend where, int components);

    /// Sends this block's boundary cells of `u` (the block, n[0] x n[1] x n[2]) to the ranks
    /// across its faces and receives theirs. Collective over neighbours: every rank calls it.
    void exchange(const Context& ctx, View<const Real, 3> u);
    /// exchange() in two halves, so that cells that read no halo can be updated while the
    /// layers travel: start() packs every face and posts all their messages at once (no edge or
    /// corner crosses, as in exchange()); finish() waits for them. halos() holds the same
    /// values after finish() as after exchange(). `u` must not change in between.
    void start(const Context& ctx, View<const Real, 3> u);
    void finish();
    FaceHalos<Real> halos() const;
    /// Fills the halo layers of `u` (the second constructor's field) from the ranks across, axis
    /// after axis, each layer spanning the halos of the axes before it: the edge and corner
    /// cells then arrive from the diagonal neighbours in two or three hops, as long as each
    /// component that crosses an edge or corner crosses both (or all three) of its faces. Only
    /// the components `which` names travel. Collective over neighbours.
    void exchange_layers(const Context& ctx, View<Real, 4> u, const LayerComponents& which = {});

   private:
    /// Whether another rank lies across the face (a periodic axis held whole wraps locally).
    bool exchanged(int axis, int side) const;
    std::size_t plane_cells(int axis) const;
    /// Whether any face is shared with another rank (none on one rank).
    bool any_exchanged() const;
    /// Packs every exchanged face of u into m_send and waits for the device.
    void pack_faces(const Context& ctx, View<const Real, 3> u);
    /// Values in one layer of axis `axis` of the grown field (exchange_layers).
    std::size_t layer_values(int axis, int components) const;
    void allocate(int axis, int side, std::size_t values);
    /// Sends m_send[axis][to] to the rank across that face while the one across the other face
    /// fills m_recv[axis][1 - to]; `bytes` per message.
    void swap(int axis, int to, std::size_t bytes);

    const Comm& m_comm;
    Block m_block;
    Backend m_where;
    bool m_stage;  // the GPU without CUDA-aware MPI: through pinned host memory
    Buffer<Real> m_send[3][2], m_recv[3][2];
    std::unique_ptr<detail::PinnedSlot> m_host_send[3][2], m_host_recv[3][2];
    PendingMessages m_pending;  // start()'s messages until finish()
};
}  // namespace simt::stencils
