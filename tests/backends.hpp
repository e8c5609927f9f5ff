// SPDX-License-Identifier: MIT
// The backends a test runs on: the CPU always, the GPU when this build has CUDA and one answers.
#pragma once
#include <vector>
#include <simt/core/backend.hpp>

namespace simt::test {
inline std::vector<Backend> backends() {
    std::vector<Backend> b{Backend::Cpu};
    if (cuda_available()) b.push_back(Backend::Cuda);
    return b;
}
}  // namespace simt::test
