// SPDX-License-Identifier: MIT
#include <string>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/philox.hpp>
#include <simt/spins/checkerboard.hpp>

namespace simt::spins {
namespace {
// Bytes one half sweep moves: each updated site reads its neighbours (mostly cached) and
// itself and writes itself; count the site's own read and write, as a lower bound.
double half_sweep_bytes(const Lattice& lat) { return 2.0 * double(lat.half()); }

/// Any even L: a thread per group of four consecutive sites of the colour, which may span rows.
void ising_groups_half_sweep(const Context& ctx, const Kernel& kernel, const Lattice& lat, const IsingFlipTable& table,
                             std::uint8_t* s, std::uint64_t seed, std::uint64_t stream, int colour) {
    const Index half = lat.half();
    const int dim = lat.dim;
    for_each(ctx, kernel, Range<1>{(half + 3) / 4}, SIMT_LAMBDA(Index group) {
        const Philox4 r = philox_bits(seed, stream, std::uint64_t(group));
        // Unrolled, r.v[k] is a register, not a local-memory array, on the GPU.
        SIMT_UNROLL
        for (int k = 0; k < 4; ++k) {
            const Index idx = 4 * group + k;
            if (idx >= half) break;
            const Lattice::Site site = lat.colour_site(colour, idx);
            unsigned up = 0;
            for (int d = 0; d < 2 * dim; ++d) up += s[lat.neighbour(site, d)];
            const Index i = lat.index(site);
            const unsigned v = s[i];
            if (r.v[k] < table(dim, v, up)) s[i] = std::uint8_t(v ^ 1u);
        }
    });
}

/// L a multiple of 8: group g of colour c in row (y, z), the four sites of one Philox call; the
/// same draws as ising_groups_half_sweep. No division: the launch gives (g, y, z).
SIMT_INLINE void ising_row_group(const Lattice& lat, const IsingFlipTable& table, std::uint8_t* s, std::uint64_t seed,
                                 std::uint64_t stream, int colour, int g, int y, int z) {
    const int L = lat.L, dim = lat.dim;
    const Index row = y + Index(L) * z;
    const Philox4 r = philox_bits(seed, stream, std::uint64_t(row * (L / 8) + g));
    const Index plane = Index(L) * L;
    // Steps to the y and z neighbours, the same for the four sites.
    const Index y_down = y == 0 ? (L - 1) * Index(L) : -Index(L), y_up = y == L - 1 ? -(L - 1) * Index(L) : L;
    const Index z_down = z == 0 ? (L - 1) * plane : -plane, z_up = z == L - 1 ? -(L - 1) * plane : plane;
    const int first_x = 8 * g + ((y + z + colour) & 1);
    SIMT_UNROLL
    for (int k = 0; k < 4; ++k) {
        const int x = first_x + 2 * k;
        const Index i = Index(L) * row + x;
        unsigned up = s[x == 0 ? i + L - 1 : i - 1] + s[x == L - 1 ? i - (L - 1) : i + 1] + s[i + y_down] + s[i + y_up];
        if (dim == 3) up += s[i + z_down] + s[i + z_up];
        const unsigned v = s[i];
        if (r.v[k] < table(dim, v, up)) s[i] = std::uint8_t(v ^ 1u);
    }
}

/// L a multiple of 8: a row holds whole groups, a thread per group.
void ising_rows_half_sweep(const Context& ctx, const Kernel& kernel, const Lattice& lat, const IsingFlipTable& table,
                           std::uint8_t* s, std::uint64_t seed, std::uint64_t stream, int colour) {
    const int L = lat.L;
    for_each(ctx, kernel, Range<3>{L / 8, L, lat.dim == 3 ? L : 1}, SIMT_LAMBDA(int g, int y, int z) { ising_row_group(lat, table, s, seed, stream, colour, g, y, z); });
}

/// Every replica's groups of one colour in one launch: the launch's z runs over the replicas'
/// z planes (one each in 2-D).
void ising_replicas_half_sweep(const Context& ctx, const Kernel& kernel, const Lattice& lat,
                               const IsingFlipTable* tables, const std::uint64_t* seeds, std::uint8_t* const* spins,
                               int replicas, std::uint64_t stream, int colour) {
    const int L = lat.L, depth = lat.dim == 3 ? L : 1;
    for_each(ctx, kernel, Range<3>{L / 8, L, depth * replicas}, SIMT_LAMBDA(int g, int y, int zr) {
        const int r = zr / depth;
        ising_row_group(lat, tables[r], spins[r], seeds[r], stream, colour, g, y, zr - r * depth);
    });
}

void ising_half_sweep(const Context& ctx, const Lattice& lat, const IsingFlipTable& table, std::uint8_t* s,
                      std::uint64_t seed, std::uint64_t stream, int colour) {
    const Kernel kernel("spins.ising.checkerboard", half_sweep_bytes(lat));
    if (lat.L % 8 == 0) {
        ising_rows_half_sweep(ctx, kernel, lat, table, s, seed, stream, colour);
    } else {
        ising_groups_half_sweep(ctx, kernel, lat, table, s, seed, stream, colour);
    }
}

/// Metropolis: propose one of the other q - 1 states with draw 0, accept with draw 1.
struct PottsMetropolis {
    PottsAcceptTable table;
    int q;
    SIMT_INLINE int operator()(int dim, int now, const int* nb, const Philox4& r) const {
        const int next = (now + 1 + int(scale_draw(r.v[0], std::uint32_t(q - 1)))) % q;
        int dn = 0;
        for (int d = 0; d < 2 * dim; ++d) dn += int(nb[d] == next) - int(nb[d] == now);
        return r.v[1] < table(dim, dn, int(next == 0) - int(now == 0)) ? next : now;
    }
};

/// Heat bath: state k with probability weight(k) / sum, draws 0 and 1 as one 64-bit number.
struct PottsHeatBath {
    PottsWeightTable table;
    int q;
    SIMT_INLINE std::uint64_t weight(int dim, const int* nb, int k) const {
        int n = 0;
        for (int d = 0; d < 2 * dim; ++d) n += int(nb[d] == k);
        return table(n, int(k == 0));
    }
    SIMT_INLINE int operator()(int dim, int, const int* nb, const Philox4& r) const {
        std::uint64_t total = 0;
        for (int k = 0; k < q; ++k) total += weight(dim, nb, k);
        const std::uint64_t target = mul_high(std::uint64_t(r.v[0]) | (std::uint64_t(r.v[1]) << 32), total);
        std::uint64_t below = 0;
        for (int k = 0; k < q - 1; ++k) {
            below += weight(dim, nb, k);
            if (target < below) return k;
        }
        return q - 1;
    }
};

/// Threads of a block's half sweep, one per site of the colour: (h, y, z) for SpinBlock::colour_x.
Range<3> colour_sites(const SpinBlock& b) { return {(b.n[0] + 1) / 2, b.n[1], b.n[2]}; }

double half_block_bytes(const SpinBlock& b) { return double(b.owned()); }

/// The Metropolis or heat-bath decision for one Ising site of a block, given its draw.
struct IsingBlockFlip {
    SpinBlock b;
    IsingFlipTable table;
    std::uint8_t* s;
    SIMT_INLINE void operator()(int x, int y, int z, std::uint32_t draw) const {
        const int dim = b.lattice.dim;
        const Index i = b.at(x, y, z), sy = b.stride(1), sz = b.stride(2);
        unsigned up = s[i - 1] + s[i + 1] + s[i - sy] + s[i + sy];
        if (dim == 3) up += s[i - sz] + s[i + sz];
        const unsigned v = s[i];
        if (draw < table(dim, v, up)) s[i] = std::uint8_t(v ^ 1u);
    }
};

/// L a multiple of 8: a Philox group of four sites of a colour lies in one row, 8 sites wide, so
/// a thread takes one group that meets the block, makes its one call and updates the group's
/// sites inside the block. Otherwise groups span rows: a thread per site, each making its
/// group's call.
void ising_block_half_sweep(const Context& ctx, const SpinBlock& b, const IsingFlipTable& table, std::uint8_t* s,
                            std::uint64_t seed, std::uint64_t stream, int colour) {
    const int L = b.lattice.L;
    const IsingBlockFlip update{b, table, s};
    const Kernel kernel("spins.ising.checkerboard.block", half_block_bytes(b));
    if (L % 8 != 0) {
        for_each(ctx, kernel, colour_sites(b), SIMT_LAMBDA(int h, int y, int z) {
            const int x = b.colour_x(colour, h, y, z);
            if (x >= b.n[0]) return;
            const Index g = b.colour_index(x, y, z);
            update(x, y, z, philox_bits(seed, stream, std::uint64_t(g / 4)).v[g % 4]);
        });
        return;
    }
    const int lo_x = b.lo[0], nx = b.n[0], first_group = lo_x / 8;
    const int groups = (lo_x + nx - 1) / 8 - first_group + 1;
    for_each(ctx, kernel, Range<3>{groups, b.n[1], b.n[2]}, SIMT_LAMBDA(int j, int y, int z) {
        const Index row = (b.lo[1] + y) + Index(L) * (b.lo[2] + z);
        const Philox4 r = philox_bits(seed, stream, std::uint64_t(row * (L / 8) + first_group + j));
        const int first_x = 8 * (first_group + j) + ((b.lo[1] + y + b.lo[2] + z + colour) & 1) - lo_x;
        SIMT_UNROLL
        for (int k = 0; k < 4; ++k) {
            const int x = first_x + 2 * k;
            if (x >= 0 && x < nx) update(x, y, z, r.v[k]);
        }
    });
}

template <class Rule>
void potts_block_half_sweep(const Context& ctx, const char* label, const SpinBlock& b, Rule rule, std::uint8_t* s,
                            std::uint64_t seed, std::uint64_t stream, int colour) {
    const int dim = b.lattice.dim;
    for_each(ctx, Kernel(label, half_block_bytes(b)), colour_sites(b), SIMT_LAMBDA(int h, int y, int z) {
        const int x = b.colour_x(colour, h, y, z);
        if (x >= b.n[0]) return;
        const Philox4 r = philox_bits(seed, stream, std::uint64_t(b.colour_index(x, y, z)));
        const Index i = b.at(x, y, z);
        int nb[6] = {};
        for (int d = 0; d < 2 * dim; ++d) nb[d] = s[d & 1 ? i + b.stride(d / 2) : i - b.stride(d / 2)];
        s[i] = std::uint8_t(rule(dim, s[i], nb, r));
    });
}

/// One colour of Potts updates, one Philox call per site.
template <class Rule>
void potts_half_sweep(const Context& ctx, const char* label, const Lattice& lat, Rule rule, std::uint8_t* s,
                      std::uint64_t seed, std::uint64_t stream, int colour) {
    const int dim = lat.dim;
    for_each(ctx, Kernel(label, half_sweep_bytes(lat)), Range<1>{lat.half()}, SIMT_LAMBDA(Index idx) {
        const Philox4 r = philox_bits(seed, stream, std::uint64_t(idx));
        const Lattice::Site site = lat.colour_site(colour, idx);
        int nb[6] = {};
        for (int d = 0; d < 2 * dim; ++d) nb[d] = s[lat.neighbour(site, d)];
        const Index i = lat.index(site);
        s[i] = std::uint8_t(rule(dim, s[i], nb, r));
    });
}
}  // namespace

void checkerboard_sweep(const Context& ctx, const Lattice& lattice, const ModelParams& model, LocalUpdate update,
                        std::uint8_t* spins, std::uint64_t seed, std::uint64_t sweep) {
    if (model.model == Model::ising) {
        const IsingFlipTable table = ising_flip_table(lattice.dim, model, update);
        for (int c = 0; c < 2; ++c) ising_half_sweep(ctx, lattice, table, spins, seed, half_sweep_stream(sweep, c), c);
    } else if (update == LocalUpdate::metropolis) {
        const PottsMetropolis rule{potts_accept_table(lattice.dim, model), model.q};
        for (int c = 0; c < 2; ++c) {
            potts_half_sweep(ctx, "spins.potts.metropolis", lattice, rule, spins, seed, half_sweep_stream(sweep, c), c);
        }
    } else {
        const PottsHeatBath rule{potts_weight_table(lattice.dim, model), model.q};
        for (int c = 0; c < 2; ++c) {
            potts_half_sweep(ctx, "spins.potts.heat_bath", lattice, rule, spins, seed, half_sweep_stream(sweep, c), c);
        }
    }
}

void ising_replicas_sweep(const Context& ctx, const Lattice& lattice, const IsingFlipTable* tables,
                          const std::uint64_t* seeds, std::uint8_t* const* spins, int replicas, std::uint64_t sweep) {
    SIMT_REQUIRE(lattice.L % 8 == 0,
                 "spins: the batched replica sweep needs L a multiple of 8; got L = " + std::to_string(lattice.L));
    const Kernel kernel("spins.ising.checkerboard.replicas", replicas * half_sweep_bytes(lattice));
    for (int c = 0; c < 2; ++c) {
        ising_replicas_half_sweep(ctx, kernel, lattice, tables, seeds, spins, replicas, half_sweep_stream(sweep, c), c);
    }
}

void checkerboard_block_half_sweep(const Context& ctx, const SpinBlock& block, const ModelParams& model,
                                   LocalUpdate update, std::uint8_t* padded, std::uint64_t seed, std::uint64_t sweep,
                                   int colour) {
    const int dim = block.lattice.dim;
    const std::uint64_t stream = half_sweep_stream(sweep, colour);
    if (model.model == Model::ising) {
        ising_block_half_sweep(ctx, block, ising_flip_table(dim, model, update), padded, seed, stream, colour);
    } else if (update == LocalUpdate::metropolis) {
        potts_block_half_sweep(ctx, "spins.potts.metropolis.block", block,
                               PottsMetropolis{potts_accept_table(dim, model), model.q}, padded, seed, stream, colour);
    } else {
        potts_block_half_sweep(ctx, "spins.potts.heat_bath.block", block,
                               PottsHeatBath{potts_weight_table(dim, model), model.q}, padded, seed, stream, colour);
    }
}
}  // namespace simt::spins
