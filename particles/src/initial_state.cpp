// SPDX-License-Identifier: MIT
#include <simt/particles/initial_state.hpp>

#include <cmath>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/core/philox.hpp>

namespace simt::particles {
std::array<double, 3> lattice_site(bool fcc, int nx, int ny, std::int64_t index, double a) {
    static const double fcc_basis[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
    const int per_cell = fcc ? 4 : 1;
    const double offset = fcc ? 0.25 : 0.5;
    const int b = int(index % per_cell);
    const std::int64_t cell = index / per_cell;
    const auto i = int(cell % nx), j = int(cell / nx % ny), k = int(cell / nx / ny);
    const double* basis = fcc_basis[b];
    return {(i + basis[0] + offset) * a, (j + basis[1] + offset) * a, (k + basis[2] + offset) * a};
}

Positions lattice_positions(bool fcc, int nx, int ny, int nz, double a) {
    const std::int64_t n = std::int64_t(nx) * ny * nz * (fcc ? 4 : 1);
    Positions out;
    out.reserve(std::size_t(n));
    for (std::int64_t index = 0; index < n; ++index) out.push_back(lattice_site(fcc, nx, ny, index, a));
    return out;
}

Positions random_positions(std::int64_t n, const std::array<double, 3>& box, double min_distance, std::uint64_t seed) {
    // A grid of bins no smaller than min_distance: a candidate checks the 27 bins around it.
    int dims[3];
    for (int a = 0; a < 3; ++a) dims[a] = std::max(1, int(box[a] / std::max(min_distance, 1e-300)));
    for (int a = 0; a < 3; ++a) dims[a] = std::min(dims[a], 1024);
    std::vector<std::vector<std::int64_t>> bins(std::size_t(dims[0]) * dims[1] * dims[2]);
    const auto bin_of = [&](const std::array<double, 3>& x, int* c) {
        for (int a = 0; a < 3; ++a) c[a] = std::min(dims[a] - 1, int(x[a] / box[a] * dims[a]));
    };
    Positions out;
    out.reserve(std::size_t(n));
    constexpr std::uint64_t max_tries = 100000;
    for (std::int64_t i = 0; i < n; ++i) {
        bool placed = false;
        for (std::uint64_t attempt = 0; attempt < max_tries && !placed; ++attempt) {
            const std::uint64_t counter = (std::uint64_t(i) << 21) + 2 * attempt;
            const Philox4 xy = philox_bits(seed, stream_positions, counter);
            const Philox4 z = philox_bits(seed, stream_positions, counter + 1);
            const std::array<double, 3> x = {u64_to_uniform(xy.v[0], xy.v[1]) * box[0],
                                             u64_to_uniform(xy.v[2], xy.v[3]) * box[1],
                                             u64_to_uniform(z.v[0], z.v[1]) * box[2]};
            int c[3];
            bin_of(x, c);
            bool clear = true;
            for (int dz = -1; dz <= 1 && clear; ++dz)
                for (int dy = -1; dy <= 1 && clear; ++dy)
                    for (int dx = -1; dx <= 1 && clear; ++dx) {
                        const int b = (c[0] + dx + dims[0]) % dims[0] +
                                      dims[0] * ((c[1] + dy + dims[1]) % dims[1] + dims[1] * ((c[2] + dz + dims[2]) % dims[2]));
                        for (std::int64_t j : bins[std::size_t(b)]) {
                            double r2 = 0;
                            for (int a = 0; a < 3; ++a) {
                                double d = x[a] - out[std::size_t(j)][a];
                                d -= box[a] * std::floor(d / box[a] + 0.5);
                                r2 += d * d;
                            }
                            if (r2 < min_distance * min_distance) {
                                clear = false;
                                break;
                            }
                        }
                    }
            if (!clear) continue;
            bins[std::size_t(c[0] + dims[0] * (c[1] + dims[1] * c[2]))].push_back(i);
            out.push_back(x);
            placed = true;
        }
        if (!placed) {
            throw Error(fmt::format("particles: no room for particle {} of {} at min_distance {} after {} tries; lower "
                                    "the density or the minimum distance",
                                    i, n, min_distance, max_tries));
        }
    }
    return out;
}

MaxwellBoltzmann::MaxwellBoltzmann(std::int64_t n, const std::function<double(std::int64_t)>& mass_of, double kT,
                                   std::uint64_t seed)
    : m_seed(seed) {
    double total_mass = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        const double m = mass_of(i);
        const std::array<double, 3> v = drawn(i, m);
        for (std::size_t a = 0; a < 3; ++a) m_momentum[a] += m * v[a];
        total_mass += m;
    }
    m_total_mass = total_mass;
    double twice_kinetic = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        const double m = mass_of(i);
        const std::array<double, 3> v = drawn(i, m);
        for (std::size_t a = 0; a < 3; ++a) {
            const double va = v[a] - m_momentum[a] / m_total_mass;
            twice_kinetic += m * va * va;
        }
    }
    const double dof = 3.0 * double(n) - 3.0;
    m_scale = (n > 1 && twice_kinetic > 0) ? std::sqrt(kT * dof / twice_kinetic) : 0.0;
}

std::array<double, 3> MaxwellBoltzmann::drawn(std::int64_t i, double mass) const {
    // Box-Muller: four 32-bit uniforms give two pairs of normals; three are used.
    const Philox4 bits = philox_bits(m_seed, stream_velocities, std::uint64_t(i));
    const double r1 = std::sqrt(-2 * std::log(double(u32_to_uniform(bits.v[0]))));
    const double r2 = std::sqrt(-2 * std::log(double(u32_to_uniform(bits.v[2]))));
    const double t1 = 6.283185307179586 * double(u32_to_uniform(bits.v[1]));
    const double t2 = 6.283185307179586 * double(u32_to_uniform(bits.v[3]));
    const double spread = 1 / std::sqrt(mass);
    return {spread * r1 * std::cos(t1), spread * r1 * std::sin(t1), spread * r2 * std::cos(t2)};
}

std::array<double, 3> MaxwellBoltzmann::velocity(std::int64_t i, double mass) const {
    std::array<double, 3> v = drawn(i, mass);
    for (std::size_t a = 0; a < 3; ++a) v[a] = (v[a] - m_momentum[a] / m_total_mass) * m_scale;
    return v;
}

Positions maxwell_boltzmann(const std::vector<double>& mass, double kT, std::uint64_t seed) {
    const MaxwellBoltzmann draw(
        std::int64_t(mass.size()), [&](std::int64_t i) { return mass[std::size_t(i)]; }, kT, seed);
    Positions v(mass.size());
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = draw.velocity(std::int64_t(i), mass[i]);
    return v;
}
}  // namespace simt::particles
