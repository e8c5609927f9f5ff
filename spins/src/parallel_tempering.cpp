// SPDX-License-Identifier: MIT
#include <cmath>
#include <string>
#include <simt/core/error.hpp>
#include <simt/core/philox.hpp>
#include <simt/spins/checkerboard.hpp>
#include <simt/spins/parallel_tempering.hpp>
#include <simt/spins/update_tables.hpp>

namespace simt::spins {
namespace {
/// Replica r's seed: apart from every other replica's, and from the exchange draws (replica -1).
std::uint64_t replica_seed(std::uint64_t seed, int r) { return seed + std::uint64_t(r + 1) * 0x9E3779B97F4A7C15ull; }
}  // namespace

void check_tempering(const TemperingParams& p) {
    if (p.temperatures.size() < 2) throw Error("spins: parallel tempering needs at least 2 temperatures");
    for (std::size_t k = 0; k < p.temperatures.size(); ++k) {
        ChainParams c = p.chain;
        c.model.T = p.temperatures[k];
        check_chain(c);
        if (k > 0 && !(p.temperatures[k] > p.temperatures[k - 1])) {
            throw Error("spins: parallel tempering temperatures must increase; T[" + std::to_string(k) +
                        "] = " + number_text(p.temperatures[k]) + " follows " + number_text(p.temperatures[k - 1]));
        }
    }
    if (p.sweeps_per_exchange < 1) throw Error("spins: sweeps_per_exchange must be >= 1");
}

ParallelTempering::ParallelTempering(const Context& ctx, const TemperingParams& params) : m_ctx(ctx), m_params(params) {
    check_tempering(params);
    const int n = int(params.temperatures.size());
    std::vector<std::uint64_t> seeds;
    for (int r = 0; r < n; ++r) {
        ChainParams c = params.chain;
        c.model.T = params.temperatures[std::size_t(r)];
        c.seed = replica_seed(params.chain.seed, r);
        m_chains.push_back(std::make_unique<SpinChain>(ctx, c));
        m_replica_at.push_back(r);
        seeds.push_back(c.seed);
    }
    const Algorithm a = params.chain.algorithm;
    m_batched = params.batched && params.chain.model.model == Model::ising &&
                (a == Algorithm::metropolis || a == Algorithm::heat_bath) && params.chain.lattice.L % 8 == 0;
    if (m_batched) {
        std::vector<std::uint8_t*> spins;
        for (auto& c : m_chains) spins.push_back(c->checkerboard_bytes());
        m_replica_spins = Buffer<std::uint8_t*>(ctx.backend(), std::size_t(n));
        m_replica_spins.copy_from_host(spins.data());
        m_replica_seeds = Buffer<std::uint64_t>(ctx.backend(), std::size_t(n));
        m_replica_seeds.copy_from_host(seeds.data());
        m_replica_tables = Buffer<IsingFlipTable>(ctx.backend(), std::size_t(n));
    }
    m_heading.assign(std::size_t(n), Heading::none);
    m_tried.assign(std::size_t(n - 1), 0);
    m_accepted.assign(std::size_t(n - 1), 0);
    note_ends();
}

void ParallelTempering::step(std::int64_t exchanges) {
    for (std::int64_t e = 0; e < exchanges; ++e) {
        if (m_batched) {
            sweep_batched();
        } else {
            for (auto& c : m_chains) c->sweep(m_params.sweeps_per_exchange);
        }
        exchange();
        note_ends();
    }
}

void ParallelTempering::sweep_batched() {
    const ChainParams& p = m_params.chain;
    if (m_tables_stale) {
        const LocalUpdate update =
            p.algorithm == Algorithm::heat_bath ? LocalUpdate::heat_bath : LocalUpdate::metropolis;
        std::vector<IsingFlipTable> tables;
        for (const auto& c : m_chains) tables.push_back(ising_flip_table(p.lattice.dim, c->params().model, update));
        m_replica_tables.copy_from_host(tables.data());
        m_tables_stale = false;
    }
    // Every replica has made the same number of sweeps.
    const std::int64_t done = m_chains.front()->sweeps();
    for (int k = 0; k < m_params.sweeps_per_exchange; ++k) {
        ising_replicas_sweep(m_ctx, p.lattice, m_replica_tables.data(), m_replica_seeds.data(), m_replica_spins.data(),
                             replicas(), std::uint64_t(done + k));
    }
    for (auto& c : m_chains) c->counted_sweeps(m_params.sweeps_per_exchange);
}

void ParallelTempering::exchange() {
    const int n = replicas();
    std::vector<double> energy(static_cast<std::size_t>(n));  // total energy by slot
    for (int k = 0; k < n; ++k) {
        energy[k] = m_chains[m_replica_at[k]]->measure().energy * double(m_params.chain.lattice.sites());
    }
    PhiloxStream draws(replica_seed(m_params.chain.seed, -1), std::uint64_t(m_exchanges), 0);
    for (int k = int(m_exchanges % 2); k + 1 < n; k += 2) {
        const double d_beta = 1 / m_params.temperatures[k] - 1 / m_params.temperatures[k + 1];
        const double p = std::exp(std::fmin(0.0, d_beta * (energy[k] - energy[k + 1])));
        ++m_tried[k];
        if (draws.next_u32() < std::uint64_t(std::llround(p * double(draw_range)))) {
            ++m_accepted[k];
            std::swap(m_replica_at[k], m_replica_at[k + 1]);
            m_chains[m_replica_at[k]]->set_temperature(m_params.temperatures[k]);
            m_chains[m_replica_at[k + 1]]->set_temperature(m_params.temperatures[k + 1]);
            m_tables_stale = true;
        }
    }
    ++m_exchanges;
}

void ParallelTempering::note_ends() {
    const int low = m_replica_at.front(), high = m_replica_at.back();
    if (m_heading[low] == Heading::down) ++m_round_trips;
    m_heading[low] = Heading::up;
    if (m_heading[high] == Heading::up) m_heading[high] = Heading::down;
}

TemperingState ParallelTempering::state() {
    TemperingState s;
    for (auto& c : m_chains) s.spins.push_back(c->spins());
    s.replica_at = m_replica_at;
    for (Heading h : m_heading) s.heading.push_back(int(h));
    s.tried = m_tried;
    s.accepted = m_accepted;
    s.exchanges = m_exchanges;
    s.round_trips = m_round_trips;
    return s;
}

void ParallelTempering::restore(const TemperingState& s) {
    const std::size_t n = m_chains.size();
    SIMT_REQUIRE(s.spins.size() == n && s.replica_at.size() == n && s.heading.size() == n && s.tried.size() == n - 1 &&
                     s.accepted.size() == n - 1,
                 "spins: a tempering state for " + std::to_string(s.spins.size()) + " replicas, not " +
                     std::to_string(n));
    std::vector<int> seen(n, 0);
    for (int r : s.replica_at) {
        SIMT_REQUIRE(r >= 0 && std::size_t(r) < n && !seen[std::size_t(r)]++,
                     "spins: replica_at is not a permutation of the replicas");
    }
    for (int h : s.heading)
        SIMT_REQUIRE(h >= 0 && h <= 2, "spins: a replica heading " + std::to_string(h) + " is not 0, 1 or 2");
    for (std::size_t k = 0; k + 1 < n; ++k) {
        SIMT_REQUIRE(s.tried[k] >= 0 && s.accepted[k] >= 0 && s.accepted[k] <= s.tried[k],
                     "spins: pair " + std::to_string(k) + " accepted " + std::to_string(s.accepted[k]) + " of " +
                         std::to_string(s.tried[k]) + " exchanges");
    }
    SIMT_REQUIRE(s.exchanges >= 0 && s.round_trips >= 0, "spins: negative exchange or round-trip count");
    m_replica_at = s.replica_at;
    for (std::size_t r = 0; r < n; ++r) m_heading[r] = Heading(s.heading[r]);
    m_tried = s.tried;
    m_accepted = s.accepted;
    m_exchanges = s.exchanges;
    m_round_trips = s.round_trips;
    m_tables_stale = true;
    for (std::size_t k = 0; k < n; ++k) {
        SpinChain& c = *m_chains[std::size_t(m_replica_at[k])];
        c.set_temperature(m_params.temperatures[k]);
        c.restore(s.spins[std::size_t(m_replica_at[k])], m_exchanges * m_params.sweeps_per_exchange);
    }
}

Sample ParallelTempering::measure(int k) { return m_chains[m_replica_at[std::size_t(k)]]->measure(); }

double ParallelTempering::acceptance(int k) const {
    return m_tried[k] ? double(m_accepted[k]) / double(m_tried[k]) : 0.0;
}
}  // namespace simt::spins
