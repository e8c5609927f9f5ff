// SPDX-License-Identifier: MIT
// lattice_mc with tempering.replicas > 1: one step is sweeps_per_exchange sweeps of every
// replica and one round of exchanges (spins::ParallelTempering). Observables per temperature
// slot k (0 the lowest): energy_k and abs_m_k; per pair: acceptance_k; round_trips.
#include "lattice_mc/solvers.hpp"

#include <limits>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include "framework/checkpoint_rules.hpp"

namespace simt::lattice_mc {
namespace {
class TemperingSolver final : public Solver {
   public:
    TemperingSolver(const Params& p, const Context& ctx) : m_p(p), m_ctx(ctx), m_pt(ctx, p.tempering()) {}

    void step(std::int64_t n) override { m_pt.step(n); }
    double time() const override { return double(m_pt.exchanges()); }
    std::int64_t steps() const override { return m_pt.exchanges(); }
    std::vector<std::string> field_names() const override { return {"spin"}; }
    /// The replica at the lowest temperature.
    FieldRef field(std::string_view name) override {
        if (name != "spin") throw ConfigError(fmt::format("lattice_mc: no field '{}'; fields: spin", name));
        return spin_field(whole_lattice(m_p.chain.lattice), m_pt.bytes(0), m_ctx.backend());
    }
    Observables observables() override {
        Observables obs;
        for (int k = 0; k < m_pt.replicas(); ++k) {
            const spins::Sample s = m_pt.measure(k);
            obs.emplace_back(fmt::format("energy_{}", k), s.energy);
            obs.emplace_back(fmt::format("abs_m_{}", k), s.abs_m);
        }
        for (int k = 0; k + 1 < m_pt.replicas(); ++k)
            obs.emplace_back(fmt::format("acceptance_{}", k), m_pt.acceptance(k));
        obs.emplace_back("round_trips", double(m_pt.round_trips()));
        return obs;
    }
    void set(std::string_view key, const Value&) override {
        throw ConfigError(
            fmt::format("lattice_mc: '{}' cannot be steered with tempering.replicas > 1: the ladder fixes "
                        "every replica's temperature and field",
                        key));
    }

    void save(io::CheckpointWriter& out) override {
        const spins::TemperingState s = m_pt.state();
        for (std::size_t r = 0; r < s.spins.size(); ++r) {
            write_packed_spins(out, fmt::format("spins_{}", r), s.spins[r], m_p.chain.lattice, m_p.chain.model.q);
        }
        const std::vector<std::int32_t> at(s.replica_at.begin(), s.replica_at.end());
        const std::vector<std::int32_t> heading(s.heading.begin(), s.heading.end());
        out.write_field("replica_at", at.data(), {at.size()});
        out.write_field("heading", heading.data(), {heading.size()});
        out.write_field("exchanges_tried", s.tried.data(), {s.tried.size()});
        out.write_field("exchanges_accepted", s.accepted.data(), {s.accepted.size()});
        out.write_state("round_trips", Value(s.round_trips));
    }
    void load(const io::CheckpointReader& in) override {
        const std::size_t n = std::size_t(m_pt.replicas());
        spins::TemperingState s;
        for (std::size_t r = 0; r < n; ++r) {
            s.spins.push_back(read_packed_spins(in, fmt::format("spins_{}", r), std::size_t(m_p.chain.lattice.sites()),
                                                m_p.chain.model.q));
        }
        std::vector<std::int32_t> at(n), heading(n);
        in.read_field("replica_at", at.data(), n);
        checkpoint_rules::require_permutation(in, "replica_at", at.data(), n);
        in.read_field("heading", heading.data(), n);
        checkpoint_rules::require_within(in, "heading", heading.data(), n, 0, 0, 0, 2, "0 none, 1 up, 2 down");
        s.replica_at.assign(at.begin(), at.end());
        s.heading.assign(heading.begin(), heading.end());
        s.tried.resize(n - 1);
        s.accepted.resize(n - 1);
        in.read_field("exchanges_tried", s.tried.data(), n - 1);
        in.read_field("exchanges_accepted", s.accepted.data(), n - 1);
        s.exchanges = in.meta().step;
        // Each replica's sweep count is exchanges x sweeps_per_exchange: it must fit in 64 bits.
        if (s.exchanges > std::numeric_limits<std::int64_t>::max() / m_p.sweeps_per_exchange) {
            in.reject(fmt::format("/simt/step = {}", s.exchanges),
                      fmt::format("{} sweeps per exchange would overflow the sweep count", m_p.sweeps_per_exchange));
        }
        s.round_trips = checkpoint_rules::non_negative_state(in, "round_trips");
        try {
            m_pt.restore(s);
        } catch (const Error& e) {
            in.reject("/fields/exchanges_accepted", e.what());
        }
    }
    std::uint64_t rng_counter() const override { return std::uint64_t(m_pt.exchanges()); }

   private:
    Params m_p;
    const Context& m_ctx;
    spins::ParallelTempering m_pt;
};
}  // namespace

std::unique_ptr<Solver> make_tempering_solver(const Params& p, const Context& ctx) {
    return std::make_unique<TemperingSolver>(p, ctx);
}
}  // namespace simt::lattice_mc
