// SPDX-License-Identifier: MIT
// Lattice Boltzmann velocity sets D2Q9 and D3Q19: velocities c_q, weights w_q and the index of
// the opposite velocity. The tables are local constexpr arrays inside SIMT_INLINE functions:
// nvcc cannot index namespace-scope constexpr arrays in device code, and once a loop over q is
// unrolled every lookup folds to a constant.
#pragma once
#include <simt/core/macros.hpp>

namespace simt::stencils {
/// Squared lattice speed of sound of both velocity sets [cells^2/step^2].
constexpr double lbm_cs2 = 1.0 / 3.0;

/// D2Q9: rest (w 4/9), four axis links (1/9), four diagonals (1/36).
struct D2Q9 {
    static constexpr int dim = 2;
    static constexpr int Q = 9;
    /// Component `axis` (0 x, 1 y, 2 z) of velocity q [cells/step].
    SIMT_INLINE static int c(int q, int axis) {
        constexpr int t[9][3] = {{0, 0, 0}, {1, 0, 0},   {-1, 0, 0}, {0, 1, 0}, {0, -1, 0},
                                 {1, 1, 0}, {-1, -1, 0}, {1, -1, 0}, {-1, 1, 0}};
        return t[q][axis];
    }
    SIMT_INLINE static double w(int q) {
        constexpr double t[9] = {4.0 / 9,  1.0 / 9,  1.0 / 9,  1.0 / 9, 1.0 / 9,
                                 1.0 / 36, 1.0 / 36, 1.0 / 36, 1.0 / 36};
        return t[q];
    }
    /// The q' with c_q' = -c_q.
    SIMT_INLINE static int opposite(int q) {
        constexpr int t[9] = {0, 2, 1, 4, 3, 6, 5, 8, 7};
        return t[q];
    }
};

/// D3Q19: rest (w 1/3), six axis links (1/18), twelve edge diagonals (1/36).
struct D3Q19 {
    static constexpr int dim = 3;
    static constexpr int Q = 19;
    SIMT_INLINE static int c(int q, int axis) {
        constexpr int t[19][3] = {{0, 0, 0},  {1, 0, 0},   {-1, 0, 0},  {0, 1, 0},   {0, -1, 0},
                                  {0, 0, 1},  {0, 0, -1},  {1, 1, 0},   {-1, -1, 0}, {1, -1, 0},
                                  {-1, 1, 0}, {1, 0, 1},   {-1, 0, -1}, {1, 0, -1},  {-1, 0, 1},
                                  {0, 1, 1},  {0, -1, -1}, {0, 1, -1},  {0, -1, 1}};
        return t[q][axis];
    }
    SIMT_INLINE static double w(int q) {
        constexpr double t[19] = {1.0 / 3,  1.0 / 18, 1.0 / 18, 1.0 / 18, 1.0 / 18, 1.0 / 18, 1.0 / 18,
                                  1.0 / 36, 1.0 / 36, 1.0 / 36, 1.0 / 36, 1.0 / 36, 1.0 / 36, 1.0 / 36,
                                  1.0 / 36, 1.0 / 36, 1.0 / 36, 1.0 / 36, 1.0 / 36};
        return t[q];
    }
    SIMT_INLINE static int opposite(int q) {
        constexpr int t[19] = {0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15, 18, 17};
        return t[q];
    }
};
}  // namespace simt::stencils
