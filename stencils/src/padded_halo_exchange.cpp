// SPDX-License-Identifier: MIT
// Compiled as CUDA in CUDA builds (simt_device_sources): it packs layers with for_each. No MPI
// header here: the messages go through Comm (core/src/comm.cpp, host only).
#include <simt/stencils/padded_halo_exchange.hpp>

#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/memory.hpp>

namespace simt::stencils {
/// Copies the cells of `box` (global indices within `storage`) between the padded `field` and
/// the packed `layer` (x fastest over the box).
template <class Real>
void copy_layers(const Context& ctx, const char* label, const CellBox& box, const CellBox& storage, Real* field,
                 Real* layer, bool pack) {
    const int x0 = box.lo[0] - storage.lo[0], y0 = box.lo[1] - storage.lo[1], z0 = box.lo[2] - storage.lo[2];
    const int n0 = box.n[0], n1 = box.n[1], sx = storage.n[0], sy = storage.n[1];
    const Kernel kernel(label, 2.0 * sizeof(Real) * double(box.cells()));
    for_each(ctx, kernel, Range<3>{box.n[0], box.n[1], box.n[2]}, SIMT_LAMBDA(int i, int j, int k) {
        const Index cell = (x0 + i) + Index(sx) * ((y0 + j) + Index(sy) * (z0 + k));
        const Index at = i + Index(n0) * (j + Index(n1) * k);
        if (pack) {
            layer[at] = field[cell];
        } else {
            field[cell] = layer[at];
        }
    });
}

template <class Real>
PaddedHaloExchange<Real>::PaddedHaloExchange(const Comm& comm, const Block& b, const Grid& g, int width, Backend where)
    : m_comm(comm),
      m_block(b),
      m_width(width),
      m_storage(padded_box(b, width)),
      m_where(where),
      m_stage(where == Backend::Cuda && !comm.device_aware()) {
    const int cells[3] = {g.nx, g.ny, g.nz};
    for (int a = 0; a < 3; ++a) {
        // The thinnest block along the axis: the last ones (the first n % d take one more).
        const int thinnest = cells[a] / b.dims[std::size_t(a)];
        if (b.dims[std::size_t(a)] > 1 && thinnest < width)
            throw ConfigError(fmt::format(
                "parallel: {} ranks along {} leave blocks of {} cell{} there, thinner than the {} cells the "
                "stencils reach across a block's face; use fewer ranks along {} (parallel.ranks_{})",
                b.dims[std::size_t(a)], "xyz"[a], thinnest, thinnest == 1 ? "" : "s", width, "xyz"[a], "xyz"[a]));
    }
    for (int a = 0; a < 3; ++a)
        for (int side = 0; side < 2; ++side) {
            if (m_block.neighbor[std::size_t(a)][std::size_t(side)] < 0 || m_block.dims[std::size_t(a)] == 1) continue;
            const std::size_t n = std::size_t(layers(a, side, true).cells());
            Layers& face = m_faces[a][side];
            face.send = Buffer<Real>(where, n);
            face.recv = Buffer<Real>(where, n);
            if (m_stage) {
                face.host_send = std::make_unique<detail::PinnedSlot>(where, n * sizeof(Real));
                face.host_recv = std::make_unique<detail::PinnedSlot>(where, n * sizeof(Real));
            }
        }
}

template <class Real>
CellBox PaddedHaloExchange<Real>::layers(int axis, int side, bool inside) const {
    CellBox box;
    for (int b = 0; b < 3; ++b) {
        const std::size_t s = std::size_t(b);
        box.lo[b] = m_block.lo[s];
        box.n[b] = m_block.n[s];
        if (b == axis) {
            box.n[b] = m_width;
            if (side == 0) box.lo[b] = inside ? m_block.lo[s] : m_block.lo[s] - m_width;
            if (side == 1) box.lo[b] = m_block.lo[s] + m_block.n[s] - (inside ? m_width : 0);
        } else if (b < axis) {  // the halos this axis's layers carry along the axes done before
            for (int across = 0; across < 2; ++across) {
                if (m_block.dims[s] == 1 || m_block.neighbor[s][std::size_t(across)] < 0) continue;
                box.n[b] += m_width;
                if (across == 0) box.lo[b] -= m_width;
            }
        }
    }
    return box;
}

template <class Real>
void PaddedHaloExchange<Real>::exchange(const Context& ctx, Real* field) {
    for (int a = 0; a < 3; ++a) {
        if (m_block.dims[std::size_t(a)] == 1) continue;  // held whole: the stencil wraps within the block
        for (int side = 0; side < 2; ++side)
            if (m_faces[a][side].send.size())
                copy_layers(ctx, "halo.pack.layers", layers(a, side, true), m_storage, field,
                            m_faces[a][side].send.data(), true);
        ctx.synchronize();
        for (int side = 0; side < 2; ++side) {
            // My lower layers go to the rank below, which keeps them as its upper halo, and so on.
            Layers& out = m_faces[a][side];
            Layers& in = m_faces[a][1 - side];
            const std::size_t bytes_out = out.send.size() * sizeof(Real), bytes_in = in.recv.size() * sizeof(Real);
            if (bytes_out == 0 && bytes_in == 0) continue;
            const void* send = bytes_out ? out.send.data() : nullptr;
            void* recv = bytes_in ? in.recv.data() : nullptr;
            if (m_stage) {
                if (send) {
                    detail::copy_bytes(out.host_send->data(), Backend::Cpu, send, m_where, bytes_out);
                    send = out.host_send->data();
                }
                if (recv) recv = in.host_recv->data();
            }
            const auto& across = m_block.neighbor[std::size_t(a)];
            m_comm.sendrecv(send, bytes_out, bytes_out ? across[std::size_t(side)] : -1, recv, bytes_in,
                            bytes_in ? across[std::size_t(1 - side)] : -1, 2 * a + side);
            if (m_stage && bytes_in)
                detail::copy_bytes(in.recv.data(), m_where, in.host_recv->data(), Backend::Cpu, bytes_in);
        }
        for (int side = 0; side < 2; ++side)
            if (m_faces[a][side].recv.size())
                copy_layers(ctx, "halo.unpack.layers", layers(a, side, false), m_storage, field,
                            m_faces[a][side].recv.data(), false);
        ctx.synchronize();
    }
}

template class PaddedHaloExchange<float>;
template class PaddedHaloExchange<double>;
}  // namespace simt::stencils
