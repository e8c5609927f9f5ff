// SPDX-License-Identifier: MIT
// Adaptive Gauss–Kronrod (7/15-point) quadrature with QUADPACK's error estimate (Piessens et
// al. 1983, routine QAG): the interval with the largest error is halved until the total error
// meets the tolerance.
#pragma once
#include <functional>

namespace simt::montecarlo {
struct QuadratureResult {
    double value;
    double error;     ///< estimated absolute error
    int intervals;    ///< subintervals used
    bool converged;   ///< error <= max(abs_tol, rel_tol |value|) within max_intervals
};

QuadratureResult integrate_gauss_kronrod(const std::function<double(double)>& f, double a, double b, double abs_tol,
                                         double rel_tol, int max_intervals = 1000);

/// The integral over [a, inf), mapped to [0, 1) by x = a + t / (1 - t).
QuadratureResult integrate_to_infinity(const std::function<double(double)>& f, double a, double abs_tol,
                                       double rel_tol, int max_intervals = 1000);
}  // namespace simt::montecarlo
