// SPDX-License-Identifier: MIT
#include "lattice_mc/register.hpp"

#include <cmath>
#include <limits>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/solvers/registry.hpp>
#include <simt/spins/bit_pack.hpp>
#include <simt/spins/spin_chain.hpp>
#include <simt/spins/statistics.hpp>
#include "framework/checkpoint_rules.hpp"

namespace simt::lattice_mc {
using spins::Algorithm;

constexpr double unbounded = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

io::Schema schema() {
    io::Schema s;
    s.add(io::integer_key("lattice.dim", 2, 2, 3, "2: square lattice, 3: simple cubic; periodic"));
    s.add(io::integer_key("lattice.L", 64, 4, 65536,
                          "side [sites], even; at most 2048 in 3-D; a multiple of 32 for update multispin"));
    s.add(io::string_key("physics.model", "ising", {"ising", "potts"},
                         "ising: H = -J sum s_i s_j - h sum s_i (s = +-1); potts: H = -J sum delta(s_i, s_j) - h sum delta(s_i, 0)"));
    s.add(io::integer_key("physics.q", 2, 2, spins::max_potts_states, "potts: states per spin (ising is q = 2)"));
    s.add(io::real_key("physics.J", 1.0, -1e6, 1e6, "coupling [energy]; > 0 ferromagnetic"));
    io::KeySpec h = io::real_key("physics.h", 0.0, -1e6, 1e6, "external field [energy]; cluster updates need 0");
    h.steerable = true;
    s.add(h);
    io::KeySpec T = io::real_key("physics.T", 2.269185314213022, 1e-3, 1e6,
                                  "temperature [energy], k_B = 1; below 1e-3 J/T and h/T leave double range in the tables");
    T.steerable = true;
    s.add(T);
    s.add(io::string_key("update.method", "metropolis", {"metropolis", "heat_bath", "multispin", "wolff", "swendsen_wang"},
                         "one step = one sweep: checkerboard Metropolis or heat bath, multi-spin Ising Metropolis "
                         "(2-D, L a multiple of 32), or clusters (h = 0, J > 0; on the host)"));
    s.add(io::integer_key("update.wolff_clusters", 1, 1, 1 << 30, "wolff: clusters per step"));
    s.add(io::string_key("initial.start", "random", {"random", "ordered"}, "random: each spin uniform; ordered: all in state 0"));
    s.add(io::integer_key("measure.thermalise", 0, 0, unbounded, "sweeps before samples enter the estimates"));
    s.add(io::integer_key("measure.every", 1, 1, unbounded, "sweeps between samples"));
    return s;
}

Algorithm algorithm_of(const std::string& name) {
    if (name == "heat_bath") return Algorithm::heat_bath;
    if (name == "multispin") return Algorithm::multispin;
    if (name == "wolff") return Algorithm::wolff;
    if (name == "swendsen_wang") return Algorithm::swendsen_wang;
    return Algorithm::metropolis;
}

struct Params {
    spins::ChainParams chain;
    std::int64_t thermalise = 0, every = 1;

    static Params from(const io::Params& p) {
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
        try {
            spins::check_chain(c);
        } catch (const ConfigError&) {
            throw;
        } catch (const Error& e) {
            // The kernels' rule, in the scenario's words.
            throw ConfigError(fmt::format("lattice_mc: {}", e.what()));
        }
        return out;
    }
};

/// The sample series' datasets in checkpoints.
constexpr const char* series_fields[3] = {"sample_energy", "sample_m", "sample_abs_m"};

class LatticeMcSolver final : public Solver {
   public:
    LatticeMcSolver(const Params& p, const Context& ctx)
        : m_p(p), m_ctx(ctx), m_chain(ctx, p.chain), m_series_start(p.thermalise) {}

    void step(std::int64_t n) override {
        for (std::int64_t k = 0; k < n; ++k) {
            m_chain.sweep(1);
            const std::int64_t since = m_chain.sweeps() - m_series_start;
            if (since >= 0 && since % m_p.every == 0) m_series.push_back(m_chain.measure());
        }
    }
    double time() const override { return double(m_chain.sweeps()); }
    std::int64_t steps() const override { return m_chain.sweeps(); }
    std::vector<std::string> field_names() const override { return {"spin"}; }
    FieldRef field(std::string_view name) override {
        if (name != "spin") throw ConfigError(fmt::format("lattice_mc: no field '{}'; fields: spin", name));
        const spins::Lattice& lat = m_p.chain.lattice;
        FieldRef f;
        f.name = "spin";
        f.dtype = io::DType::U8;
        f.shape.assign(std::size_t(lat.dim), Index(lat.L));
        Index stride = 1;
        for (int d = 0; d < lat.dim; ++d, stride *= lat.L) f.strides.push_back(stride);
        f.data = const_cast<std::uint8_t*>(m_chain.bytes());
        f.location = m_ctx.backend();
        return f;
    }

    Observables observables() override {
        const spins::Sample now = m_chain.measure();
        Observables obs{{"energy", now.energy}, {"m", now.m}, {"abs_m", now.abs_m}, {"samples", double(m_series.size())}};
        spins::Thermodynamics t;
        const bool enough = m_series.size() >= 32;
        if (enough) t = spins::thermodynamics(m_series, m_chain.params().model.T, m_p.chain.lattice.sites());
        auto add = [&](const char* name, const spins::Estimate& e) {
            obs.emplace_back(name, enough ? e.value : nan);
            obs.emplace_back(fmt::format("{}_error", name), enough ? e.error : nan);
        };
        add("energy_mean", t.energy);
        add("abs_m_mean", t.abs_m);
        add("specific_heat", t.specific_heat);
        add("susceptibility", t.susceptibility);
        add("binder", t.binder);
        obs.emplace_back("tau_energy", enough ? t.tau_energy : nan);
        obs.emplace_back("tau_abs_m", enough ? t.tau_abs_m : nan);
        return obs;
    }

    /// A new temperature or field starts a new series: the estimates are equilibrium averages
    /// at one state point, so its samples start measure.thermalise sweeps later.
    void set(std::string_view key, const Value& v) override {
        try {
            if (key == "physics.T") {
                m_chain.set_temperature(std::get<double>(v));
            } else if (key == "physics.h") {
                m_chain.set_field(std::get<double>(v));
            } else {
                throw ConfigError(fmt::format("lattice_mc: '{}' is not steerable", key));
            }
        } catch (const ConfigError&) {
            throw;
        } catch (const Error& e) {
            throw ConfigError(fmt::format("lattice_mc: {}", e.what()));
        }
        m_series.clear();
        m_series_start = m_chain.sweeps() + m_p.thermalise;
    }

    void save(io::CheckpointWriter& out) override {
        const auto words = spins::pack_spins(m_chain.spins(), m_p.chain.model.q);
        // HDF5 gets the words as int64: the same 64 bits.
        std::vector<std::int64_t> bits(words.begin(), words.end());
        out.write_field("spins", bits.data(), {bits.size()});
        out.write_state("series_start", Value(m_series_start));
        out.write_state("samples", Value(std::int64_t(m_series.size())));
        if (m_series.empty()) return;
        std::vector<double> column(m_series.size());
        for (int c = 0; c < 3; ++c) {
            for (std::size_t i = 0; i < m_series.size(); ++i) column[i] = component(m_series[i], c);
            out.write_field(series_fields[c], column.data(), {column.size()});
        }
    }
    void load(const io::CheckpointReader& in) override {
        const std::size_t sites = std::size_t(m_p.chain.lattice.sites());
        const int q = m_p.chain.model.q;
        std::vector<std::int64_t> bits((sites * std::size_t(spins::bits_per_spin(q)) + 63) / 64);
        in.read_field("spins", bits.data(), bits.size());
        std::vector<std::uint8_t> s;
        try {
            s = spins::unpack_spins(std::vector<std::uint64_t>(bits.begin(), bits.end()), sites, q);
        } catch (const Error& e) {
            in.reject("/fields/spins", e.what());
        }
        m_chain.restore(s, in.meta().step);
        m_series_start = checkpoint_rules::non_negative_state(in, "series_start");
        const std::int64_t samples = checkpoint_rules::non_negative_state(in, "samples");
        m_series.assign(std::size_t(samples), spins::Sample{});
        std::vector<double> column(static_cast<std::size_t>(samples));
        for (int c = 0; samples > 0 && c < 3; ++c) {
            in.read_field(series_fields[c], column.data(), column.size());
            for (std::size_t i = 0; i < column.size(); ++i) component(m_series[i], c) = column[i];
        }
    }
    std::uint64_t rng_counter() const override { return std::uint64_t(m_chain.sweeps()); }

   private:
    static double& component(spins::Sample& s, int c) { return c == 0 ? s.energy : c == 1 ? s.m : s.abs_m; }
    static double component(const spins::Sample& s, int c) { return c == 0 ? s.energy : c == 1 ? s.m : s.abs_m; }

    Params m_p;
    const Context& m_ctx;
    spins::SpinChain m_chain;
    std::vector<spins::Sample> m_series;
    std::int64_t m_series_start;  // the sweep of the first sample of the current series
};
}  // namespace simt::lattice_mc

namespace simt {
void register_lattice_mc_solver(Registry& r) {
    r.add({"lattice_mc",
           "Ising and q-state Potts models on a periodic 2-D/3-D lattice by Monte Carlo (local, multi-spin and cluster updates)",
           lattice_mc::schema(), [](const io::Params& p) { lattice_mc::Params::from(p); },
           [](const io::Params& p, const Context& ctx) -> std::unique_ptr<Solver> {
               return std::make_unique<lattice_mc::LatticeMcSolver>(lattice_mc::Params::from(p), ctx);
           }});
}
}  // namespace simt
