// SPDX-License-Identifier: MIT
// The md solver's scenario keys and their validated form. Reduced Lennard-Jones units: lengths
// in sigma, energies in epsilon, masses in m (the mass of a type-A particle, normally 1), time in
// sigma sqrt(m / epsilon), temperature in epsilon / k_B (docs/md.md).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>
#include <simt/io/params.hpp>
#include <simt/io/schema.hpp>
#include <simt/particles/initial_state.hpp>
#include <simt/particles/pair_potential.hpp>
#include <simt/particles/potential_table.hpp>

namespace simt::md {
/// The md keys (the common ones come from the registry), potential.type among `potentials`.
io::Schema schema(const std::vector<particles::PotentialInfo>& potentials);

enum class Integrator { Nve, Langevin, Bussi, NoseHoover };

/// One type pair's potential coefficients, in the order of the potential's parameters, and its
/// cut-off with the potential's rule applied (WCA's is its own).
struct PairParams {
    double value[particles::max_potential_parameters] = {};
    double r_cut = 2.5;
};

struct Params {
    // The initial configuration.
    std::string lattice = "fcc";  ///< fcc | sc | random | file
    int cells[3] = {5, 5, 5};
    double density = 0.8442;
    std::int64_t particles = 0;  ///< the count, whatever the lattice
    double min_distance = 0.9;
    std::string file, position_dataset, box_dataset;
    std::array<double, 3> box{1, 1, 1};
    int types = 1;
    double fraction[3] = {1, 0, 0};  ///< of types A, B, C
    double mass[3] = {1, 1, 1};      ///< of types A, B, C [m]
    double initial_temperature = 1;

    // The interaction.
    int potential = 0;  ///< the index in the potential table
    particles::CutoffMode cutoff = particles::CutoffMode::EnergyShift;
    PairParams pair[3][3];

    // The integration.
    Integrator integrator = Integrator::Nve;
    double dt = 0.005;
    double temperature = 1, friction = 1, tau = 0.5;
    int chain = 3;
    double skin = 0.3;
    int check_every = 1, sort_every = 10;
    int threads_per_particle = 0;  ///< GPU force pass; 0: by the particle count
    bool deterministic = false;    ///< forces and thermostat sums in particle-id order (md/ranks_solver.hpp)
    std::array<int, 3> ranks{0, 0, 0};  ///< parallel.ranks_x, _y, _z; 0: chosen
    int rdf_bins = 100;            ///< bins of g(r) on [0, r_cut_max)
    std::uint64_t seed = 0;

    /// Validates p (ConfigError naming the key otherwise), potential.type among `potentials`.
    /// Reads the box of a file lattice only with `read_files`, so `simt validate` allocates nothing.
    static Params from(const io::Params& p, const std::vector<particles::PotentialInfo>& potentials,
                       bool read_files = true);
    /// The largest cut-off over the type pairs present.
    double r_cut_max() const;
    /// Initial positions (rows of x, y, z) for this configuration, wrapped into the box.
    particles::Positions positions() const;
    /// x wrapped into the box, as positions() wraps each site.
    void wrap(std::array<double, 3>& x) const;
    /// Type of each particle id: exact counts of B and C spread over the ids by Philox.
    std::vector<std::int32_t> particle_types() const;
    /// The Philox key of particle `id` that particle_types sorts by (ties by id): the
    /// type_counts()[0] smallest are B, the next type_counts()[1] C.
    std::uint64_t type_key(std::int64_t id) const;
    /// How many particles are of type B and of type C.
    std::array<std::int64_t, 2> type_counts() const;
    /// Mass of each particle id [m].
    std::vector<double> particle_masses() const;
};
}  // namespace simt::md
