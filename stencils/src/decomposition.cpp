// SPDX-License-Identifier: MIT
#include <simt/stencils/decomposition.hpp>

#include <algorithm>
#include <limits>
#include <fmt/format.h>
#include <simt/core/error.hpp>

namespace simt::stencils {
namespace {
constexpr const char* axis_names = "xyz";

std::array<int, 3> cells_of(const Grid& g) { return {g.nx, g.ny, g.nz}; }
}  // namespace

std::array<int, 3> choose_rank_grid(int ranks, const Grid& g, const std::array<int, 3>& requested) {
    SIMT_REQUIRE(ranks >= 1, "decomposition: the number of ranks must be >= 1");
    const std::array<int, 3> cells = cells_of(g);
    const auto fixed = [&](int a) { return requested[std::size_t(a)] > 0; };
    for (int a = 0; a < 3; ++a)
        if (fixed(a) && requested[std::size_t(a)] > cells[std::size_t(a)])
            throw ConfigError(fmt::format("parallel.ranks_{} = {} is more ranks than the grid's {} cells along {}",
                                          axis_names[a], requested[std::size_t(a)], cells[std::size_t(a)],
                                          axis_names[a]));
    // Every factorisation ranks = a * b * c that keeps the fixed counts and at least one cell per
    // rank; the one cutting the fewest faces wins (ties: more ranks along the slower axes).
    std::array<int, 3> best{0, 0, 0};
    double best_cut = std::numeric_limits<double>::infinity();
    for (int a = 1; a <= ranks; ++a) {
        if (ranks % a) continue;
        for (int b = 1; b <= ranks / a; ++b) {
            if ((ranks / a) % b) continue;
            const std::array<int, 3> d{a, b, ranks / a / b};
            bool ok = true;
            for (int x = 0; x < 3; ++x) {
                const int want = fixed(x) ? requested[std::size_t(x)] : d[std::size_t(x)];
                ok = ok && want == d[std::size_t(x)] && d[std::size_t(x)] <= cells[std::size_t(x)];
            }
            if (!ok) continue;
            const double cut =
                double(d[0] - 1) * g.ny * g.nz + double(d[1] - 1) * g.nx * g.nz + double(d[2] - 1) * g.nx * g.ny;
            if (cut < best_cut) best_cut = cut, best = d;  // the first of equals: fewer ranks along x
        }
    }
    if (best[0] == 0)
        throw ConfigError(fmt::format(
            "parallel: no rank grid of {} ranks fits the grid {} x {} x {}{}: each axis "
            "needs at least one cell per rank{}",
            ranks, g.nx, g.ny, g.nz,
            fixed(0) || fixed(1) || fixed(2)
                ? fmt::format(" with parallel.ranks_x, _y, _z = {}, {}, {}", requested[0], requested[1], requested[2])
                : "",
            fixed(0) || fixed(1) || fixed(2) ? " and the fixed counts must multiply to the "
                                               "number of ranks (0 leaves an axis free)"
                                             : ""));
    return best;
}

Block block_of(const Grid& g, const std::array<int, 3>& dims, int rank, const std::array<bool, 3>& periodic) {
    const std::array<int, 3> cells = cells_of(g);
    SIMT_REQUIRE(rank >= 0 && rank < dims[0] * dims[1] * dims[2], "decomposition: rank outside the rank grid");
    Block b;
    b.dims = dims;
    b.coord = {rank % dims[0], rank / dims[0] % dims[1], rank / dims[0] / dims[1]};
    const auto rank_at = [&](std::array<int, 3> c) { return c[0] + dims[0] * (c[1] + dims[1] * c[2]); };
    for (std::size_t a = 0; a < 3; ++a) {
        const int d = dims[a], c = b.coord[a], base = cells[a] / d, extra = cells[a] % d;
        b.n[a] = base + (c < extra ? 1 : 0);
        b.lo[a] = c * base + (c < extra ? c : extra);
        for (int side = 0; side < 2; ++side) {
            std::array<int, 3> across = b.coord;
            across[a] += side == 0 ? -1 : 1;
            if (across[a] < 0 || across[a] >= d) {
                if (!periodic[a]) continue;
                across[a] = (across[a] + d) % d;
            }
            b.neighbor[a][std::size_t(side)] = rank_at(across);
        }
    }
    return b;
}

Faces block_faces(const Faces& domain, const Block& b) {
    Faces f = domain;
    for (int a = 0; a < 3; ++a) {
        if (!b.on_domain_face(a, 0)) f.lo[a] = Face{BoundaryType::Periodic, 0};
        if (!b.on_domain_face(a, 1)) f.hi[a] = Face{BoundaryType::Periodic, 0};
    }
    return f;
}
}  // namespace simt::stencils

namespace simt::stencils {
namespace {
/// Calls f(block offset, whole-field offset, cells) for each x row of block b.
template <class F>
void for_rows(const Grid& g, const Block& b, F f) {
    for (int k = 0; k < b.n[2]; ++k)
        for (int j = 0; j < b.n[1]; ++j) {
            const std::size_t at = std::size_t(b.n[0]) * (std::size_t(j) + std::size_t(b.n[1]) * std::size_t(k));
            const std::size_t whole =
                std::size_t(b.lo[0]) +
                std::size_t(g.nx) * (std::size_t(b.lo[1] + j) + std::size_t(g.ny) * std::size_t(b.lo[2] + k));
            f(at, whole, std::size_t(b.n[0]));
        }
}

}  // namespace

template <class Real>
std::vector<Real> gather_blocks(const Comm& comm, const Grid& g, const Block& mine, const std::vector<Real>& block) {
    SIMT_REQUIRE(block.size() == std::size_t(mine.cells()), "gather_blocks: the block's size is not its cells'");
    const std::vector<unsigned char> bytes = comm.gather(block.data(), block.size() * sizeof(Real));
    if (!comm.root()) return {};
    std::vector<Real> whole(std::size_t(g.cells()));
    const Real* from = reinterpret_cast<const Real*>(bytes.data());
    for (int r = 0; r < comm.size(); ++r) {
        // Only where the blocks lie matters here, not who their neighbours are.
        const Block b = block_of(g, mine.dims, r, {false, false, false});
        paste_block(g, b, from, whole.data());
        from += b.cells();
    }
    return whole;
}

template <class Real>
std::vector<Real> scatter_blocks(const Comm& comm, const Grid& g, const Block& mine, const Real* whole) {
    std::vector<Real> block(std::size_t(mine.cells()));
    PendingMessages pending;
    constexpr int tag = 40;
    if (comm.root()) {
        std::vector<std::vector<Real>> parts(std::size_t(comm.size()));
        for (int r = 1; r < comm.size(); ++r) {
            parts[std::size_t(r)] = cut_block(g, block_of(g, mine.dims, r, {false, false, false}), whole);
            comm.isend(parts[std::size_t(r)].data(), parts[std::size_t(r)].size() * sizeof(Real), r, tag, pending);
        }
        block = cut_block(g, mine, whole);
        comm.wait_all(pending);
        return block;
    }
    comm.irecv(block.data(), block.size() * sizeof(Real), 0, tag, pending);
    comm.wait_all(pending);
    return block;
}

namespace {
/// The cells blocks a and b share, as a block (n 0 along some axis when none).
Block overlap(const Block& a, const Block& b) {
    Block o;
    for (std::size_t x = 0; x < 3; ++x) {
        o.lo[x] = std::max(a.lo[x], b.lo[x]);
        o.n[x] = std::max(0, std::min(a.lo[x] + a.n[x], b.lo[x] + b.n[x]) - o.lo[x]);
    }
    return o;
}
/// Calls f(index in `in`'s block, index in the overlap) for each cell of overlap o of block `in`.
template <class F>
void for_overlap(const Block& in, const Block& o, F f) {
    std::size_t at = 0;
    for (int k = 0; k < o.n[2]; ++k)
        for (int j = 0; j < o.n[1]; ++j)
            for (int i = 0; i < o.n[0]; ++i, ++at) {
                const std::size_t x = std::size_t(o.lo[0] - in.lo[0] + i), y = std::size_t(o.lo[1] - in.lo[1] + j),
                                  z = std::size_t(o.lo[2] - in.lo[2] + k);
                f(x + std::size_t(in.n[0]) * (y + std::size_t(in.n[1]) * z), at);
            }
}
}  // namespace

template <class Real>
std::vector<Real> redistribute(const Comm& comm, const Grid& g, const std::array<int, 3>& from,
                               const std::array<int, 3>& to, const std::vector<Real>& mine) {
    constexpr std::array<bool, 3> plain{false, false, false};
    const Block have = block_of(g, from, comm.rank(), plain), want = block_of(g, to, comm.rank(), plain);
    SIMT_REQUIRE(mine.size() == std::size_t(have.cells()), "redistribute: the block's size is not its cells'");
    const std::size_t ranks = std::size_t(comm.size());
    std::vector<std::size_t> send_bytes(ranks), recv_bytes(ranks);
    std::vector<Real> send, recv;
    for (int r = 0; r < comm.size(); ++r) {
        const Block out = overlap(have, block_of(g, to, r, plain)), in = overlap(want, block_of(g, from, r, plain));
        for_overlap(have, out, [&](std::size_t cell, std::size_t) { send.push_back(mine[cell]); });
        send_bytes[std::size_t(r)] = std::size_t(out.cells()) * sizeof(Real);
        recv_bytes[std::size_t(r)] = std::size_t(in.cells()) * sizeof(Real);
    }
    std::size_t total = 0;
    for (std::size_t b : recv_bytes) total += b / sizeof(Real);
    recv.resize(total);
    comm.alltoallv(send.data(), send_bytes, recv.data(), recv_bytes);
    std::vector<Real> block(std::size_t(want.cells()));
    const Real* from_rank = recv.data();
    for (int r = 0; r < comm.size(); ++r) {
        const Block in = overlap(want, block_of(g, from, r, plain));
        for_overlap(want, in, [&](std::size_t cell, std::size_t at) { block[cell] = from_rank[at]; });
        from_rank += in.cells();
    }
    return block;
}

template <class Real>
std::vector<Real> cut_block(const Grid& g, const Block& b, const Real* whole) {
    std::vector<Real> block(std::size_t(b.cells()));
    for_rows(g, b, [&](std::size_t at, std::size_t from, std::size_t n) { std::copy_n(whole + from, n, &block[at]); });
    return block;
}

template <class Real>
void paste_block(const Grid& g, const Block& b, const Real* block, Real* whole) {
    for_rows(g, b, [&](std::size_t at, std::size_t to, std::size_t n) { std::copy_n(block + at, n, whole + to); });
}

template std::vector<float> gather_blocks(const Comm&, const Grid&, const Block&, const std::vector<float>&);
template std::vector<double> gather_blocks(const Comm&, const Grid&, const Block&, const std::vector<double>&);
template std::vector<float> scatter_blocks(const Comm&, const Grid&, const Block&, const float*);
template std::vector<double> scatter_blocks(const Comm&, const Grid&, const Block&, const double*);
template std::vector<float> redistribute(const Comm&, const Grid&, const std::array<int, 3>&, const std::array<int, 3>&,
                                         const std::vector<float>&);
template std::vector<double> redistribute(const Comm&, const Grid&, const std::array<int, 3>&,
                                          const std::array<int, 3>&, const std::vector<double>&);
template std::vector<float> cut_block(const Grid&, const Block&, const float*);
template std::vector<double> cut_block(const Grid&, const Block&, const double*);
template void paste_block(const Grid&, const Block&, const float*, float*);
template void paste_block(const Grid&, const Block&, const double*, double*);
}  // namespace simt::stencils
