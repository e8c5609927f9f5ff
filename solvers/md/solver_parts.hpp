// SPDX-License-Identifier: MIT
// What the md solver of one process (md/solver.hpp) and the one across ranks
// (md/ranks_solver.hpp) build alike: the pair table, the opening update of a step and its
// neighbour-check threshold, the observables from their totals, the particle fields.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/core/macros.hpp>
#include <simt/particles/box.hpp>
#include <simt/particles/initial_state.hpp>
#include <simt/particles/integrator_kernels.hpp>
#include <simt/particles/mass_table.hpp>
#include <simt/particles/potential_table.hpp>
#include <simt/solvers/solver.hpp>
#include "md/params.hpp"

namespace simt::md {
/// The fields md offers: per particle in id order, and g(r).
inline std::vector<std::string> particle_field_names() {
    return {"position", "velocity", "force", "image", "type", "rdf"};
}

/// Each type pair's coefficients for Potential in precision Real.
template <class Potential, class Real>
particles::PairTable<Real> pair_table(const Params& p) {
    particles::PairTable<Real> table;
    for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 3; ++b) {
            const PairParams& pp = p.pair[a][b];
            table.pair[a * particles::PairTable<Real>::max_types + b] =
                particles::pair_coefficients<Potential, Real>(pp.value, pp.r_cut, p.cutoff);
        }
    return table;
}

/// The squared displacement past which the lists are rebuilt: (skin/2)^2 lowered by 1e-9
/// relative and rounded down to Real, so that the wrapped position's rounding cannot hide a crossing.
template <class Real>
Real check_limit2(double skin) {
    const double skin2 = skin * skin / 4 * (1 - 1e-9);
    Real limit2 = Real(skin2);
    if (double(limit2) > skin2) limit2 = std::nextafter(limit2, Real(0));
    return limit2;
}

/// Calls open(label, extra bytes, opening) with the opening update of the step that follows
/// `steps` steps: Langevin's BAOA, or velocity Verlet's kick and drift after the thermostat's
/// opening scale (Nosé-Hoover's first half step; 1 otherwise).
template <class Real, class Open>
void with_opening(const Params& p, const particles::ParticlePointers<Real>& ptr, const particles::Box<Real>& box,
                  const particles::MassTable<Real>& mass, std::int64_t steps, double opening_scale, const Open& open) {
    if (p.integrator == Integrator::Langevin) {
        const double c1 = std::exp(-p.friction * p.dt);
        const double c2 = std::sqrt((1 - c1 * c1) * p.temperature);
        return open("md.langevin.baoa", 4.0 * double(ptr.n),
                    particles::LangevinBaoa<Real>{ptr, box, mass, Real(p.dt), Real(c1), Real(c2), p.seed,
                                                  std::uint64_t(particles::first_step_stream + steps)});
    }
    open("md.verlet.kick_drift", 0.0, particles::KickDrift<Real>{ptr, box, mass, Real(p.dt), Real(opening_scale)});
}

/// Sums over the particles that the observables are made of.
struct Totals {
    double energy = 0;
    double virial[6] = {};   ///< r_a F_b of the pairs: xx, yy, zz, xy, xz, yz
    double kinetic[6] = {};  ///< m v_a v_b, same order
    double squared_displacement = 0;
};
/// Axis a (`second` false) or b of tensor component c of Totals: xx, yy, zz, xy, xz, yz. A
/// function, not a table, so that kernels compiled for the GPU may call it.
SIMT_INLINE int tensor_axis(int c, bool second) {
    if (c < 3) return c;
    return second ? (c == 3 ? 1 : 2) : (c == 5 ? 1 : 0);
}

/// Energies [epsilon], temperature with 3N - 3 degrees of freedom, pressure and its tensor from
/// the virial [epsilon/sigma^3], mean-squared displacement since step 0 [sigma^2], the energy the
/// thermostat took out (Bussi, Nosé-Hoover only; total + this is conserved) and the list rebuilds.
inline Observables observables_from(const Totals& t, const Params& p, double volume, std::int64_t particles,
                                    double thermostat_energy, std::int64_t rebuilds) {
    double tensor[6];
    for (int c = 0; c < 6; ++c) tensor[c] = (t.kinetic[c] + t.virial[c]) / volume;
    const double ke = 0.5 * (t.kinetic[0] + t.kinetic[1] + t.kinetic[2]);
    Observables obs{{"kinetic_energy", ke},
                    {"potential_energy", t.energy},
                    {"total_energy", ke + t.energy},
                    {"temperature", 2 * ke / (3.0 * double(particles) - 3.0)},
                    {"pressure", (tensor[0] + tensor[1] + tensor[2]) / 3}};
    const char* names[6] = {"pressure_xx", "pressure_yy", "pressure_zz", "pressure_xy", "pressure_xz", "pressure_yz"};
    for (int c = 0; c < 6; ++c) obs.emplace_back(names[c], tensor[c]);
    obs.emplace_back("msd", t.squared_displacement / double(particles));
    // Only the deterministic thermostats keep an energy account; NVE and Langevin have none.
    if (p.integrator == Integrator::Bussi || p.integrator == Integrator::NoseHoover)
        obs.emplace_back("thermostat_energy", thermostat_energy);
    obs.emplace_back("neighbor_rebuilds", double(rebuilds));
    return obs;
}

/// Field `name` (not rdf) of n particles in id order: position, velocity and force from
/// `vectors` ([field][axis][id]), image and type from their arrays; ConfigError for another name.
template <class Real>
FieldRef particle_field(std::string_view name, Index n, Backend where, Real* vectors, std::int32_t* image,
                        std::int32_t* type) {
    const std::vector<std::string> names = particle_field_names();
    int slot = -1;
    for (int k = 0; k < int(names.size()); ++k)
        if (names[std::size_t(k)] == name) slot = k;
    if (slot < 0 || name == "rdf")
        throw ConfigError(fmt::format("md: no field '{}'; fields: position, velocity, force, image, type, rdf", name));
    FieldRef f;
    f.name = std::string(name);
    f.location = where;
    f.shape = {n, 3};
    f.strides = {1, n};
    if (name == "image") {
        f.dtype = io::DType::I32;
        f.data = image;
        return f;
    }
    if (name == "type") {
        f.dtype = io::DType::I32;
        f.shape = {n};
        f.strides = {1};
        f.data = type;
        return f;
    }
    f.dtype = std::is_same_v<Real, float> ? io::DType::F32 : io::DType::F64;
    f.data = vectors + 3 * n * slot;
    return f;
}

/// The field rdf: g(r) of `bins` bins at `g` (memory of `where`).
inline FieldRef rdf_field(double* g, int bins, Backend where) {
    FieldRef f;
    f.name = "rdf";
    f.location = where;
    f.dtype = io::DType::F64;
    f.shape = {Index(bins)};
    f.strides = {1};
    f.data = g;
    return f;
}
}  // namespace simt::md
