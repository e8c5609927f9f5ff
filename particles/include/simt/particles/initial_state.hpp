// SPDX-License-Identifier: MIT
// Initial positions (fcc or simple-cubic lattice, random with a minimum distance) and
// Maxwell-Boltzmann velocities. Host code: it runs once, and the counter-based draws make the
// result independent of the backend and the thread count.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <vector>

namespace simt::particles {
/// Positions as n x 3 rows (x, y, z of particle 0, then particle 1...).
using Positions = std::vector<std::array<double, 3>>;

/// Site `index` of lattice_positions (cell index / per_cell with x fastest, then the basis).
std::array<double, 3> lattice_site(bool fcc, int nx, int ny, std::int64_t index, double a);

/// The sites of nx x ny x nz cubic cells of edge a: 4 per cell for fcc, 1 for sc, offset by a/4
/// (fcc) or a/2 (sc) so that no site sits on a face of the box.
Positions lattice_positions(bool fcc, int nx, int ny, int nz, double a);

/// n points uniform in the box with no two closer than min_distance (periodic), by random
/// sequential addition: candidate k of particle i comes from Philox (seed, i, k), so the result
/// depends on the seed only. Throws simt::Error when a particle finds no room after many tries
/// (the density is too high for min_distance).
Positions random_positions(std::int64_t n, const std::array<double, 3>& box, double min_distance, std::uint64_t seed);

/// Velocities of particles of masses mass[i] from the Maxwell-Boltzmann distribution at
/// temperature kT (spread sqrt(kT/m) per component), drawn by Philox (seed, particle), shifted
/// by the centre-of-mass velocity (zero total momentum) and then scaled so that the kinetic
/// temperature sum m v^2 / (3n - 3) is exactly kT.
Positions maxwell_boltzmann(const std::vector<double>& mass, double kT, std::uint64_t seed);

/// maxwell_boltzmann one particle at a time, without storing the n velocities: the shift and the
/// scale come from sums over all particles in id order with each velocity drawn anew, so that
/// any subset (a rank's particles) gets the bits maxwell_boltzmann gives it.
class MaxwellBoltzmann {
   public:
    /// Two passes over the n particles; mass_of(i) is particle i's mass.
    MaxwellBoltzmann(std::int64_t n, const std::function<double(std::int64_t)>& mass_of, double kT, std::uint64_t seed);
    /// Particle i's velocity; `mass` is mass_of(i).
    std::array<double, 3> velocity(std::int64_t i, double mass) const;

   private:
    /// Particle i's draw before the shift and the scale.
    std::array<double, 3> drawn(std::int64_t i, double mass) const;
    std::uint64_t m_seed;
    std::array<double, 3> m_momentum{0, 0, 0};
    double m_total_mass = 0, m_scale = 0;
};

/// Philox stream numbers of the draws (the `stream` of philox_bits): one per purpose, so no
/// two purposes share random numbers. Per-step streams start at first_step_stream.
enum RandomStream : std::uint64_t {
    stream_velocities = 0,
    stream_positions = 1,
    stream_types = 2,
    first_step_stream = 16,
};
}  // namespace simt::particles
