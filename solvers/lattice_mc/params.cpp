// SPDX-License-Identifier: MIT
#include "lattice_mc/params.hpp"

#include <cmath>
#include <limits>
#include <fmt/format.h>
#include <simt/core/comm.hpp>
#include <simt/core/error.hpp>
#include "shared/grid_solver.hpp"

namespace simt::lattice_mc {
using spins::Algorithm;

constexpr double unbounded = std::numeric_limits<double>::infinity();

io::Schema schema() {
    io::Schema s;
    s.add(io::integer_key("lattice.dim", 2, 2, 3, "2: square lattice, 3: simple cubic; periodic"));
    s.add(io::integer_key("lattice.L", 64, 4, 65536,
                          "side [sites], even; at most 2048 in 3-D; a multiple of 32 for update multispin"));
    s.add(io::string_key(
        "physics.model", "ising", {"ising", "potts"},
        "ising: H = -J sum s_i s_j - h sum s_i (s = +-1); potts: H = -J sum delta(s_i, s_j) - h sum delta(s_i, 0)"));
    s.add(io::integer_key("physics.q", 2, 2, spins::max_potts_states, "potts: states per spin (ising is q = 2)"));
    s.add(io::real_key("physics.J", 1.0, -1e6, 1e6, "coupling [energy]; > 0 ferromagnetic"));
    io::KeySpec h = io::real_key("physics.h", 0.0, -1e6, 1e6, "external field [energy]; cluster updates need 0");
    h.steerable = true;
    s.add(h);
    io::KeySpec T =
        io::real_key("physics.T", 2.269185314213022, 1e-3, 1e6,
                     "temperature [energy], k_B = 1; below 1e-3 J/T and h/T leave double range in the tables");
    T.steerable = true;
    s.add(T);
    s.add(io::string_key("update.method", "metropolis",
                         {"metropolis", "heat_bath", "multispin", "wolff", "swendsen_wang"},
                         "one step = one sweep: checkerboard Metropolis or heat bath, multi-spin Ising Metropolis "
                         "(2-D, L a multiple of 32), or clusters (h = 0, J > 0; on the host)"));
    s.add(io::integer_key("update.wolff_clusters", 1, 1, 1 << 30, "wolff: clusters per step"));
    s.add(io::string_key("initial.start", "random", {"random", "ordered"},
                         "random: each spin uniform; ordered: all in state 0"));
    s.add(io::integer_key("measure.thermalise", 0, 0, unbounded, "sweeps before samples enter the estimates"));
    s.add(io::integer_key("measure.every", 1, 1, unbounded, "sweeps between samples"));
    s.add(io::integer_key("tempering.replicas", 1, 1, 256,
                          "> 1: parallel tempering, one replica per temperature from physics.T to tempering.T_max; "
                          "a step is then sweeps_per_exchange sweeps of every replica and one round of exchanges"));
    s.add(io::real_key("tempering.T_max", 0.0, 0, 1e6, "the ladder's highest temperature, above physics.T"));
    s.add(io::integer_key("tempering.sweeps_per_exchange", 1, 1, 1 << 20, "sweeps of every replica between exchanges"));
    add_rank_grid_keys(s);
    return s;
}

namespace {
Algorithm algorithm_of(const std::string& name) {
    if (name == "heat_bath") return Algorithm::heat_bath;
    if (name == "multispin") return Algorithm::multispin;
    if (name == "wolff") return Algorithm::wolff;
    if (name == "swendsen_wang") return Algorithm::swendsen_wang;
    return Algorithm::metropolis;
}
}  // namespace

Params Params::from(const io::Params& p) {
    Params out;
    spins::ChainParams& c = out.chain;
    c.lattice = {int(p.integer("lattice.dim")), int(p.integer("lattice.L"))};
    c.model.model = p.string("physics.model") == "potts" ? spins::Model::potts : spins::Model::ising;
    c.model.q = int(p.integer("physics.q"));
    c.model.J = p.real("physics.J");
    c.model.h = p.real("physics.h");
    c.model.T = p.real("physics.T");
    c.algorithm = algorithm_of(p.string("update.method"));
    c.wolff_clusters = int(p.integer("update.wolff_clusters"));
    c.seed = std::uint64_t(p.integer("seed"));
    c.start = p.string("initial.start") == "ordered" ? spins::Start::ordered : spins::Start::random;
    out.thermalise = p.integer("measure.thermalise");
    out.every = p.integer("measure.every");
    out.replicas = int(p.integer("tempering.replicas"));
    out.T_max = p.real("tempering.T_max");
    out.sweeps_per_exchange = int(p.integer("tempering.sweeps_per_exchange"));
    out.ranks = read_rank_grid(p);
    const Comm& ranks = Comm::world();
    const bool cluster = c.algorithm == Algorithm::wolff || c.algorithm == Algorithm::swendsen_wang;
    if (ranks.parallel() && (cluster || out.replicas > 1)) {
        throw ConfigError(
            fmt::format("lattice_mc: {} runs in one process only, not across {} ranks; under mpirun use update.method "
                        "metropolis, heat_bath or multispin with tempering.replicas = 1",
                        out.replicas > 1 ? "parallel tempering (tempering.replicas > 1)"
                                         : fmt::format("update.method = {}", p.string("update.method")),
                        ranks.size()));
    }
    // Its words hold 16 sites of a row: blocks are whole rows.
    if (ranks.parallel() && c.algorithm == Algorithm::multispin && out.ranks[0] > 1) {
        throw ConfigError(
            fmt::format("lattice_mc: update.method = multispin splits the lattice along y only; "
                        "parallel.ranks_x = {} must be 0 or 1",
                        out.ranks[0]));
    }
    if (out.replicas > 1 && !(out.T_max > c.model.T)) {
        throw ConfigError(fmt::format("lattice_mc: tempering.T_max = {} must be above physics.T = {} for {} replicas",
                                      out.T_max, c.model.T, out.replicas));
    }
    try {
        if (out.replicas > 1) {
            spins::check_tempering(out.tempering());
        } else {
            spins::check_chain(c);
        }
    } catch (const ConfigError&) {
        throw;
    } catch (const Error& e) {
        // The kernels' rule, in the scenario's words.
        throw ConfigError(fmt::format("lattice_mc: {}", e.what()));
    }
    return out;
}

spins::TemperingParams Params::tempering() const {
    spins::TemperingParams t;
    t.chain = chain;
    t.sweeps_per_exchange = sweeps_per_exchange;
    const double b_lo = 1 / chain.model.T, b_hi = 1 / T_max;
    for (int k = 0; k < replicas; ++k) {
        t.temperatures.push_back(k + 1 == replicas ? T_max : 1 / (b_lo + (b_hi - b_lo) * k / (replicas - 1)));
    }
    return t;
}
}  // namespace simt::lattice_mc
