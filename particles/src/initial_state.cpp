// SPDX-License-Identifier: MIT
#include <simt/particles/initial_state.hpp>

#include <cmath>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/core/philox.hpp>

namespace simt::particles {
Positions lattice_positions(bool fcc, int nx, int ny, int nz, double a) {
    static const double fcc_basis[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
    const int per_cell = fcc ? 4 : 1;
    const double offset = fcc ? 0.25 : 0.5;
    Positions out;
    out.reserve(std::size_t(nx) * ny * nz * per_cell);
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i)
                for (int b = 0; b < per_cell; ++b) {
                    out.push_back({(i + fcc_basis[b][0] + offset) * a, (j + fcc_basis[b][1] + offset) * a,
                                   (k + fcc_basis[b][2] + offset) * a});
                }
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

Positions maxwell_boltzmann(const std::vector<double>& mass, double kT, std::uint64_t seed) {
    const auto n = std::int64_t(mass.size());
    Positions v(mass.size());
    double momentum[3] = {0, 0, 0}, total_mass = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        // Box-Muller: four 32-bit uniforms give two pairs of normals; three are used.
        const Philox4 bits = philox_bits(seed, stream_velocities, std::uint64_t(i));
        const double r1 = std::sqrt(-2 * std::log(double(u32_to_uniform(bits.v[0]))));
        const double r2 = std::sqrt(-2 * std::log(double(u32_to_uniform(bits.v[2]))));
        const double t1 = 6.283185307179586 * double(u32_to_uniform(bits.v[1]));
        const double t2 = 6.283185307179586 * double(u32_to_uniform(bits.v[3]));
        const double m = mass[std::size_t(i)], spread = 1 / std::sqrt(m);
        v[std::size_t(i)] = {spread * r1 * std::cos(t1), spread * r1 * std::sin(t1), spread * r2 * std::cos(t2)};
        for (int a = 0; a < 3; ++a) momentum[a] += m * v[std::size_t(i)][a];
        total_mass += m;
    }
    double twice_kinetic = 0;
    for (std::int64_t i = 0; i < n; ++i)
        for (int a = 0; a < 3; ++a) {
            double& va = v[std::size_t(i)][a];
            va -= momentum[a] / total_mass;
            twice_kinetic += mass[std::size_t(i)] * va * va;
        }
    const double dof = 3.0 * double(n) - 3.0;
    const double scale = (n > 1 && twice_kinetic > 0) ? std::sqrt(kT * dof / twice_kinetic) : 0.0;
    for (auto& vi : v)
        for (int a = 0; a < 3; ++a) vi[a] *= scale;
    return v;
}
}  // namespace simt::particles
