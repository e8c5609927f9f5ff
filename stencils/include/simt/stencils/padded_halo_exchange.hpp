// SPDX-License-Identifier: MIT
// PaddedHaloExchange: halos of any width for fields that each rank stores as its block padded
// by `width` cells across each face along the axes split between ranks (x fastest over the
// padded box: PaddedHaloExchange::storage). The neighbours' layers land in the padding at their
// global places, unwrapped, so a stencil that indexes by global cell (walls, wrap along the
// axes held whole) reads them as one process reads its own cells. Axis after axis, each axis's layers
// carrying the halos the earlier axes brought: edges and corners arrive too. Packed on the
// device by for_each, swapped by MPI_Sendrecv as HaloExchange does (staged through pinned host
// memory when the GPU's MPI is not CUDA-aware).
#pragma once
#include <memory>
#include <simt/core/buffer.hpp>
#include <simt/core/comm.hpp>
#include <simt/core/context.hpp>
#include <simt/core/pinned_slot.hpp>
#include <simt/stencils/decomposition.hpp>
#include <simt/stencils/grid.hpp>

namespace simt::stencils {
/// A box of cells in global indices: lo may lie below 0 or beyond the grid along a periodic
/// axis (it wraps), extents per axis.
struct CellBox {
    int lo[3] = {0, 0, 0};
    int n[3] = {1, 1, 1};
    Index cells() const { return Index(n[0]) * n[1] * n[2]; }
};

/// Block `b` grown by `width` cells across both faces of each axis split between ranks (the
/// block itself on one rank): the cells a rank stores.
inline CellBox padded_box(const Block& b, int width) {
    CellBox box;
    for (int a = 0; a < 3; ++a) {
        const bool split = b.dims[std::size_t(a)] > 1;
        box.lo[a] = b.lo[std::size_t(a)] - (split ? width : 0);
        box.n[a] = b.n[std::size_t(a)] + (split ? 2 * width : 0);
    }
    return box;
}

template <class Real>
class PaddedHaloExchange {
   public:
    /// ConfigError when a block is thinner than `width` along an axis split between ranks: its
    /// halo would need cells of the rank beyond the neighbour.
    PaddedHaloExchange(const Comm& comm, const Block& b, const Grid& g, int width, Backend where);

    /// Fills the `width` layers around this rank's block of `field` (storage().cells() values on
    /// the backend) from the ranks across its faces, and sends them theirs. Collective over
    /// neighbours: every rank calls it.
    void exchange(const Context& ctx, Real* field);
    /// The cells stored per rank: padded_box(block, width).
    const CellBox& storage() const { return m_storage; }

   private:
    /// The layers of axis `axis` on side `side` (0 lower, 1 upper) that this rank sends
    /// (inside its block) or receives (outside it).
    CellBox layers(int axis, int side, bool inside) const;

    /// One face's layers: packed for sending, received, and their pinned host copies when staged.
    struct Layers {
        Buffer<Real> send, recv;
        std::unique_ptr<detail::PinnedSlot> host_send, host_recv;
    };

    const Comm& m_comm;
    Block m_block;
    int m_width;
    CellBox m_storage;
    Backend m_where;
    bool m_stage;  // the GPU without CUDA-aware MPI: through pinned host memory
    Layers m_faces[3][2];
};
}  // namespace simt::stencils
