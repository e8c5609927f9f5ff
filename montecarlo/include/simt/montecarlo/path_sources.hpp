// SPDX-License-Identifier: MIT
// Where a path's random inputs come from, for the generic path kernel and Longstaff–Schwartz's
// pricing pass: a source opens a path (`path(model, index, sign)`) whose `step` walks one
// model step. PhiloxSource: the model's own Philox layout (path_random.hpp). SobolSource: one
// point of a scrambled Sobol replicate (sobol.hpp) — the model's Brownian normals (`bridged`
// per step) each built by a Brownian bridge over the path's steps (Glasserman sec. 5.5.1), its
// other inputs (`uniforms_per_step`) as plain coordinates, step-major; what a model keeps
// pseudo-random (Merton's jumps) comes from Philox at the replicate's own seed.
//
// Dimensions of a Sobol path of n steps with b bridged normals and u uniforms per step:
// bridge j uses [j D, (j + 1) D), D = sobol_bridge_dimensions(n) (the root W(T), then the
// bisection's midpoints in heap order), and step k's uniforms b D + k u, ..., b D + k u + u - 1.
// `sign` = -1 is the antithetic twin: normals negated, uniforms reflected (the point 1 - u).
#pragma once
#include <cmath>
#include <simt/montecarlo/normal.hpp>
#include <simt/montecarlo/path_models.hpp>
#include <simt/montecarlo/sobol.hpp>

namespace simt::montecarlo {
/// Pseudo-random paths: path p of option `option_id` from Philox(seed, option_id).
struct PhiloxSource {
    std::uint64_t seed, option_id;

    template <class Model>
    struct Path {
        PathDraws draws;
        double sign;
        SIMT_INLINE void step(const Model& m, int k, typename Model::State& s) const { m.step(draws, k, sign, s); }
    };
    template <class Model>
    SIMT_INLINE Path<Model> path(const Model&, Index p, double sign) const {
        return Path<Model>{PathDraws{seed, option_id, p}, sign};
    }
};

/// Sobol dimensions a bridge over n steps uses: the root W(T) and the heap-numbered midpoints
/// of the bisection tree, below 2^ceil(log2 n).
SIMT_INLINE int sobol_bridge_dimensions(int steps) {
    int d = 1;
    while (d < steps) d *= 2;
    return d;
}

/// A Brownian path on steps 0..n built from Sobol coordinates dim0 + node, given one step at
/// a time in time order. B_k = W(t_k) / sqrt(dt): the root sets B_n, each split sets the
/// midpoint from its ends; the bisection tree is walked with a stack of the right halves
/// (at most ceil(log2 n) deep), so a path keeps O(log n) numbers, not its steps.
struct BrownianBridge {
    struct Interval {
        int lo, hi, node;
        double b_lo, b_hi;
    };
    Interval stack[32], c;
    int top;
    double b_prev;

    SIMT_INLINE static double normal(const SobolPoints& p, Index point, int dim) {
        return normal_quantile(p.uniform(std::uint64_t(point), dim));
    }
    SIMT_INLINE void start(const SobolPoints& p, Index point, int dim0, int steps) {
        top = 0;
        b_prev = 0;
        c = Interval{0, steps, 1, 0.0, std::sqrt(double(steps)) * normal(p, point, dim0)};
    }
    /// B_k - B_{k-1} of the next step: a standard normal.
    SIMT_INLINE double next(const SobolPoints& p, Index point, int dim0) {
        while (c.hi - c.lo >= 2) {
            const int mid = (c.lo + c.hi) / 2;
            const double left = mid - c.lo, right = c.hi - mid, width = c.hi - c.lo;
            const double b_mid = (right * c.b_lo + left * c.b_hi) / width +
                                 std::sqrt(left * right / width) * normal(p, point, dim0 + c.node);
            stack[top++] = Interval{mid, c.hi, 2 * c.node + 1, b_mid, c.b_hi};
            c = Interval{c.lo, mid, 2 * c.node, c.b_lo, b_mid};
        }
        const double step = c.b_hi - b_prev;
        b_prev = c.b_hi;
        if (top > 0) c = stack[--top];
        return step;
    }
};

/// Quasi-random paths: point p of one scrambled replicate.
struct SobolSource {
    SobolPoints points;
    int steps;                  ///< model steps of a path: the bridges' length
    int bridge_dims;            ///< sobol_bridge_dimensions(steps)
    std::uint64_t jump_seed;    ///< Philox seed of the inputs the model keeps pseudo-random
    std::uint64_t option_id;

    template <class Model>
    struct Path {
        static constexpr int bridges = Model::max_bridged > 0 ? Model::max_bridged : 1;
        static constexpr int uniforms = Model::uniforms_per_step > 0 ? Model::uniforms_per_step : 1;
        SobolPoints points;
        Index point;
        int bridge_dims, uniform_dim0;
        double sign;
        PathDraws draws;
        BrownianBridge bridge[bridges];

        SIMT_INLINE void step(const Model& m, int k, typename Model::State& s) {
            double z[bridges], u[uniforms];
            for (int j = 0; j < m.bridged(); ++j) z[j] = sign * bridge[j].next(points, point, j * bridge_dims);
            SIMT_UNROLL
            for (int i = 0; i < Model::uniforms_per_step; ++i)
                u[i] = reflect(points.uniform(std::uint64_t(point), uniform_dim0 + k * Model::uniforms_per_step + i), sign);
            m.step_qmc(z, u, draws, k, sign, s);
        }
    };
    template <class Model>
    SIMT_INLINE Path<Model> path(const Model& m, Index p, double sign) const {
        Path<Model> out;
        out.points = points;
        out.point = p;
        out.bridge_dims = bridge_dims;
        out.uniform_dim0 = m.bridged() * bridge_dims;
        out.sign = sign;
        out.draws = PathDraws{jump_seed, option_id, p};
        for (int j = 0; j < m.bridged(); ++j) out.bridge[j].start(points, p, j * bridge_dims, steps);
        return out;
    }

    /// The dimensions a path of `model` over `steps` steps uses.
    template <class Model>
    static int dimensions(const Model& m, int steps) {
        return m.bridged() * sobol_bridge_dimensions(steps) + steps * Model::uniforms_per_step;
    }
};
}  // namespace simt::montecarlo
