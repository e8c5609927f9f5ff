// SPDX-License-Identifier: MIT
// Assembly of -div(grad) on the cell centres of a MAC grid, on the host.
#include <simt/stencils/poisson.hpp>

#include <utility>
#include <simt/stencils/padded_halo_exchange.hpp>

namespace simt::stencils {
CsrMatrix poisson_matrix(const PoissonGrid& g) {
    Block whole;
    whole.n = {g.n[0], g.n[1], g.n[2]};
    return poisson_matrix(g, whole);
}

CsrMatrix poisson_matrix(const PoissonGrid& g, const Block& rows) {
    CsrMatrix m;
    const CellBox columns = padded_box(rows, 1);
    const auto column_of = [&](const int(&q)[3]) {
        return int((q[0] - columns.lo[0]) +
                   Index(columns.n[0]) * ((q[1] - columns.lo[1]) + Index(columns.n[1]) * (q[2] - columns.lo[2])));
    };
    const auto global = [&](const int(&q)[3]) { return q[0] + Index(g.n[0]) * (q[1] + Index(g.n[1]) * q[2]); };
    m.row_start.reserve(std::size_t(rows.cells()) + 1);
    m.row_start.push_back(0);
    std::vector<std::pair<int, double>> row;
    for (int k = rows.lo[2]; k < rows.lo[2] + rows.n[2]; ++k)
        for (int j = rows.lo[1]; j < rows.lo[1] + rows.n[1]; ++j)
            for (int i = rows.lo[0]; i < rows.lo[0] + rows.n[0]; ++i) {
                const int at[3] = {i, j, k};
                const bool solid = g.is_solid(global(at));
                row.assign(1, {column_of(at), solid ? 1.0 : 0.0});
                for (int a = 0; a < g.dim() && !solid; ++a)
                    for (int side : {-1, 1}) {
                        int q[3] = {at[0], at[1], at[2]};
                        q[a] += side;
                        const double w = 1 / (g.h[a] * g.h[a]);
                        int wrapped[3] = {q[0], q[1], q[2]};
                        if (q[a] < 0 || q[a] >= g.n[a]) {
                            // phi = 0 on the face: the ghost value is -phi, a flux of 2 w phi.
                            if (side > 0 && g.dirichlet_high[a]) row[0].second += 2 * w;
                            if (!g.periodic[a]) continue;  // a wall: no flux through it
                            wrapped[a] = (q[a] + g.n[a]) % g.n[a];
                            // Along an axis split between ranks the halo holds the cell unwrapped.
                            if (rows.dims[std::size_t(a)] == 1) q[a] = wrapped[a];
                        }
                        if (g.is_solid(global(wrapped))) continue;  // a solid face: no flux either
                        const int other = column_of(q);
                        row[0].second += w;
                        bool merged = false;
                        for (auto& e : row)
                            if (e.first == other) e.second -= w, merged = true;
                        if (!merged) row.push_back({other, -w});
                    }
                for (const auto& [col, val] : row) {
                    m.column.push_back(col);
                    m.value.push_back(val);
                }
                m.row_start.push_back(int(m.column.size()));
            }
    return m;
}
}  // namespace simt::stencils
