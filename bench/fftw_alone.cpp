// SPDX-License-Identifier: MIT
#include "fftw_alone.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <vector>
#include "fftw_api.hpp"  // stencils/src: the spectral solver's own FFTW calls

namespace simt::bench {
namespace {
template <class Real>
double pair_seconds(int nx, int ny, int nz, int reps) {
    using F = stencils::fftw::Api<Real>;
    const int dims3[3] = {nz, ny, nx}, rank = nz > 1 ? 3 : 2;  // FFTW takes the slowest axis first
    const int* dims = rank == 3 ? dims3 : dims3 + 1;
    std::vector<Real> grid(std::size_t(nx) * ny * nz, Real(1));
    std::vector<typename F::Complex> spectrum(std::size_t(nx / 2 + 1) * ny * nz);
    typename F::Plan forward, backward;
    {
        std::lock_guard<std::mutex> lock(stencils::fftw::planner_mutex());
        stencils::fftw::plan_with_all_threads<Real>();
        forward = F::r2c(rank, dims, grid.data(), spectrum.data());
        backward = F::c2r(rank, dims, spectrum.data(), grid.data());
    }
    if (!forward || !backward) throw std::runtime_error("bench_ns: FFTW could not plan the reference transforms");
    double best = 1e30;
    for (int r = 0; r <= reps; ++r) {  // the first pair warms the pages and FFTW's threads
        const auto t0 = std::chrono::steady_clock::now();
        F::forward(forward, grid.data(), spectrum.data());
        F::backward(backward, spectrum.data(), grid.data());
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (r > 0) best = std::min(best, s);
    }
    std::lock_guard<std::mutex> lock(stencils::fftw::planner_mutex());
    F::destroy(forward);
    F::destroy(backward);
    return best;
}
}  // namespace

double fftw_pair_seconds(bool single, int nx, int ny, int nz, int reps) {
    return single ? pair_seconds<float>(nx, ny, nz, reps) : pair_seconds<double>(nx, ny, nz, reps);
}
}  // namespace simt::bench
