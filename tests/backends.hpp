// SPDX-License-Identifier: MIT
// The backends a test runs on: the CPU always, the GPU when this build has CUDA and one answers.
#pragma once
#include <vector>
#include <simt/core/backend.hpp>
#if defined(_OPENMP)
#include <omp.h>
#endif

namespace simt::test {
inline std::vector<Backend> backends() {
    std::vector<Backend> b{Backend::Cpu};
    if (cuda_available()) b.push_back(Backend::Cuda);
    return b;
}

#if defined(_OPENMP)
/// f() run on `threads` OpenMP threads; the thread count is restored afterwards.
template <class F>
auto with_cpu_threads(int threads, F f) {
    const int before = omp_get_max_threads();
    omp_set_num_threads(threads);
    auto result = f();
    omp_set_num_threads(before);
    return result;
}
#endif
}  // namespace simt::test
