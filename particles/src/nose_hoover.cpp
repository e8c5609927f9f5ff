// SPDX-License-Identifier: MIT
#include <simt/particles/nose_hoover.hpp>

#include <cmath>

namespace simt::particles {
NoseHooverChain::NoseHooverChain(int length, double dof, double tau)
    : xi(std::size_t(length), 0.0), v(std::size_t(length), 0.0), m_dof(dof), m_tau(tau) {}

double NoseHooverChain::half_step(double kinetic, double kT, double dt) {
    const int m = int(v.size());
    const double quarter = dt / 4, eighth = dt / 8;
    // The force on thermostat j: the excess kinetic energy of what it thermostats.
    const auto force = [&](int j, double k2) {
        return j == 0 ? (k2 - m_dof * kT) / mass(0, kT) : (mass(j - 1, kT) * v[j - 1] * v[j - 1] - kT) / mass(j, kT);
    };
    const auto update = [&](int j, double k2) {
        if (j + 1 < m) v[j] *= std::exp(-eighth * v[j + 1]);
        v[j] += quarter * force(j, k2);
        if (j + 1 < m) v[j] *= std::exp(-eighth * v[j + 1]);
    };
    double k2 = 2 * kinetic;
    for (int j = m - 1; j >= 0; --j) update(j, k2);
    const double scale = std::exp(-0.5 * dt * v[0]);
    k2 *= scale * scale;
    for (int j = 0; j < m; ++j) xi[std::size_t(j)] += 0.5 * dt * v[std::size_t(j)];
    for (int j = 0; j < m; ++j) update(j, k2);
    return scale;
}

double NoseHooverChain::energy(double kT) const {
    double e = 0;
    for (std::size_t j = 0; j < v.size(); ++j) {
        e += 0.5 * mass(int(j), kT) * v[j] * v[j] + (j == 0 ? m_dof : 1.0) * kT * xi[j];
    }
    return e;
}
}  // namespace simt::particles
