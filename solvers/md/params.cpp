// SPDX-License-Identifier: MIT
#include "md/params.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string_view>
#include <utility>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/core/philox.hpp>
#include <simt/io/hdf5_array.hpp>
#include "shared/grid_solver.hpp"

namespace simt::md {
namespace {
constexpr double unbounded = std::numeric_limits<double>::infinity();
constexpr const char* type_letters = "abc";
/// The cell list keeps start and end indices (8 bytes) for every cell of width r_cut + skin;
/// a box of more cells than this is a gas too dilute to simulate with it (and overflows 32-bit keys).
constexpr double max_list_cells = double(1 << 24);

std::string pair_name(int a, int b) { return {type_letters[std::min(a, b)], type_letters[std::max(a, b)]}; }

io::KeySpec steerable(io::KeySpec k) {
    k.steerable = true;
    return k;
}

/// A key of every type pair: a parameter of one or more potentials, which must agree on its
/// default and range, with what it means to each.
struct PairKey {
    particles::PotentialParameter spec;
    std::vector<std::pair<std::string, std::string>> meanings;  // description, the potentials' names

    std::string description() const {
        std::string out;
        for (const auto& [description, names] : meanings) out += (out.empty() ? "" : "; ") + names + ": " + description;
        return out;
    }
};

/// The per-pair keys of all `potentials`, in the order they first appear.
std::vector<PairKey> pair_keys(const std::vector<particles::PotentialInfo>& potentials) {
    std::vector<PairKey> keys;
    for (const particles::PotentialInfo& potential : potentials)
        for (int q = 0; q < potential.parameter_count; ++q) {
            const particles::PotentialParameter& spec = potential.parameters[q];
            auto key = std::find_if(keys.begin(), keys.end(),
                                    [&](const PairKey& k) { return std::string_view(k.spec.key) == spec.key; });
            if (key == keys.end()) key = keys.insert(keys.end(), PairKey{spec, {}});
            if (key->spec.default_value != spec.default_value || key->spec.min != spec.min ||
                key->spec.max != spec.max || key->spec.min_inclusive != spec.min_inclusive) {
                throw Error(
                    fmt::format("md: the potentials give the key {} of a type pair two defaults or ranges; "
                                "{} must agree with those before it",
                                spec.key, potential.name));
            }
            auto meaning = std::find_if(key->meanings.begin(), key->meanings.end(),
                                        [&](const auto& m) { return m.first == spec.description; });
            if (meaning == key->meanings.end())
                key->meanings.emplace_back(spec.description, potential.name);
            else
                meaning->second += std::string(", ") + potential.name;
        }
    return keys;
}
}  // namespace

io::Schema schema(const std::vector<particles::PotentialInfo>& potentials) {
    io::Schema s;
    s.add(io::string_key(
        "system.lattice", "fcc", {"fcc", "sc", "random", "file"},
        "initial positions: fcc or simple-cubic lattice, random with a minimum distance, or an HDF5 file"));
    s.add(io::integer_key("system.nx", 5, 1, 1 << 12, "lattice cells along x (fcc: 4 particles per cell)"));
    s.add(io::integer_key("system.ny", 5, 1, 1 << 12, "lattice cells along y"));
    s.add(io::integer_key("system.nz", 5, 1, 1 << 12, "lattice cells along z"));
    s.add(io::real_key("system.density", 0.8442, 0, unbounded,
                       "number density [sigma^-3]: sets the box of lattice and random", true));
    s.add(io::integer_key("system.particles", 1000, 1, (1LL << 31) - 1, "particle count of lattice: random"));
    s.add(io::real_key("system.min_distance", 0.9, 0, unbounded, "smallest pair distance of lattice: random [sigma]"));
    s.add(io::path_key("system.file",
                       "HDF5 file of lattice: file (positions, box edges), relative to the scenario's directory"));
    s.add(io::string_key("system.position_dataset", "/particles/all/position/value", {},
                         "dataset of the positions in system.file, (N, 3) or (frames, N, 3): the last frame (H5MD)"));
    s.add(io::string_key("system.box_dataset", "/particles/all/box/edges/value", {},
                         "dataset of the box edges in system.file, (3) or (frames, 3): the last frame (H5MD)"));
    s.add(io::integer_key("system.types", 1, 1, 3, "particle types (species A, B, C)"));
    s.add(io::real_key("system.fraction_b", 0.0, 0, 1, "fraction of the particles of type B (exact count, rounded)"));
    s.add(io::real_key("system.fraction_c", 0.0, 0, 1, "fraction of the particles of type C"));
    for (int t = 0; t < 3; ++t)
        s.add(io::real_key(fmt::format("system.mass_{}", type_letters[t]), 1.0, 0, unbounded,
                           fmt::format("mass of the particles of type {} [m]", char('A' + t)), true));
    s.add(io::real_key("initial.temperature", 1.0, 0, unbounded,
                       "Maxwell-Boltzmann temperature of the initial velocities [epsilon/k_B], zero momentum"));
    std::vector<std::string> names;
    std::string kinds;
    for (const particles::PotentialInfo& potential : potentials) {
        names.emplace_back(potential.name);
        kinds += fmt::format("{}{}: {}", kinds.empty() ? "" : "; ", potential.name, potential.summary);
    }
    s.add(io::string_key("potential.type", names.front(), names, kinds));
    s.add(io::string_key("potential.cutoff", "shift", {"plain", "shift", "force_shift"},
                         "plain: V(r); shift: V(r) - V(r_c); force_shift: energy and force both vanish at r_c"));
    const std::vector<PairKey> pair_key = pair_keys(potentials);
    for (int a = 0; a < 3; ++a)
        for (int b = a; b < 3; ++b) {
            const std::string p = "potential." + pair_name(a, b) + ".";
            for (const PairKey& key : pair_key) {
                s.add(io::real_key(p + key.spec.key, key.spec.default_value, key.spec.min, key.spec.max,
                                   key.description() + " (this type pair)", !key.spec.min_inclusive));
            }
            s.add(io::real_key(p + "r_cut", 2.5, 0, unbounded, "cut-off radius of this type pair [sigma]", true));
        }
    s.add(io::string_key(
        "integrator.type", "nve", {"nve", "langevin", "bussi", "nose_hoover"},
        "nve: velocity Verlet; langevin: BAOAB; bussi: stochastic velocity rescaling; nose_hoover: chains"));
    s.add(io::real_key("integrator.dt", 0.005, 0, unbounded, "time step [sigma sqrt(m/epsilon)]", true));
    s.add(steerable(io::real_key("thermostat.temperature", 1.0, 0, unbounded, "target temperature [epsilon/k_B]")));
    s.add(io::real_key("thermostat.friction", 1.0, 0, unbounded, "langevin: friction gamma [1/time]", true));
    s.add(io::real_key("thermostat.tau", 0.5, 0, unbounded, "bussi, nose_hoover: relaxation time [time]", true));
    s.add(io::integer_key("thermostat.chain", 3, 1, 10, "nose_hoover: thermostats in the chain"));
    s.add(io::real_key("neighbor.skin", 0.3, 0, unbounded,
                       "Verlet-list skin: the list holds pairs within r_c + skin [sigma]"));
    s.add(io::integer_key("neighbor.check_every", 1, 1, 1 << 20,
                          "steps between displacement checks; the list is rebuilt when one particle moved > skin/2"));
    s.add(io::integer_key(
        "output.trajectory_every", 0, 0, unbounded,
        "write position, velocity, force and image to <output.dir>/trajectory.h5 (H5MD) every k steps; 0 never"));
    s.add(io::integer_key("observables.rdf_bins", 100, 1, 1 << 16,
                          "bins of the field rdf, the radial distribution function g(r) on [0, largest r_cut)"));
    s.add(io::integer_key("neighbor.sort_every", 10, 0, 1 << 20,
                          "list builds between reorderings of the particles by cell (memory locality); 0 never"));
    s.add(io::integer_key("neighbor.threads_per_particle", 0, 0, 8,
                          "GPU force pass: threads sharing one particle's neighbours, 1, 2, 4 or 8; 0 picks by N"));
    s.add(io::bool_key("neighbor.deterministic", false,
                       "sum each particle's forces and the thermostats' kinetic energy in the order of the particle "
                       "ids, so that any number of ranks gives the same bits (docs/parallel.md); slower"));
    add_rank_grid_keys(s);
    return s;
}

Params Params::from(const io::Params& p, const std::vector<particles::PotentialInfo>& potentials, bool read_files) {
    Params m;
    m.lattice = p.string("system.lattice");
    m.cells[0] = int(p.integer("system.nx"));
    m.cells[1] = int(p.integer("system.ny"));
    m.cells[2] = int(p.integer("system.nz"));
    m.density = p.real("system.density");
    m.min_distance = p.real("system.min_distance");
    m.file = p.string("system.file");
    m.position_dataset = p.string("system.position_dataset");
    m.box_dataset = p.string("system.box_dataset");
    if (m.lattice == "fcc" || m.lattice == "sc") {
        const int per_cell = m.lattice == "fcc" ? 4 : 1;
        const double a = std::cbrt(per_cell / m.density);
        m.particles = std::int64_t(per_cell) * m.cells[0] * m.cells[1] * m.cells[2];
        for (int d = 0; d < 3; ++d) m.box[std::size_t(d)] = m.cells[d] * a;
    } else if (m.lattice == "random") {
        m.particles = p.integer("system.particles");
        m.box.fill(std::cbrt(double(m.particles) / m.density));
    } else {
        if (m.file.empty()) throw ConfigError("md: system.lattice = file needs system.file (an HDF5 file)");
        if (read_files) {
            const io::Hdf5Array edges = io::read_hdf5_array(m.file, m.box_dataset);
            if (edges.dims.empty() || edges.dims.back() != 3 || edges.dims.size() > 2 || edges.values.size() < 3) {
                throw ConfigError(
                    fmt::format("md: {}:{} must have shape (3) or (frames, 3): the box edges", m.file, m.box_dataset));
            }
            const std::size_t last = edges.values.size() - 3;  // the last frame
            for (std::size_t d = 0; d < 3; ++d) m.box[d] = edges.values[last + d];
            m.particles = std::int64_t(m.positions().size());
        }
    }
    if (m.particles >= (std::int64_t(1) << 31)) throw ConfigError("md: more than 2^31 - 1 particles");

    m.types = int(p.integer("system.types"));
    m.fraction[1] = m.types >= 2 ? p.real("system.fraction_b") : 0.0;
    m.fraction[2] = m.types >= 3 ? p.real("system.fraction_c") : 0.0;
    m.fraction[0] = 1 - m.fraction[1] - m.fraction[2];
    if (m.fraction[0] < 0) throw ConfigError("md: system.fraction_b + system.fraction_c must be <= 1");
    for (int t = 0; t < m.types; ++t) m.mass[t] = p.real(fmt::format("system.mass_{}", type_letters[t]));
    m.initial_temperature = p.real("initial.temperature");

    // The schema allows only the potentials' names.
    const std::string& type = p.string("potential.type");
    while (potentials[std::size_t(m.potential)].name != type) ++m.potential;
    const particles::PotentialInfo& potential = potentials[std::size_t(m.potential)];
    const std::string& cutoff = p.string("potential.cutoff");
    m.cutoff = potential.cutoff_mode(cutoff == "plain"   ? particles::CutoffMode::Plain
                                     : cutoff == "shift" ? particles::CutoffMode::EnergyShift
                                                         : particles::CutoffMode::ForceShift);
    for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 3; ++b) {
            const std::string k = "potential." + pair_name(a, b) + ".";
            PairParams& pp = m.pair[a][b];
            for (int q = 0; q < potential.parameter_count; ++q) pp.value[q] = p.real(k + potential.parameters[q].key);
            pp.r_cut = potential.cutoff(pp.value, p.real(k + "r_cut"));
        }

    const std::string& integrator = p.string("integrator.type");
    m.integrator = integrator == "langevin"      ? Integrator::Langevin
                   : integrator == "bussi"       ? Integrator::Bussi
                   : integrator == "nose_hoover" ? Integrator::NoseHoover
                                                 : Integrator::Nve;
    m.dt = p.real("integrator.dt");
    m.temperature = p.real("thermostat.temperature");
    m.friction = p.real("thermostat.friction");
    m.tau = p.real("thermostat.tau");
    m.chain = int(p.integer("thermostat.chain"));
    m.skin = p.real("neighbor.skin");
    m.check_every = int(p.integer("neighbor.check_every"));
    m.sort_every = int(p.integer("neighbor.sort_every"));
    m.threads_per_particle = int(p.integer("neighbor.threads_per_particle"));
    m.deterministic = p.boolean("neighbor.deterministic");
    m.ranks = read_rank_grid(p);
    if (m.threads_per_particle & (m.threads_per_particle - 1))
        throw ConfigError(fmt::format("md: neighbor.threads_per_particle is {}; allowed: 0 (by N), 1, 2, 4, 8",
                                      m.threads_per_particle));
    m.rdf_bins = int(p.integer("observables.rdf_bins"));
    m.seed = std::uint64_t(p.integer("seed"));

    for (int a = 0; a < m.types; ++a)
        for (int b = a; b < m.types; ++b) {
            const double least = potential.min_cutoff(m.pair[a][b].value);
            if (m.pair[a][b].r_cut < least) {
                throw ConfigError(fmt::format("md: potential.{}.r_cut = {} is below {:g}, the least {} allows: {}",
                                              pair_name(a, b), m.pair[a][b].r_cut, least, potential.name,
                                              potential.min_cutoff_rule));
            }
        }
    // The minimum image finds every pair within r_c + skin only in a box at least twice as long.
    const double r_list = m.r_cut_max() + m.skin;
    if (m.lattice != "file" || read_files) {
        double list_cells = 1;
        for (int d = 0; d < 3; ++d) list_cells *= std::floor(m.box[std::size_t(d)] / r_list);
        if (!(list_cells <= max_list_cells)) {
            throw ConfigError(
                fmt::format("md: the box is {:.4g} x {:.4g} x {:.4g} sigma: {:.4g} cells of the neighbour "
                            "list (width r_cut + skin = {:.4g}), more than {:.4g}; raise system.density "
                            "or lengthen the cut-off",
                            m.box[0], m.box[1], m.box[2], list_cells, r_list, max_list_cells));
        }
        for (int d = 0; d < 3; ++d)
            if (m.box[std::size_t(d)] < 2 * r_list) {
                throw ConfigError(
                    fmt::format("md: the box is {:.4g} sigma long along {}, shorter than twice r_cut + "
                                "skin = {:.4g}; add particles (lattice cells) or shorten the cut-off",
                                m.box[std::size_t(d)], "xyz"[d], 2 * r_list));
            }
        // A particle at the initial (or thermostat) temperature must not cross half the box in a
        // step: beyond, the minimum image is meaningless and image counts overflow.
        const double temperature =
            std::max(m.initial_temperature, m.integrator == Integrator::Nve ? 0.0 : m.temperature);
        const double lightest = *std::min_element(m.mass, m.mass + m.types);
        const double step_length = m.dt * std::sqrt(3 * temperature / lightest);
        const double half_box = 0.5 * *std::min_element(m.box.begin(), m.box.end());
        if (!(step_length <= half_box)) {
            throw ConfigError(
                fmt::format("md: at temperature {:g} a particle of mass {:g} moves {:.4g} sigma a step "
                            "(dt sqrt(3 T / m)), more than half the box ({:.4g}); lower the temperature "
                            "or integrator.dt",
                            temperature, lightest, step_length, half_box));
        }
    }
    return m;
}

double Params::r_cut_max() const {
    double r = 0;
    for (int a = 0; a < types; ++a)
        for (int b = 0; b < types; ++b) r = std::max(r, pair[a][b].r_cut);
    return r;
}

particles::Positions Params::positions() const {
    particles::Positions x;
    if (lattice == "fcc" || lattice == "sc") {
        x = particles::lattice_positions(lattice == "fcc", cells[0], cells[1], cells[2], box[0] / cells[0]);
    } else if (lattice == "random") {
        x = particles::random_positions(particles, box, min_distance, seed);
    } else {
        const io::Hdf5Array a = io::read_hdf5_array(file, position_dataset);
        if (a.dims.size() < 2 || a.dims.back() != 3) {
            throw ConfigError(
                fmt::format("md: {}:{} must have shape (N, 3) or (frames, N, 3)", file, position_dataset));
        }
        const std::size_t n = a.dims[a.dims.size() - 2];
        const std::size_t first = a.values.size() - 3 * n;  // the last frame
        for (std::size_t i = 0; i < n; ++i)
            x.push_back({a.values[first + 3 * i], a.values[first + 3 * i + 1], a.values[first + 3 * i + 2]});
    }
    for (auto& xi : x) wrap(xi);
    return x;
}

void Params::wrap(std::array<double, 3>& x) const {
    for (std::size_t d = 0; d < 3; ++d) x[d] -= box[d] * std::floor(x[d] / box[d]);
}

std::uint64_t Params::type_key(std::int64_t id) const {
    const Philox4 bits = philox_bits(seed, particles::stream_types, std::uint64_t(id));
    return (std::uint64_t(bits.v[0]) << 32) | bits.v[1];
}

std::array<std::int64_t, 2> Params::type_counts() const {
    const std::int64_t b = std::llround(fraction[1] * double(particles));
    return {b, std::min(particles - b, std::int64_t(std::llround(fraction[2] * double(particles))))};
}

std::vector<double> Params::particle_masses() const {
    std::vector<double> mass;
    for (std::int32_t t : particle_types()) mass.push_back(this->mass[t]);
    return mass;
}

std::vector<std::int32_t> Params::particle_types() const {
    const auto n = std::size_t(particles);
    std::vector<std::int32_t> type(n, 0);
    if (types == 1) return type;
    // Ids in an order drawn from Philox (seed, id): the first n_B are B, the next n_C are C.
    std::vector<std::uint64_t> key(n);
    for (std::size_t i = 0; i < n; ++i) key[i] = type_key(std::int64_t(i));
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return key[a] != key[b] ? key[a] < key[b] : a < b; });
    const auto counts = type_counts();
    const auto nb = std::size_t(counts[0]), nc = std::size_t(counts[1]);
    for (std::size_t k = 0; k < nb + nc; ++k) type[order[k]] = k < nb ? 1 : 2;
    return type;
}
}  // namespace simt::md
