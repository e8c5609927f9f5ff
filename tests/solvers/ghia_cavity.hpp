// SPDX-License-Identifier: MIT
// The lid-driven cavity reference of Ghia, Ghia & Shin (1982), read from tests/data, and the
// interpolation of cell-centred profiles to its points; shared by the lbm and navier_stokes tests.
#pragma once
#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include <doctest/doctest.h>

namespace simt::test {
struct GhiaPoint {
    std::string profile;
    double coord, value;
};

/// Ghia, Ghia & Shin (1982): the Re 100 or Re 1000 column of tests/data/ghia1982_cavity.csv.
inline std::vector<GhiaPoint> ghia(int re) {
    std::ifstream in(std::string(SIMT_TEST_DATA_DIR) + "/ghia1982_cavity.csv");
    REQUIRE(in.good());
    std::vector<GhiaPoint> points;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#' || line.rfind("profile", 0) == 0) continue;
        std::replace(line.begin(), line.end(), ',', ' ');
        std::istringstream fields(line);
        GhiaPoint p;
        double re100 = 0, re1000 = 0;
        fields >> p.profile >> p.coord >> re100 >> re1000;
        p.value = re == 100 ? re100 : re1000;
        points.push_back(p);
    }
    return points;
}

/// Linear interpolation of cell-centred values at s in [0, 1], with the wall values at 0 and 1.
inline double interpolate(const std::vector<double>& centre, double lo, double hi, double s) {
    const int n = int(centre.size());
    const double x = s * n - 0.5;  // in cell-index units
    if (x <= 0) return lo + (centre[0] - lo) * (x + 0.5) / 0.5;
    if (x >= n - 1) return centre[n - 1] + (hi - centre[n - 1]) * (x - (n - 1)) / 0.5;
    const int j = int(x);
    return centre[j] + (centre[j + 1] - centre[j]) * (x - j);
}

/// The largest deviation [lid speeds] of the centreline profiles u(y) at x = 1/2 and v(x) at
/// y = 1/2 from Ghia et al.'s points at Reynolds number re; u, v cell-centred on n x n cells
/// (x fastest), the lid moving at `lid` along x at y = 1.
inline double deviation_from_ghia(int re, int n, const std::vector<double>& u, const std::vector<double>& v,
                                  double lid) {
    // Centrelines x = 1/2 and y = 1/2 fall between cells n/2 - 1 and n/2.
    std::vector<double> u_mid(n), v_mid(n);
    for (int c = 0; c < n; ++c) {
        u_mid[c] = 0.5 * (u[n / 2 - 1 + n * c] + u[n / 2 + n * c]) / lid;
        v_mid[c] = 0.5 * (v[c + n * (n / 2 - 1)] + v[c + n * (n / 2)]) / lid;
    }
    double worst = 0;
    for (const auto& p : test::ghia(re)) {
        const bool is_u = p.profile == "u_vs_y";
        const double value = is_u ? test::interpolate(u_mid, 0, 1, p.coord) : test::interpolate(v_mid, 0, 0, p.coord);
        CAPTURE(p.profile);
        CAPTURE(p.coord);
        worst = std::max(worst, std::abs(value - p.value));
    }
    return worst;
}
}  // namespace simt::test
