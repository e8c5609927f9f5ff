// SPDX-License-Identifier: MIT
// Assembly of -div(grad) on the cell centres of a MAC grid, on the host.
#include <simt/stencils/poisson.hpp>

#include <utility>

namespace simt::stencils {
CsrMatrix poisson_matrix(const PoissonGrid& g) {
    CsrMatrix m;
    const Index cells = g.cells();
    m.row_start.reserve(std::size_t(cells) + 1);
    m.row_start.push_back(0);
    std::vector<std::pair<int, double>> row;
    for (int k = 0; k < g.n[2]; ++k)
        for (int j = 0; j < g.n[1]; ++j)
            for (int i = 0; i < g.n[0]; ++i) {
                const int at[3] = {i, j, k};
                const int self = int(i + Index(g.n[0]) * (j + Index(g.n[1]) * k));
                row.assign(1, {self, g.is_solid(self) ? 1.0 : 0.0});
                for (int a = 0; a < g.dim() && !g.is_solid(self); ++a)
                    for (int side : {-1, 1}) {
                        int q[3] = {at[0], at[1], at[2]};
                        q[a] += side;
                        if (q[a] < 0 || q[a] >= g.n[a]) {
                            if (!g.periodic[a]) continue;  // a wall: no flux through it
                            q[a] = (q[a] + g.n[a]) % g.n[a];
                        }
                        const int other = int(q[0] + Index(g.n[0]) * (q[1] + Index(g.n[1]) * q[2]));
                        if (g.is_solid(other)) continue;  // a solid face: no flux either
                        const double w = 1 / (g.h[a] * g.h[a]);
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
