// SPDX-License-Identifier: MIT
// HaloExchange: fills a block's FaceHalos from the neighbouring ranks, or the halo layers of a
// field stored with them (several values per cell). Faces are packed on the device by for_each and swapped with
// MPI_Sendrecv (exchange, exchange_layers) or MPI_Isend/Irecv (start and finish, start_layers and finish_layers):
// device memory straight to MPI when the MPI library is CUDA-aware, through pinned host staging otherwise.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <vector>
#include <simt/core/buffer.hpp>
#include <simt/core/comm.hpp>
#include <simt/core/context.hpp>
#include <simt/core/pinned_slot.hpp>
#include <simt/core/view.hpp>
#include <simt/stencils/decomposition.hpp>
#include <simt/stencils/halo.hpp>
#include <simt/stencils/interior_split.hpp>

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
    /// exchange_layers() in two halves, so that the cells that read no halo can be stepped while
    /// the layers travel. start_layers() packs the block's cells next to every face, edge and
    /// corner with a rank across it, each with the components that cross all the faces it
    /// crosses (an edge or a corner goes straight to the diagonal rank instead of in hops), and
    /// posts all their messages at once; finish_layers() waits for them and unpacks them into the
    /// halo cells. Every component that streams from a halo cell into the block then holds what
    /// exchange_layers() leaves there. The block's own cells of `u` must not change in between.
    void start_layers(const Context& ctx, View<Real, 4> u, const LayerComponents& which = {});
    void finish_layers(const Context& ctx, View<Real, 4> u);

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

    /// One message each way of start_layers(): towards and from one face, edge or corner.
    struct LayerMessage {
        std::array<int, 3> toward{0, 0, 0};                      ///< the direction, each component -1, 0 or 1
        int rank = -1;                                           ///< the rank there (Block::neighbor_toward)
        CellBox send, recv;                                      ///< the block's cells next to it; the halo cells there
        std::uint32_t send_components = 0, recv_components = 0;  ///< set by start_layers()
        Buffer<Real> send_values, recv_values;
        std::unique_ptr<detail::PinnedSlot> host_send, host_recv;
    };
    /// The messages of start_layers() for a field of `components` values per cell.
    void plan_layer_messages(int components);

    const Comm& m_comm;
    Block m_block;
    Backend m_where;
    bool m_stage;  // the GPU without CUDA-aware MPI: through pinned host memory
    Buffer<Real> m_send[3][2], m_recv[3][2];
    std::unique_ptr<detail::PinnedSlot> m_host_send[3][2], m_host_recv[3][2];
    PendingMessages m_pending;  // start()'s or start_layers()'s messages until finish()
    std::vector<LayerMessage> m_layer_messages;
};
}  // namespace simt::stencils
