// SPDX-License-Identifier: MIT
#include "multigrid_hierarchy.hpp"

#include <algorithm>
#include <simt/core/error.hpp>

namespace simt::stencils {
namespace {
/// The cell one step along axis a from c, wrapping.
int neighbour(const MultigridLevel& l, int i, int j, int k, int a, int side) {
    int q[3] = {i, j, k};
    q[a] = (q[a] + side + l.n[a]) % l.n[a];
    return l.at(q[0], q[1], q[2]);
}

/// The diagonal of A at cell c: the weights of its open faces, both sides, and the pin's shift.
double diagonal(const MultigridLevel& l, int i, int j, int k) {
    const int c = l.at(i, j, k);
    double d = c == l.pin ? l.shift : 0.0;
    for (int a = 0; a < 3; ++a) {
        if (l.open[c] >> a & 1) d += l.w[a];
        if (l.open[c] >> (3 + a) & 1) d += 2 * l.w[a];
        if (l.open[neighbour(l, i, j, k, a, -1)] >> a & 1) d += l.w[a];
    }
    return d;
}
}  // namespace

MultigridLevel finest_level(const PoissonGrid& g) {
    MultigridLevel l;
    for (int a = 0; a < 3; ++a) {
        l.n[a] = g.n[a];
        l.w[a] = 1 / (g.h[a] * g.h[a]);
    }
    l.open.assign(std::size_t(l.cells()), 0);
    l.pin = -1;
    for (int k = 0; k < l.n[2]; ++k)
        for (int j = 0; j < l.n[1]; ++j)
            for (int i = 0; i < l.n[0]; ++i) {
                const int c = l.at(i, j, k), at[3] = {i, j, k};
                if (g.is_solid(c)) continue;
                if (l.pin < 0) l.pin = c;
                for (int a = 0; a < g.dim(); ++a) {
                    const bool inside = at[a] + 1 < l.n[a] || g.periodic[a];
                    if (l.n[a] > 1 && inside && !g.is_solid(neighbour(l, i, j, k, a, 1))) l.open[c] |= 1 << a;
                    if (!inside && g.dirichlet_high[a]) l.open[c] |= 1 << (3 + a);
                }
            }
    SIMT_REQUIRE(l.pin >= 0, "poisson.multigrid: every cell is solid");
    if (g.has_dirichlet()) {
        l.pin = -1;
        return l;
    }
    const int p[3] = {l.pin % l.n[0], l.pin / l.n[0] % l.n[1], l.pin / (l.n[0] * l.n[1])};
    l.shift = diagonal(l, p[0], p[1], p[2]);  // the CG matrix doubles the pinned diagonal
    return l;
}

MultigridLevel coarser_level(const MultigridLevel& fine) {
    MultigridLevel c;
    int f[3];  // cells per aggregate along each axis
    for (int a = 0; a < 3; ++a) {
        f[a] = fine.n[a] > 1 ? 2 : 1;
        c.n[a] = (fine.n[a] + 1) / 2;
    }
    for (int a = 0; a < 3; ++a) c.w[a] = fine.w[a] * f[0] * f[1] * f[2] / (f[a] * f[a]);
    c.open.assign(std::size_t(c.cells()), 0);
    for (int k = 0; k < c.n[2]; ++k)
        for (int j = 0; j < c.n[1]; ++j)
            for (int i = 0; i < c.n[0]; ++i) {
                const int at[3] = {i, j, k};
                std::uint8_t& open = c.open[std::size_t(c.at(i, j, k))];
                for (int a = 0; a < 3; ++a) {
                    // An axis of one coarse cell keeps no face to itself, only a Dirichlet one.
                    const int bits = c.n[a] == 1 ? 1 << (3 + a) : (1 << a | 1 << (3 + a));
                    // The children on the aggregate's +a side, and their faces across.
                    int lo[3], hi[3];
                    for (int b = 0; b < 3; ++b) {
                        lo[b] = at[b] * f[b];
                        hi[b] = std::min(lo[b] + f[b], fine.n[b]) - 1;
                    }
                    lo[a] = hi[a];
                    for (int z = lo[2]; z <= hi[2]; ++z)
                        for (int y = lo[1]; y <= hi[1]; ++y)
                            for (int x = lo[0]; x <= hi[0]; ++x)
                                open |= fine.open[std::size_t(fine.at(x, y, z))] & bits;
                }
            }
    c.pin = -1;
    if (fine.pin >= 0) {
        const int p[3] = {fine.pin % fine.n[0], fine.pin / fine.n[0] % fine.n[1], fine.pin / (fine.n[0] * fine.n[1])};
        c.pin = c.at(p[0] / f[0], p[1] / f[1], p[2] / f[2]);
        c.shift = fine.shift;
    }
    return c;
}

std::vector<double> dense_inverse(const MultigridLevel& l) {
    const int m = l.cells();
    std::vector<double> a(std::size_t(m) * m, 0.0);
    for (int k = 0; k < l.n[2]; ++k)
        for (int j = 0; j < l.n[1]; ++j)
            for (int i = 0; i < l.n[0]; ++i) {
                const int c = l.at(i, j, k);
                a[std::size_t(c) * m + c] = diagonal(l, i, j, k);
                for (int ax = 0; ax < 3; ++ax) {
                    if (!(l.open[c] >> ax & 1)) continue;
                    const int q = neighbour(l, i, j, k, ax, 1);
                    a[std::size_t(c) * m + q] -= l.w[ax];
                    a[std::size_t(q) * m + c] -= l.w[ax];
                }
            }
    // In place: the strict lower triangle becomes L, the diagonal D (0 where dropped).
    std::vector<double> original_diagonal(static_cast<std::size_t>(m)), d_plus(static_cast<std::size_t>(m));
    for (int r = 0; r < m; ++r) original_diagonal[r] = a[std::size_t(r) * m + r];
    for (int col = 0; col < m; ++col) {
        double d = a[std::size_t(col) * m + col];
        for (int s = 0; s < col; ++s) d -= a[std::size_t(col) * m + s] * a[std::size_t(s) * m + s] * a[std::size_t(col) * m + s];
        const bool dropped = !(d > 1e-12 * original_diagonal[col]);
        a[std::size_t(col) * m + col] = dropped ? 0.0 : d;
        d_plus[col] = dropped ? 0.0 : 1 / d;
        for (int r = col + 1; r < m; ++r) {
            double v = a[std::size_t(r) * m + col];
            for (int s = 0; s < col; ++s) v -= a[std::size_t(r) * m + s] * a[std::size_t(s) * m + s] * a[std::size_t(col) * m + s];
            a[std::size_t(r) * m + col] = v * d_plus[col];
        }
    }
    // B = L^-T D^+ L^-1, one column per unit vector.
    std::vector<double> inverse(static_cast<std::size_t>(m) * m), y(static_cast<std::size_t>(m));
    for (int e = 0; e < m; ++e) {
        for (int r = 0; r < m; ++r) {
            double v = r == e ? 1.0 : 0.0;
            for (int s = 0; s < r; ++s) v -= a[std::size_t(r) * m + s] * y[s];
            y[r] = v;
        }
        for (int r = 0; r < m; ++r) y[r] *= d_plus[r];
        for (int r = m - 1; r >= 0; --r) {
            double v = y[r];
            for (int s = r + 1; s < m; ++s) v -= a[std::size_t(s) * m + r] * y[s];
            y[r] = v;
        }
        for (int r = 0; r < m; ++r) inverse[std::size_t(r) * m + e] = y[r];
    }
    return inverse;
}
}  // namespace simt::stencils
