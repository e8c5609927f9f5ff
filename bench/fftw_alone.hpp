// SPDX-License-Identifier: MIT
// FFTW on its own, for bench_ns to set the spectral Poisson solve against: the forward and
// backward real transforms of one solve, planned as the solver plans them (FFTW_ESTIMATE, every
// OpenMP thread), without simt around them. Defined in fftw_alone.cpp, host code (FFTW's header
// never meets nvcc).
#pragma once

namespace simt::bench {
/// Seconds per r2c + c2r pair of an nx x ny x nz grid (nz = 1: a 2-D transform) in float or
/// double, the best of `reps` pairs.
double fftw_pair_seconds(bool single, int nx, int ny, int nz, int reps);
}  // namespace simt::bench
