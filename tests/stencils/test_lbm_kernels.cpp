// SPDX-License-Identifier: MIT
// The lattice Boltzmann building blocks on the host: the velocity sets' symmetries, the moments
// of the equilibrium, the conservation laws of the collision with a body force, and the
// interior step's periodic pull.
#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>
#include <vector>
#include <simt/stencils/lbm_kernels.hpp>
#include "../approx.hpp"

using namespace simt;
using namespace simt::stencils;

namespace {
const double u_test[3] = {0.07, -0.04, 0.05};

template <class L>
void check_lattice() {
    double sum_w = 0, second[3][3] = {};
    for (int q = 0; q < L::Q; ++q) {
        const int o = L::opposite(q);
        CHECK(L::opposite(o) == q);
        CHECK(L::w(o) == L::w(q));
        for (int a = 0; a < 3; ++a) {
            CHECK(L::c(o, a) == -L::c(q, a));
            if (a >= L::dim) CHECK(L::c(q, a) == 0);
        }
        sum_w += L::w(q);
        for (int a = 0; a < 3; ++a)
            for (int b = 0; b < 3; ++b) second[a][b] += L::w(q) * L::c(q, a) * L::c(q, b);
    }
    CHECK(sum_w == test::relative(1.0, 1e-15));
    // Isotropy: sum w c c = c_s^2 I, the condition for the viscous stress (absolute: 0 off the diagonal).
    for (int a = 0; a < L::dim; ++a)
        for (int b = 0; b < L::dim; ++b) CHECK(std::abs(second[a][b] - (a == b ? lbm_cs2 : 0.0)) < 1e-15);
    // Every velocity occurs once.
    for (int q = 0; q < L::Q; ++q)
        for (int p = q + 1; p < L::Q; ++p)
            CHECK((L::c(q, 0) != L::c(p, 0) || L::c(q, 1) != L::c(p, 1) || L::c(q, 2) != L::c(p, 2)));
}

template <class L>
void check_equilibrium_moments() {
    const double rho = 1.3;
    double u[3];
    for (int a = 0; a < 3; ++a) u[a] = a < L::dim ? u_test[a] : 0.0;
    double m0 = 0, m1[3] = {}, m2[3][3] = {};
    for (int q = 0; q < L::Q; ++q) {
        const double feq = lbm_equilibrium<L>(q, rho, u);
        m0 += feq;
        for (int a = 0; a < 3; ++a) {
            m1[a] += feq * L::c(q, a);
            for (int b = 0; b < 3; ++b) m2[a][b] += feq * L::c(q, a) * L::c(q, b);
        }
    }
    CHECK(m0 == test::relative(rho, 1e-14));
    for (int a = 0; a < L::dim; ++a) {
        CHECK(m1[a] == test::relative(rho * u[a], 1e-14));
        for (int b = 0; b < L::dim; ++b) {
            const double expected = rho * ((a == b) * lbm_cs2 + u[a] * u[b]);
            CHECK(m2[a][b] == test::relative(expected, 1e-14));
        }
    }
}

/// Non-equilibrium populations, the collision's input.
template <class L>
void perturbed(double (&f)[L::Q]) {
    double u[3];
    for (int a = 0; a < 3; ++a) u[a] = a < L::dim ? u_test[a] : 0.0;
    for (int q = 0; q < L::Q; ++q) f[q] = lbm_equilibrium<L>(q, 1.1, u) * (1 + 0.05 * std::sin(3.0 * q + 1));
}

/// Mass stays; momentum gains the force: sum f c goes from rho u - F/2 to rho u + F/2.
template <class L>
void check_collision_conserves(const LbmCollision<double>& c) {
    double f[L::Q];
    perturbed<L>(f);
    double before[4] = {}, after[4] = {};
    for (int q = 0; q < L::Q; ++q) {
        before[0] += f[q];
        for (int a = 0; a < 3; ++a) before[1 + a] += f[q] * L::c(q, a);
    }
    lbm_collide<L>(f, c);
    for (int q = 0; q < L::Q; ++q) {
        after[0] += f[q];
        for (int a = 0; a < 3; ++a) after[1 + a] += f[q] * L::c(q, a);
    }
    CHECK(after[0] == test::relative(before[0], 1e-14));
    for (int a = 0; a < L::dim; ++a)
        CHECK(after[1 + a] - before[1 + a] == test::relative(c.force[a], 1e-12));
}

/// With omega = 1 (tau = 1) BGK lands exactly on the equilibrium of the half-force velocity.
template <class L>
void check_bgk_reaches_equilibrium() {
    double f[L::Q], u[3];
    perturbed<L>(f);
    const double zero[3] = {0, 0, 0};
    const double rho = lbm_moments<L>(f, zero, u);
    lbm_collide<L>(f, bgk_collision<double>(1.0));
    for (int q = 0; q < L::Q; ++q)
        CHECK(f[q] == test::relative(lbm_equilibrium<L>(q, rho, u), 1e-14));
}
}  // namespace

TEST_CASE("lbm lattices: weights sum to 1, opposite(opposite(q)) = q, c_opposite = -c, isotropic") {
    check_lattice<D2Q9>();
    check_lattice<D3Q19>();
}

TEST_CASE("lbm equilibrium: zeroth, first and second moments are rho, rho u, rho c_s^2 I + rho u u") {
    check_equilibrium_moments<D2Q9>();
    check_equilibrium_moments<D3Q19>();
}

TEST_CASE("lbm collision: BGK and TRT conserve mass and add the Guo force to the momentum") {
    for (const bool trt : {false, true}) {
        CAPTURE(trt);
        LbmCollision<double> c = trt ? trt_collision<double>(0.8, 0.25) : bgk_collision<double>(0.8);
        c.force[0] = 1e-3, c.force[1] = -2e-3, c.force[2] = 5e-4;
        check_collision_conserves<D2Q9>(c);
        check_collision_conserves<D3Q19>(c);
    }
    check_bgk_reaches_equilibrium<D2Q9>();
    check_bgk_reaches_equilibrium<D3Q19>();
}

TEST_CASE("lbm TRT: Lambda = (tau+ - 1/2)(tau- - 1/2), and Lambda = (tau - 1/2)^2 is BGK") {
    const auto trt = trt_collision<double>(0.9, 3.0 / 16);
    CHECK((1 / trt.omega_plus - 0.5) * (1 / trt.omega_minus - 0.5) == test::relative(3.0 / 16, 1e-14));
    const auto same = trt_collision<double>(0.9, 0.16);
    CHECK(same.omega_minus == test::relative(same.omega_plus, 1e-14));
}

namespace {
/// One periodic interior step on a small odd-sized box, with int or Index offsets, against the
/// pull written out with modular arithmetic.
template <class Offset>
void check_interior_step_pulls_periodically() {
    using L = D3Q19;
    using S = LbmNativeStorage<double>;
    const int n[3] = {5, 4, 3};
    const Index cells = Index(n[0]) * n[1] * n[2];
    std::vector<double> from(cells * L::Q), to(cells * L::Q, -1.0);
    std::vector<std::uint8_t> mask(cells, lbm_fluid);
    for (Index c = 0; c < cells; ++c)
        for (int q = 0; q < L::Q; ++q) from[c + q * cells] = L::w(q) * (1 + 0.01 * std::sin(0.7 * double(c) + q));
    const Index ext[4] = {n[0], n[1], n[2], L::Q};
    const LbmStep<L, S> step{View<const double, 4>(from.data(), ext), View<double, 4>(to.data(), ext),
                             View<const std::uint8_t, 3>(mask.data(), {n[0], n[1], n[2]}),
                             trt_collision<double>(0.8, 0.25)};
    const LbmStreamCollideInterior<L, S, Offset> kernel{step};
    for (int k = 0; k < n[2]; ++k)
        for (int j = 0; j < n[1]; ++j)
            for (int i = 0; i < n[0]; ++i) kernel(i, j, k);
    for (int k = 0; k < n[2]; ++k)
        for (int j = 0; j < n[1]; ++j)
            for (int i = 0; i < n[0]; ++i) {
                double f[L::Q];
                for (int q = 0; q < L::Q; ++q) {
                    const int up[3] = {(i - L::c(q, 0) + n[0]) % n[0], (j - L::c(q, 1) + n[1]) % n[1],
                                       (k - L::c(q, 2) + n[2]) % n[2]};
                    f[q] = from[up[0] + n[0] * (up[1] + n[1] * up[2]) + q * cells];
                }
                lbm_collide<L>(f, step.collision);
                const Index at = i + n[0] * (j + Index(n[1]) * k);
                for (int q = 0; q < L::Q; ++q) CHECK(to[at + q * cells] == f[q]);
            }
}

/// The Interior entry (the CPU's SIMD path away from the faces) against the plain one, on a box
/// whose inside holds a solid and a boundary cell: the same stored bits everywhere, and the
/// cells that are not fluid keep what `to` held.
template <class L, class S>
void check_interior_entry_matches_plain() {
    using Stored = typename S::Stored;
    const int n[3] = {7, 5, L::dim == 3 ? 4 : 1};
    const Index cells = Index(n[0]) * n[1] * n[2];
    std::vector<Stored> from(cells * L::Q), plain(cells * L::Q, Stored(0x1234)), tagged(plain);
    std::vector<std::uint8_t> mask(cells, lbm_fluid);
    const int k_in = L::dim == 3 ? 1 : 0;
    mask[2 + n[0] * (2 + n[1] * k_in)] = lbm_solid;
    mask[4 + n[0] * (1 + n[1] * k_in)] = lbm_boundary;
    for (Index c = 0; c < cells; ++c)
        for (int q = 0; q < L::Q; ++q)
            from[c + q * cells] =
                S::store(q, typename S::Compute(L::w(q) * (1 + 0.02 * std::sin(0.9 * double(c) + q))));
    const Index ext[4] = {n[0], n[1], n[2], L::Q};
    const View<const std::uint8_t, 3> mask_view(mask.data(), {n[0], n[1], n[2]});
    const LbmCollision<typename S::Compute> collision = trt_collision<typename S::Compute>(0.7, 0.25);
    const LbmStreamCollideInterior<L, S, int> run_plain{
        {View<const Stored, 4>(from.data(), ext), View<Stored, 4>(plain.data(), ext), mask_view, collision}};
    const LbmStreamCollideInterior<L, S, int> run_tagged{
        {View<const Stored, 4>(from.data(), ext), View<Stored, 4>(tagged.data(), ext), mask_view, collision}};
    int interior = 0;
    for (int k = 0; k < n[2]; ++k)
        for (int j = 0; j < n[1]; ++j)
            for (int i = 0; i < n[0]; ++i) {
                run_plain(i, j, k);
                const bool inside =
                    i > 0 && i < n[0] - 1 && j > 0 && j < n[1] - 1 && (L::dim == 2 || (k > 0 && k < n[2] - 1));
                if (inside) {
                    run_tagged(i, j, k, Interior{});
                    ++interior;
                } else {
                    run_tagged(i, j, k);
                }
            }
    CHECK(interior == (L::dim == 3 ? 5 * 3 * 2 : 5 * 3));
    for (Index v = 0; v < cells * L::Q; ++v) {
        CAPTURE(v);
        REQUIRE(tagged[std::size_t(v)] == plain[std::size_t(v)]);
    }
}
}  // namespace

TEST_CASE("lbm interior step: the CPU's Interior entry stores what the plain entry stores") {
    check_interior_entry_matches_plain<D2Q9, LbmNativeStorage<float>>();
    check_interior_entry_matches_plain<D3Q19, LbmNativeStorage<double>>();
    check_interior_entry_matches_plain<D3Q19, LbmHalfStorage<D3Q19>>();
}

TEST_CASE("lbm interior step: periodic pull with int and with 64-bit offsets") {
    check_interior_step_pulls_periodically<int>();
    check_interior_step_pulls_periodically<Index>();
    CHECK(lbm_offsets_fit_int<D3Q19>(Index(113025455)));
    CHECK_FALSE(lbm_offsets_fit_int<D3Q19>(Index(113025456)));
}
