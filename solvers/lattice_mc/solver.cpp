// SPDX-License-Identifier: MIT
#include "lattice_mc/solvers.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <fmt/format.h>
#include <simt/core/comm.hpp>
#include <simt/core/error.hpp>
#include <simt/solvers/registry.hpp>
#include <simt/spins/bit_pack.hpp>
#include <simt/spins/block_chain.hpp>
#include <simt/spins/spin_chain.hpp>
#include <simt/spins/statistics.hpp>
#include "framework/checkpoint_rules.hpp"
#include "shared/grid_solver.hpp"

namespace simt::lattice_mc {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// The sample series' datasets in checkpoints.
constexpr const char* series_fields[3] = {"sample_energy", "sample_m", "sample_abs_m"};

/// One chain of sweeps: the whole lattice in one process (Chain = SpinChain, the kernels without
/// halos) or this rank's block of it under mpirun (Chain = BlockChain).
template <class Chain>
class LatticeMcSolver final : public Solver {
   public:
    /// `block`: the part of the lattice this process holds (the whole on one rank).
    template <class... ChainArgs>
    LatticeMcSolver(const Params& p, const Context& ctx, const spins::SpinBlock& block, const ChainArgs&... chain_args)
        : m_p(p), m_ctx(ctx), m_block(block), m_chain(ctx, p.chain, chain_args...), m_series_start(p.thermalise) {}

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
        return spin_field(m_block, m_chain.bytes(), m_ctx.backend());
    }

    Observables observables() override {
        const spins::Sample now = m_chain.measure();
        Observables obs{
            {"energy", now.energy}, {"m", now.m}, {"abs_m", now.abs_m}, {"samples", double(m_series.size())}};
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
            spins::ModelParams m = m_chain.params().model;
            if (key == "physics.T") {
                m.T = std::get<double>(v);
            } else if (key == "physics.h") {
                m.h = std::get<double>(v);
            } else {
                throw ConfigError(fmt::format("lattice_mc: '{}' is not steerable", key));
            }
            m_chain.set_model(m);
        } catch (const ConfigError&) {
            throw;
        } catch (const Error& e) {
            throw ConfigError(fmt::format("lattice_mc: {}", e.what()));
        }
        m_series.clear();
        m_series_start = m_chain.sweeps() + m_p.thermalise;
    }

    void save(io::CheckpointWriter& out) override {
        write_packed_spins(out, "spins", m_chain.spins(), m_p.chain.lattice, m_p.chain.model.q);
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
        const auto s = read_packed_spins(in, "spins", std::size_t(m_p.chain.lattice.sites()), m_p.chain.model.q);
        m_chain.restore(s, in.meta().step);
        m_series_start = checkpoint_rules::non_negative_state(in, "series_start");
        const std::int64_t samples = checkpoint_rules::non_negative_state(in, "samples");
        // The count must be the datasets' length before anything is sized by it.
        for (int c = 0; samples > 0 && c < 3; ++c) {
            const auto dims = in.field_dims(series_fields[c]);
            if (dims.size() != 1 || dims[0] != std::size_t(samples)) {
                in.reject(fmt::format("/state/samples = {}", samples),
                          fmt::format("/fields/{} must hold that many values", series_fields[c]));
            }
        }
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
    spins::SpinBlock m_block;
    Chain m_chain;
    std::vector<spins::Sample> m_series;
    std::int64_t m_series_start;  // the sweep of the first sample of the current series
};

spins::SpinBlock whole_lattice(const spins::Lattice& lattice) {
    spins::SpinBlock b;
    b.lattice = lattice;
    for (int a = 0; a < lattice.dim; ++a) b.n[a] = lattice.L;
    return b;
}

FieldRef spin_field(const spins::SpinBlock& block, const std::uint8_t* spins, Backend where) {
    FieldRef f;
    f.name = "spin";
    f.dtype = io::DType::U8;
    const bool whole = block.owned() == block.lattice.sites();
    Index stride = 1;
    for (int d = 0; d < block.lattice.dim; ++d) {
        f.shape.push_back(block.n[d]);
        f.strides.push_back(stride);
        stride *= block.n[d];
        if (whole) continue;
        f.block_offset.push_back(block.lo[d]);
        f.whole_shape.push_back(block.lattice.L);
    }
    f.data = const_cast<std::uint8_t*>(spins);
    f.location = where;
    return f;
}

void write_packed_spins(io::CheckpointWriter& out, const std::string& name, const std::vector<std::uint8_t>& spins,
                        const spins::Lattice& lattice, int q) {
    // Across ranks rank 0 holds the spins and writes; the others give the dataset's size alone.
    const std::size_t words = (std::size_t(lattice.sites()) * std::size_t(spins::bits_per_spin(q)) + 63) / 64;
    std::vector<std::int64_t> bits(words);
    if (!spins.empty()) {
        // HDF5 gets the words as int64: the same 64 bits.
        const auto packed = spins::pack_spins(spins, q);
        bits.assign(packed.begin(), packed.end());
    }
    out.write_field(name, bits.data(), {bits.size()});
}

std::vector<std::uint8_t> read_packed_spins(const io::CheckpointReader& in, const std::string& name, std::size_t sites,
                                            int q) {
    std::vector<std::int64_t> bits((sites * std::size_t(spins::bits_per_spin(q)) + 63) / 64);
    in.read_field(name, bits.data(), bits.size());
    try {
        return spins::unpack_spins(std::vector<std::uint64_t>(bits.begin(), bits.end()), sites, q);
    } catch (const Error& e) {
        in.reject(fmt::format("/fields/{}", name), e.what());
    }
}

std::unique_ptr<Solver> make_chain_solver(const Params& p, const Context& ctx) {
    const Comm& ranks = Comm::world();
    const spins::Lattice& lat = p.chain.lattice;
    if (!ranks.parallel()) return std::make_unique<LatticeMcSolver<spins::SpinChain>>(p, ctx, whole_lattice(lat));
    // The lattice is a periodic grid of sites, split as every grid solver's cells are.
    const stencils::Grid grid{lat.L, lat.L, lat.dim == 3 ? lat.L : 1};
    std::array<int, 3> requested = p.ranks;
    if (p.chain.algorithm == spins::Algorithm::multispin) requested[0] = 1;  // whole rows of words
    const stencils::Block b = decompose("lattice_mc", grid, requested, {true, true, true}, ranks);
    spins::SpinBlock block;
    block.lattice = lat;
    for (int a = 0; a < 3; ++a) {
        block.lo[a] = b.lo[std::size_t(a)];
        block.n[a] = b.n[std::size_t(a)];
        for (int side = 0; side < 2; ++side) {
            const int across = b.neighbor[std::size_t(a)][std::size_t(side)];
            block.neighbour[a][side] = across >= 0 ? across : ranks.rank();
        }
    }
    return std::make_unique<LatticeMcSolver<spins::BlockChain>>(p, ctx, block, block, ranks);
}
}  // namespace simt::lattice_mc
