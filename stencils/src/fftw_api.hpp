// SPDX-License-Identifier: MIT
// FFTW's double and single precision APIs under one name, and the process-wide planner lock:
// what the spectral solver's CPU files share. Host code only (FFTW's header never meets nvcc).
// FFTW_ESTIMATE plans are the same every run, so a solve gives the same bits every time (exact
// restart).
#pragma once
#include <fftw3.h>
#include <mutex>
#include <omp.h>

namespace simt::stencils::fftw {
template <class Real>
struct Api;
template <>
struct Api<double> {
    using Plan = fftw_plan;
    using Complex = fftw_complex;
    static void threads(int n) { fftw_plan_with_nthreads(n); }
    static Plan r2c(int rank, const int* n, double* in, Complex* out) {
        return fftw_plan_dft_r2c(rank, n, in, out, FFTW_ESTIMATE);
    }
    static Plan c2r(int rank, const int* n, Complex* in, double* out) {
        return fftw_plan_dft_c2r(rank, n, in, out, FFTW_ESTIMATE);
    }
    /// `lines` contiguous transforms of n points (n / 2 + 1 complex values each).
    static Plan r2c_lines(int n, int lines, double* in, Complex* out) {
        return fftw_plan_many_dft_r2c(1, &n, lines, in, nullptr, 1, n, out, nullptr, 1, n / 2 + 1, FFTW_ESTIMATE);
    }
    static Plan c2r_lines(int n, int lines, Complex* in, double* out) {
        return fftw_plan_many_dft_c2r(1, &n, lines, in, nullptr, 1, n / 2 + 1, out, nullptr, 1, n, FFTW_ESTIMATE);
    }
    static void forward(Plan p, double* in, Complex* out) { fftw_execute_dft_r2c(p, in, out); }
    static void backward(Plan p, Complex* in, double* out) { fftw_execute_dft_c2r(p, in, out); }
    static void execute(Plan p) { fftw_execute(p); }
    static void destroy(Plan p) { fftw_destroy_plan(p); }
};
template <>
struct Api<float> {
    using Plan = fftwf_plan;
    using Complex = fftwf_complex;
    static void threads(int n) { fftwf_plan_with_nthreads(n); }
    static Plan r2c(int rank, const int* n, float* in, Complex* out) {
        return fftwf_plan_dft_r2c(rank, n, in, out, FFTW_ESTIMATE);
    }
    static Plan c2r(int rank, const int* n, Complex* in, float* out) {
        return fftwf_plan_dft_c2r(rank, n, in, out, FFTW_ESTIMATE);
    }
    static Plan r2c_lines(int n, int lines, float* in, Complex* out) {
        return fftwf_plan_many_dft_r2c(1, &n, lines, in, nullptr, 1, n, out, nullptr, 1, n / 2 + 1, FFTW_ESTIMATE);
    }
    static Plan c2r_lines(int n, int lines, Complex* in, float* out) {
        return fftwf_plan_many_dft_c2r(1, &n, lines, in, nullptr, 1, n / 2 + 1, out, nullptr, 1, n, FFTW_ESTIMATE);
    }
    static void forward(Plan p, float* in, Complex* out) { fftwf_execute_dft_r2c(p, in, out); }
    static void backward(Plan p, Complex* in, float* out) { fftwf_execute_dft_c2r(p, in, out); }
    static void execute(Plan p) { fftwf_execute(p); }
    static void destroy(Plan p) { fftwf_destroy_plan(p); }
};

/// FFTW's planner is not thread-safe: every plan is made and destroyed under this lock.
inline std::mutex& planner_mutex() {
    static std::mutex m;
    return m;
}

/// Sets up FFTW's threads once per process and plans with every OpenMP thread; call under
/// planner_mutex().
template <class Real>
void plan_with_all_threads() {
    static const bool done = [] {
        fftw_init_threads();
        fftwf_init_threads();
        return true;
    }();
    (void)done;
    Api<Real>::threads(omp_get_max_threads());
}
}  // namespace simt::stencils::fftw
