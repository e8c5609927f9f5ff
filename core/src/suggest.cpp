// SPDX-License-Identifier: MIT
#include <simt/core/suggest.hpp>

#include <algorithm>

namespace simt {
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

std::string did_you_mean(const std::string& name, const std::vector<std::string>& candidates) {
    const std::string* best = nullptr;
    std::size_t best_distance = 3;  // suggest only near misses
    for (const auto& candidate : candidates)
        if (std::size_t d = edit_distance(name, candidate); d < best_distance && d < name.size())
            best = &candidate, best_distance = d;
    return best ? "; did you mean '" + *best + "'?" : "";
}
}  // namespace simt
