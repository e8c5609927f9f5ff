// SPDX-License-Identifier: MIT
// Nosé-Hoover chain thermostat (Martyna, Klein and Tuckerman, J. Chem. Phys. 97, 2635 (1992)),
// integrated by the Trotter splitting of Martyna, Tuckerman, Tobias and Klein, Mol. Phys. 87,
// 1117 (1996): a half step of the chain before and after each velocity-Verlet step, each of
// which scales all velocities by one factor. Host code: the chain is a few scalars.
#pragma once
#include <vector>

namespace simt::particles {
class NoseHooverChain {
   public:
    /// `length` thermostats coupled to `dof` degrees of freedom with time constant tau:
    /// masses Q_1 = dof kT tau^2, Q_j = kT tau^2.
    NoseHooverChain(int length, double dof, double tau);

    /// Advances the chain by dt/2 given the particles' kinetic energy and the target kT;
    /// returns the factor by which the particles' velocities are to be scaled.
    double half_step(double kinetic, double kT, double dt);
    /// The chain's energy, sum Q_j v_j^2 / 2 + dof kT xi_1 + kT sum_{j>1} xi_j: with the
    /// particles' energy it makes the conserved quantity.
    double energy(double kT) const;

    std::vector<double> xi;  ///< thermostat positions
    std::vector<double> v;   ///< thermostat velocities

   private:
    double mass(int j, double kT) const { return (j == 0 ? m_dof : 1.0) * kT * m_tau * m_tau; }
    double m_dof, m_tau;
};
}  // namespace simt::particles
