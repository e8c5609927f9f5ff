// SPDX-License-Identifier: MIT
#include "md/id_order.hpp"

#include <cstring>
#include <simt/core/error.hpp>

namespace simt::md {
template <class T>
std::vector<T> gather_by_id(const Comm& ranks, const std::int32_t* ids, const T* values, std::size_t count,
                            std::size_t stride, int components, std::size_t n) {
    const auto width = std::size_t(components);
    std::vector<T> whole;
    // Each particle as its id and its components side by side.
    const std::size_t row = sizeof(std::int32_t) + width * sizeof(T);
    std::vector<unsigned char> mine(row * count);
    for (std::size_t k = 0; k < count; ++k) {
        unsigned char* at = mine.data() + k * row;
        std::memcpy(at, &ids[k], sizeof(std::int32_t));
        for (std::size_t c = 0; c < width; ++c)
            std::memcpy(at + sizeof(std::int32_t) + c * sizeof(T), &values[c * stride + k], sizeof(T));
    }
    const std::vector<unsigned char> all = ranks.gather(mine.data(), mine.size());
    if (ranks.root()) {
        SIMT_REQUIRE(all.size() == row * n, "md: the ranks hold a different number of particles than the run");
        whole.resize(width * n);
        for (std::size_t k = 0; k < n; ++k) {
            const unsigned char* at = all.data() + k * row;
            std::int32_t id = 0;
            std::memcpy(&id, at, sizeof id);
            for (std::size_t c = 0; c < width; ++c)
                std::memcpy(&whole[c * n + std::size_t(id)], at + sizeof(std::int32_t) + c * sizeof(T), sizeof(T));
        }
    }
    return whole;
}

std::vector<double> sums_in_id_order(const Comm& ranks, const std::int32_t* ids, const double* values,
                                     std::size_t count, std::size_t stride, int components, std::size_t n) {
    const std::vector<double> whole = gather_by_id(ranks, ids, values, count, stride, components, n);
    std::vector<double> sums(std::size_t(components), 0.0);
    if (ranks.root())
        for (std::size_t c = 0; c < sums.size(); ++c)
            for (std::size_t k = 0; k < n; ++k) sums[c] += whole[c * n + k];
    ranks.broadcast(sums.data(), sums.size() * sizeof(double));
    return sums;
}

template std::vector<float> gather_by_id(const Comm&, const std::int32_t*, const float*, std::size_t, std::size_t, int,
                                         std::size_t);
template std::vector<double> gather_by_id(const Comm&, const std::int32_t*, const double*, std::size_t, std::size_t,
                                          int, std::size_t);
template std::vector<std::int32_t> gather_by_id(const Comm&, const std::int32_t*, const std::int32_t*, std::size_t,
                                                std::size_t, int, std::size_t);
}  // namespace simt::md
