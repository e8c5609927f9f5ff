// SPDX-License-Identifier: MIT
#include <simt/montecarlo/model_params.hpp>

#include <cmath>

namespace simt::montecarlo {
std::vector<double> correlation_cholesky(const std::vector<double>& c, int n) {
    std::vector<double> l(std::size_t(n) * n, 0.0);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j <= i; ++j) {
            double sum = c[std::size_t(i) * n + j];
            for (int k = 0; k < j; ++k) sum -= l[std::size_t(i) * n + k] * l[std::size_t(j) * n + k];
            if (i == j) {
                if (!(sum > 1e-12)) return {};  // singular too: a repeated asset has no own noise
                l[std::size_t(i) * n + i] = std::sqrt(sum);
            } else {
                l[std::size_t(i) * n + j] = sum / l[std::size_t(j) * n + j];
            }
        }
    return l;
}
}  // namespace simt::montecarlo
