// SPDX-License-Identifier: MIT
#include <simt/particles/bussi.hpp>

#include <cmath>

namespace simt::particles {
namespace {
/// Gamma(shape, 1) for shape >= 1 (Marsaglia and Tsang, ACM TOMS 26 (2000) 363).
double gamma_at_least_one(PhiloxStream& rng, double shape) {
    const double d = shape - 1.0 / 3.0, c = 1 / std::sqrt(9 * d);
    for (;;) {
        const double x = rng.normal_double();
        const double v = std::pow(1 + c * x, 3);
        if (v <= 0) continue;
        const double u = rng.uniform_double();
        if (u < 1 - 0.0331 * x * x * x * x) return d * v;
        if (std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
    }
}
}  // namespace

double chi_squared(PhiloxStream& rng, double dof) {
    if (dof <= 0) return 0;
    const double shape = dof / 2;
    if (shape >= 1) return 2 * gamma_at_least_one(rng, shape);
    // Gamma(a) = Gamma(a + 1) U^(1/a) for a < 1.
    const double g = gamma_at_least_one(rng, shape + 1);
    return 2 * g * std::pow(rng.uniform_double(), 1 / shape);
}

double bussi_kinetic_energy(double kinetic, double target, std::int64_t dof, double decay, PhiloxStream& rng) {
    // Bussi's reference resamplekin(): the exact solution of the kinetic-energy SDE over a step.
    const double r = rng.normal_double();
    const double noises = chi_squared(rng, double(dof - 1));
    return kinetic + (1 - decay) * (target * (noises + r * r) / double(dof) - kinetic) +
           2 * r * std::sqrt(kinetic * target / double(dof) * (1 - decay) * decay);
}
}  // namespace simt::particles
