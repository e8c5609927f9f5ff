// SPDX-License-Identifier: MIT
#include "md/decomposition.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/stencils/decomposition.hpp>

namespace simt::md {
namespace {
constexpr const char* axis_names = "xyz";

/// Sends `out` to rank `to` while receiving from rank `from` (sizes first). Collective pairwise.
template <class T>
std::vector<T> swap_with(const Comm& ranks, const std::vector<T>& out, int to, int from, int tag) {
    std::int64_t count = std::int64_t(out.size()), incoming = 0;
    ranks.sendrecv(&count, sizeof count, to, &incoming, sizeof incoming, from, tag);
    std::vector<T> in(static_cast<std::size_t>(incoming));
    ranks.sendrecv(out.data(), out.size() * sizeof(T), to, in.data(), in.size() * sizeof(T), from, tag + 1);
    return in;
}

/// The rank grid: the requested counts checked against r_list, the free axes chosen by the
/// grid decomposition's rule for cells of width r_list (so that no sub-box is thinner).
std::array<int, 3> rank_grid(int ranks, const std::array<double, 3>& box, double r_list,
                             const std::array<int, 3>& requested) {
    std::array<int, 3> slabs{};
    for (std::size_t a = 0; a < 3; ++a) {
        slabs[a] = std::max(1, int(std::floor(box[a] / r_list)));
        if (requested[a] > 0 && box[a] / requested[a] < r_list)
            throw ConfigError(fmt::format(
                "md: parallel.ranks_{} = {} cuts the box ({:.4g} sigma along {}) into sub-boxes {:.4g} sigma thick, "
                "thinner than r_cut + skin = {:.4g}; at most {} ranks fit along {}",
                axis_names[a], requested[a], box[a], axis_names[a], box[a] / requested[a], r_list, slabs[a],
                axis_names[a]));
    }
    const stencils::Grid cells{slabs[0], slabs[1], slabs[2], box[0], box[1], box[2]};
    try {
        return stencils::choose_rank_grid(ranks, cells, requested);
    } catch (const ConfigError& e) {
        throw ConfigError(fmt::format(
            "md: {} ranks do not split the box {:.4g} x {:.4g} x {:.4g} sigma into sub-boxes at least r_cut + skin "
            "= {:.4g} thick (at most {} x {} x {} ranks along x, y, z): {}",
            ranks, box[0], box[1], box[2], r_list, slabs[0], slabs[1], slabs[2], e.what()));
    }
}
}  // namespace

Decomposition::Decomposition(const Comm& ranks, const std::array<double, 3>& box, double r_list,
                             const std::array<int, 3>& requested)
    : m_ranks(ranks), m_box(box), m_reach(r_list * (1 + 1e-9)) {
    m_dims = rank_grid(ranks.size(), box, r_list, requested);
    const int r = ranks.rank();
    m_coord = {r % m_dims[0], r / m_dims[0] % m_dims[1], r / m_dims[0] / m_dims[1]};
    for (std::size_t a = 0; a < 3; ++a)
        for (int side = 0; side < 2; ++side) {
            std::array<int, 3> c = m_coord;
            c[a] = (c[a] + (side == 0 ? -1 : 1) + m_dims[a]) % m_dims[a];
            m_neighbor[a][std::size_t(side)] = c[0] + m_dims[0] * (c[1] + m_dims[1] * c[2]);
        }
}

int Decomposition::coord_of(int axis, double x) const {
    const auto a = std::size_t(axis);
    const int c = int(std::floor(x * m_dims[a] / m_box[a]));
    return std::clamp(c, 0, m_dims[a] - 1);
}

bool Decomposition::owns(const double (&x)[3]) const {
    for (int a = 0; a < 3; ++a)
        if (coord_of(a, x[a]) != m_coord[std::size_t(a)]) return false;
    return true;
}

void Decomposition::migrate(std::vector<ParticleRecord>& owned) const {
    for (int a = 0; a < 3; ++a) {
        const auto axis = std::size_t(a);
        const int d = m_dims[axis], mine = m_coord[axis];
        if (d == 1) continue;
        std::vector<ParticleRecord> stay, leave[2];  // leave[side]: toward the lower / upper rank
        for (const ParticleRecord& p : owned) {
            const int c = coord_of(a, p.reference[a]);
            if (c == mine) {
                stay.push_back(p);
                continue;
            }
            const int up = (c - mine + d) % d;
            leave[up <= d / 2 ? 1 : 0].push_back(p);
        }
        for (int side = 0; side < 2; ++side) {
            const auto& across = m_neighbor[axis];
            for (const ParticleRecord& p : swap_with(m_ranks, leave[side], across[std::size_t(side)],
                                                     across[std::size_t(1 - side)], 100 + 4 * a + 2 * side)) {
                if (coord_of(a, p.reference[a]) != mine)
                    throw Error(fmt::format(
                        "md: particle {} moved more than one sub-box along {} between two neighbour-list builds "
                        "(lower neighbor.check_every or integrator.dt)",
                        p.id, axis_names[a]));
                stay.push_back(p);
            }
        }
        owned = std::move(stay);
    }
}

std::vector<ParticleRecord> Decomposition::collect_ghosts(const std::vector<ParticleRecord>& owned) {
    m_routes.clear();
    std::vector<ParticleRecord> ghosts;
    // Ids present on this rank, owned or ghost: a particle arriving twice (both faces of an axis
    // of two ranks) is kept once.
    std::vector<std::int32_t> present;
    for (const ParticleRecord& p : owned) present.push_back(p.id);
    std::sort(present.begin(), present.end());
    const auto local = [&](std::size_t slot) -> const ParticleRecord& {
        return slot < owned.size() ? owned[slot] : ghosts[slot - owned.size()];
    };
    for (int a = 0; a < 3; ++a) {
        const auto axis = std::size_t(a);
        if (m_dims[axis] == 1) continue;
        const double lo = m_box[axis] * m_coord[axis] / m_dims[axis];
        const double hi = m_box[axis] * (m_coord[axis] + 1) / m_dims[axis];
        // This stage sends what the earlier stages brought too, so edges and corners arrive.
        const std::size_t candidates = owned.size() + ghosts.size();
        std::vector<ParticleRecord> arrived;
        for (int side = 0; side < 2; ++side) {
            Route route{m_neighbor[axis][std::size_t(side)],
                        m_neighbor[axis][std::size_t(1 - side)],
                        200 + 4 * a + 2 * side,
                        {},
                        {}};
            std::vector<ParticleRecord> out;
            for (std::size_t slot = 0; slot < candidates; ++slot) {
                const double x = local(slot).reference[a];
                if (side == 0 ? x - lo < m_reach : hi - x < m_reach) {
                    route.send.push_back(std::int32_t(slot));
                    out.push_back(local(slot));
                }
            }
            for (const ParticleRecord& p : swap_with(m_ranks, out, route.to, route.from, route.tag)) {
                const auto at = std::lower_bound(present.begin(), present.end(), p.id);
                if (at != present.end() && *at == p.id) {
                    route.receive.push_back(-1);
                    continue;
                }
                present.insert(at, p.id);
                route.receive.push_back(std::int32_t(candidates + arrived.size()));
                arrived.push_back(p);
            }
            m_routes.push_back(std::move(route));
        }
        ghosts.insert(ghosts.end(), arrived.begin(), arrived.end());
    }
    return ghosts;
}

void Decomposition::refresh_ghosts(double* x, std::size_t stride) const {
    for (const Route& route : m_routes) {
        std::vector<double> out(3 * route.send.size());
        for (std::size_t k = 0; k < route.send.size(); ++k)
            for (std::size_t a = 0; a < 3; ++a) out[3 * k + a] = x[a * stride + std::size_t(route.send[k])];
        std::vector<double> in(3 * route.receive.size());
        m_ranks.sendrecv(out.data(), out.size() * sizeof(double), route.to, in.data(), in.size() * sizeof(double),
                         route.from, route.tag);
        for (std::size_t k = 0; k < route.receive.size(); ++k) {
            if (route.receive[k] < 0) continue;
            for (std::size_t a = 0; a < 3; ++a) x[a * stride + std::size_t(route.receive[k])] = in[3 * k + a];
        }
    }
}

template <class T>
void Decomposition::return_ghost_sums(T* f, int components, std::size_t slot_stride,
                                      std::size_t component_stride) const {
    const auto width = std::size_t(components);
    const auto at = [&](std::int32_t slot, std::size_t c) -> T& {
        return f[c * component_stride + std::size_t(slot) * slot_stride];
    };
    for (auto route = m_routes.rbegin(); route != m_routes.rend(); ++route) {
        // A copy that arrived twice was dropped: its second route carries nothing back.
        std::vector<T> out(width * route->receive.size(), T(0));
        for (std::size_t k = 0; k < route->receive.size(); ++k)
            if (route->receive[k] >= 0)
                for (std::size_t c = 0; c < width; ++c) out[width * k + c] = at(route->receive[k], c);
        std::vector<T> in(width * route->send.size());
        m_ranks.sendrecv(out.data(), out.size() * sizeof(T), route->from, in.data(), in.size() * sizeof(T), route->to,
                         route->tag + 1000);
        for (std::size_t k = 0; k < route->send.size(); ++k)
            for (std::size_t c = 0; c < width; ++c) at(route->send[k], c) += in[width * k + c];
    }
}

template void Decomposition::return_ghost_sums(float*, int, std::size_t, std::size_t) const;
template void Decomposition::return_ghost_sums(double*, int, std::size_t, std::size_t) const;
}  // namespace simt::md
