// SPDX-License-Identifier: MIT
// Compiled as CUDA in CUDA builds (simt_device_sources): it packs faces with for_each. No MPI
// header here: the messages go through Comm (core/src/comm.cpp, host only).
#include <simt/stencils/halo_exchange.hpp>

#include <array>

#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/memory.hpp>

namespace simt::stencils {
/// Copies the layer `at` of axis `axis` of u into `plane` (halo_index order).
template <class Real>
void pack_face(const Context& ctx, View<const Real, 3> u, int axis, int at, Real* plane) {
    const Index n[3] = {u.extent[0], u.extent[1], u.extent[2]};
    const Range<2> r = axis == 0   ? Range<2>{int(n[1]), int(n[2])}
                       : axis == 1 ? Range<2>{int(n[0]), int(n[2])}
                                   : Range<2>{int(n[0]), int(n[1])};
    const Kernel kernel("halo.pack.face", 2.0 * sizeof(Real) * double(r.size()));
    for_each(ctx, kernel, r, SIMT_LAMBDA(int a, int b) {
        const int i = axis == 0 ? at : a;
        const int j = axis == 0 ? a : axis == 1 ? at : b;
        const int k = axis == 2 ? at : b;
        plane[halo_index(axis, i, j, k, n)] = u(i, j, k);
    });
}
/// The components a bit mask names, in increasing order (a kernel argument).
struct ComponentList {
    int count = 0;
    int index[32] = {};
};
inline ComponentList components_in(std::uint32_t mask, int components) {
    ComponentList list;
    for (int c = 0; c < components && c < 32; ++c)
        if (mask >> c & 1u) list.index[list.count++] = c;
    return list;
}

/// Copies the components `which` of layer `at` of axis `axis` of the multi-component field u
/// into `plane` (the two other axes, the lower one fastest, then the component), or back from
/// it (`into_field`).
template <class Real>
void copy_layer(const Context& ctx, View<Real, 4> u, int axis, int at, Real* plane, bool into_field,
                ComponentList which) {
    const Index n[3] = {u.extent[0], u.extent[1], u.extent[2]};
    const Index layer = axis == 0 ? n[1] * n[2] : axis == 1 ? n[0] * n[2] : n[0] * n[1];
    const Range<3> r = axis == 0   ? Range<3>{int(n[1]), int(n[2]), which.count}
                       : axis == 1 ? Range<3>{int(n[0]), int(n[2]), which.count}
                                   : Range<3>{int(n[0]), int(n[1]), which.count};
    const Kernel kernel(into_field ? "halo.unpack.layer" : "halo.pack.layer", 2.0 * sizeof(Real) * double(r.size()));
    for_each(ctx, kernel, r, SIMT_LAMBDA(int a, int b, int slot) {
        const int i = axis == 0 ? at : a;
        const int j = axis == 0 ? a : axis == 1 ? at : b;
        const int k = axis == 2 ? at : b;
        const int c = which.index[slot];
        Real& in_plane = plane[halo_index(axis, i, j, k, n) + layer * slot];
        if (into_field)
            u(i, j, k, c) = in_plane;
        else
            in_plane = u(i, j, k, c);
    });
}

/// Copies the components `which` of the cells `box` of the multi-component field u into
/// `values` (x fastest, then y, z and the component), or back from it (`into_field`).
template <class Real>
void copy_box(const Context& ctx, View<Real, 4> u, const CellBox& box, Real* values, bool into_field,
              ComponentList which) {
    const int lo[3] = {box.lo[0], box.lo[1], box.lo[2]}, n[3] = {box.n[0], box.n[1], box.n[2]};
    const Range<3> r{n[0], n[1], n[2] * which.count};
    const Kernel kernel(into_field ? "halo.unpack.box" : "halo.pack.box", 2.0 * sizeof(Real) * double(r.size()));
    for_each(ctx, kernel, r, SIMT_LAMBDA(int i, int j, int kc) {
        const int k = kc % n[2], c = which.index[kc / n[2]];
        Real& value = values[i + Index(n[0]) * (j + Index(n[1]) * kc)];
        if (into_field)
            u(lo[0] + i, lo[1] + j, lo[2] + k, c) = value;
        else
            value = u(lo[0] + i, lo[1] + j, lo[2] + k, c);
    });
}

/// The tag of a start_layers() message sent in direction d: apart from exchange()'s 0 to 5.
inline int layer_tag(const std::array<int, 3>& d) { return 8 + (d[0] + 1) + 3 * (d[1] + 1) + 9 * (d[2] + 1); }

template <class Real>
HaloExchange<Real>::HaloExchange(const Comm& comm, const Block& b, Backend where)
    : m_comm(comm), m_block(b), m_where(where), m_stage(where == Backend::Cuda && !comm.device_aware()) {
    for (int a = 0; a < 3; ++a)
        for (int side = 0; side < 2; ++side)
            if (exchanged(a, side)) allocate(a, side, plane_cells(a));
}

template <class Real>
HaloExchange<Real>::HaloExchange(const Comm& comm, const Block& b, Backend where, int components)
    : m_comm(comm), m_block(b), m_where(where), m_stage(where == Backend::Cuda && !comm.device_aware()) {
    SIMT_REQUIRE(components >= 1 && components <= 32, "HaloExchange: 1 to 32 components (LayerComponents' bits)");
    for (int a = 0; a < 3; ++a)
        for (int side = 0; side < 2; ++side)
            if (exchanged(a, side)) allocate(a, side, layer_values(a, components));
    plan_layer_messages(components);
}

template <class Real>
void HaloExchange<Real>::plan_layer_messages(int components) {
    const std::array<int, 3> g = m_block.grown();
    for (int dz = -1; dz <= 1; ++dz)
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                const std::array<int, 3> d{dx, dy, dz};
                const int rank = m_block.neighbor_toward(d);
                if (d == std::array<int, 3>{0, 0, 0} || rank < 0) continue;
                LayerMessage m;
                m.toward = d;
                m.rank = rank;
                for (std::size_t a = 0; a < 3; ++a) {
                    const int own = int(m_block.shares_face(int(a), 0)), n = m_block.n[a];
                    // Along an axis the direction does not cross: all the block's cells.
                    m.send.lo[a] = d[a] < 0 ? own : d[a] > 0 ? own + n - 1 : own;
                    m.recv.lo[a] = d[a] < 0 ? 0 : d[a] > 0 ? g[a] - 1 : own;
                    m.send.n[a] = m.recv.n[a] = d[a] == 0 ? n : 1;
                }
                const std::size_t values = std::size_t(m.send.cells()) * std::size_t(components);
                m.send_values = Buffer<Real>(m_where, values);
                m.recv_values = Buffer<Real>(m_where, values);
                if (m_stage) {
                    m.host_send = std::make_unique<detail::PinnedSlot>(m_where, values * sizeof(Real));
                    m.host_recv = std::make_unique<detail::PinnedSlot>(m_where, values * sizeof(Real));
                }
                m_layer_messages.push_back(std::move(m));
            }
}

template <class Real>
void HaloExchange<Real>::allocate(int a, int side, std::size_t values) {
    m_send[a][side] = Buffer<Real>(m_where, values);
    m_recv[a][side] = Buffer<Real>(m_where, values);
    if (m_stage) {
        m_host_send[a][side] = std::make_unique<detail::PinnedSlot>(m_where, values * sizeof(Real));
        m_host_recv[a][side] = std::make_unique<detail::PinnedSlot>(m_where, values * sizeof(Real));
    }
}

template <class Real>
bool HaloExchange<Real>::exchanged(int axis, int side) const {
    return m_block.shares_face(axis, side);
}

template <class Real>
std::size_t HaloExchange<Real>::layer_values(int axis, int components) const {
    const std::array<int, 3> g = m_block.grown();
    std::size_t values = std::size_t(components);
    for (int b = 0; b < 3; ++b)
        if (b != axis) values *= std::size_t(g[std::size_t(b)]);
    return values;
}

template <class Real>
std::size_t HaloExchange<Real>::plane_cells(int axis) const {
    const auto& n = m_block.n;
    return axis == 0   ? std::size_t(n[1]) * std::size_t(n[2])
           : axis == 1 ? std::size_t(n[0]) * std::size_t(n[2])
                       : std::size_t(n[0]) * std::size_t(n[1]);
}

template <class Real>
bool HaloExchange<Real>::any_exchanged() const {
    bool any = false;
    for (int a = 0; a < 3; ++a) any = any || exchanged(a, 0) || exchanged(a, 1);
    return any;
}

template <class Real>
void HaloExchange<Real>::pack_faces(const Context& ctx, View<const Real, 3> u) {
    for (int a = 0; a < 3; ++a)
        for (int side = 0; side < 2; ++side)
            if (exchanged(a, side))
                pack_face(ctx, u, a, side == 0 ? 0 : m_block.n[std::size_t(a)] - 1, m_send[a][side].data());
    ctx.synchronize();
}

template <class Real>
void HaloExchange<Real>::exchange(const Context& ctx, View<const Real, 3> u) {
    if (!any_exchanged()) return;  // one rank: no wait for the device either
    pack_faces(ctx, u);
    for (int a = 0; a < 3; ++a)
        for (int side = 0; side < 2; ++side) swap(a, side, plane_cells(a) * sizeof(Real));
}

template <class Real>
void HaloExchange<Real>::exchange_layers(const Context& ctx, View<Real, 4> u, const LayerComponents& which) {
    const int components = int(u.extent[3]);
    for (int a = 0; a < 3; ++a) {
        if (!exchanged(a, 0) && !exchanged(a, 1)) continue;
        const int first = exchanged(a, 0) ? 1 : 0, last = int(u.extent[a]) - (exchanged(a, 1) ? 2 : 1);
        // What goes towards a side is what comes from the other one (the rank there sends it).
        const ComponentList toward[2] = {components_in(which.toward[a][0], components),
                                         components_in(which.toward[a][1], components)};
        for (int side = 0; side < 2; ++side)
            if (exchanged(a, side))
                copy_layer(ctx, u, a, side == 0 ? first : last, m_send[a][side].data(), false, toward[side]);
        ctx.synchronize();
        const std::size_t layer = m_send[a][exchanged(a, 0) ? 0 : 1].size() / std::size_t(components);
        for (int side = 0; side < 2; ++side) swap(a, side, layer * std::size_t(toward[side].count) * sizeof(Real));
        for (int side = 0; side < 2; ++side)
            if (exchanged(a, side))
                copy_layer(ctx, u, a, side == 0 ? 0 : int(u.extent[a]) - 1, m_recv[a][side].data(), true,
                           toward[1 - side]);
    }
}

template <class Real>
void HaloExchange<Real>::swap(int a, int to, std::size_t bytes) {
    // My lower face goes to the rank below, which keeps it as its upper halo, and so on.
    const int from = 1 - to;
    const int dest = exchanged(a, to) ? m_block.neighbor[std::size_t(a)][std::size_t(to)] : -1;
    const int source = exchanged(a, from) ? m_block.neighbor[std::size_t(a)][std::size_t(from)] : -1;
    if (dest < 0 && source < 0) return;
    const void* send = dest < 0 ? nullptr : m_send[a][to].data();
    void* recv = source < 0 ? nullptr : m_recv[a][from].data();
    if (m_stage) {
        if (send) {
            detail::copy_bytes(m_host_send[a][to]->data(), Backend::Cpu, send, m_where, bytes);
            send = m_host_send[a][to]->data();
        }
        if (recv) recv = m_host_recv[a][from]->data();
    }
    m_comm.sendrecv(send, send ? bytes : 0, dest, recv, recv ? bytes : 0, source, 2 * a + to);
    if (m_stage && source >= 0)
        detail::copy_bytes(m_recv[a][from].data(), m_where, m_host_recv[a][from]->data(), Backend::Cpu, bytes);
}

template <class Real>
void HaloExchange<Real>::start(const Context& ctx, View<const Real, 3> u) {
    if (!any_exchanged()) return;
    pack_faces(ctx, u);
    for (int a = 0; a < 3; ++a) {
        const std::size_t bytes = plane_cells(a) * sizeof(Real);
        for (int side = 0; side < 2; ++side) {
            if (!exchanged(a, side)) continue;
            const int across = m_block.neighbor[std::size_t(a)][std::size_t(side)];
            // The tags are exchange()'s: a face sent towards `side` carries 2 a + side, and the
            // layer coming from `side` was sent towards the other side by the rank there.
            void* recv = m_stage ? m_host_recv[a][side]->data() : m_recv[a][side].data();
            m_comm.irecv(recv, bytes, across, 2 * a + (1 - side), m_pending);
            const void* send = m_send[a][side].data();
            if (m_stage) {
                detail::copy_bytes(m_host_send[a][side]->data(), Backend::Cpu, send, m_where, bytes);
                send = m_host_send[a][side]->data();
            }
            m_comm.isend(send, bytes, across, 2 * a + side, m_pending);
        }
    }
}

template <class Real>
void HaloExchange<Real>::finish() {
    if (!any_exchanged()) return;
    m_comm.wait_all(m_pending);
    if (!m_stage) return;
    for (int a = 0; a < 3; ++a)
        for (int side = 0; side < 2; ++side)
            if (exchanged(a, side))
                detail::copy_bytes(m_recv[a][side].data(), m_where, m_host_recv[a][side]->data(), Backend::Cpu,
                                   plane_cells(a) * sizeof(Real));
}

template <class Real>
void HaloExchange<Real>::start_layers(const Context& ctx, View<Real, 4> u, const LayerComponents& which) {
    const int components = int(u.extent[3]);
    // The components that cross every face of direction d (towards its side of each axis it crosses).
    const auto crossing = [&](const std::array<int, 3>& d) {
        std::uint32_t set = ~0u;
        for (std::size_t a = 0; a < 3; ++a)
            if (d[a] != 0) set &= which.toward[a][d[a] < 0 ? 0 : 1];
        return set & (components >= 32 ? ~0u : (1u << components) - 1);
    };
    for (LayerMessage& m : m_layer_messages) {
        m.send_components = crossing(m.toward);
        m.recv_components = crossing({-m.toward[0], -m.toward[1], -m.toward[2]});  // what the rank there sends me
        if (m.send_components)
            copy_box(ctx, u, m.send, m.send_values.data(), false, components_in(m.send_components, components));
    }
    ctx.synchronize();
    for (LayerMessage& m : m_layer_messages) {
        const std::size_t cells = std::size_t(m.send.cells());
        if (m.recv_components) {
            const std::size_t bytes =
                cells * std::size_t(components_in(m.recv_components, components).count) * sizeof(Real);
            void* recv = m_stage ? m.host_recv->data() : m.recv_values.data();
            const std::array<int, 3> back{-m.toward[0], -m.toward[1], -m.toward[2]};
            m_comm.irecv(recv, bytes, m.rank, layer_tag(back), m_pending);
        }
        if (m.send_components) {
            const std::size_t bytes =
                cells * std::size_t(components_in(m.send_components, components).count) * sizeof(Real);
            const void* send = m.send_values.data();
            if (m_stage) {
                detail::copy_bytes(m.host_send->data(), Backend::Cpu, send, m_where, bytes);
                send = m.host_send->data();
            }
            m_comm.isend(send, bytes, m.rank, layer_tag(m.toward), m_pending);
        }
    }
}

template <class Real>
void HaloExchange<Real>::finish_layers(const Context& ctx, View<Real, 4> u) {
    if (m_layer_messages.empty()) return;
    m_comm.wait_all(m_pending);
    const int components = int(u.extent[3]);
    for (LayerMessage& m : m_layer_messages) {
        if (!m.recv_components) continue;
        const ComponentList list = components_in(m.recv_components, components);
        if (m_stage)
            detail::copy_bytes(m.recv_values.data(), m_where, m.host_recv->data(), Backend::Cpu,
                               std::size_t(m.recv.cells()) * std::size_t(list.count) * sizeof(Real));
        copy_box(ctx, u, m.recv, m.recv_values.data(), true, list);
    }
}

template <class Real>
FaceHalos<Real> HaloExchange<Real>::halos() const {
    FaceHalos<Real> h;
    for (int a = 0; a < 3; ++a) {
        if (exchanged(a, 0)) h.lo[a] = m_recv[a][0].data();
        if (exchanged(a, 1)) h.hi[a] = m_recv[a][1].data();
    }
    return h;
}

template class HaloExchange<float>;
template class HaloExchange<double>;
template class HaloExchange<std::uint16_t>;  // lbm populations stored as fp16
}  // namespace simt::stencils
