// SPDX-License-Identifier: MIT
#include <cmath>
#include <string>
#include <simt/core/error.hpp>
#include <simt/core/philox.hpp>
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
            throw Error("spins: parallel tempering temperatures must increase; T[" + std::to_string(k) + "] = " +
                        number_text(p.temperatures[k]) + " follows " + number_text(p.temperatures[k - 1]));
        }
    }
    if (p.sweeps_per_exchange < 1) throw Error("spins: sweeps_per_exchange must be >= 1");
}

ParallelTempering::ParallelTempering(const Context& ctx, const TemperingParams& params) : m_params(params) {
    check_tempering(params);
    const int n = int(params.temperatures.size());
    for (int r = 0; r < n; ++r) {
        ChainParams c = params.chain;
        c.model.T = params.temperatures[std::size_t(r)];
        c.seed = replica_seed(params.chain.seed, r);
        m_chains.push_back(std::make_unique<SpinChain>(ctx, c));
        m_replica_at.push_back(r);
    }
    m_heading.assign(std::size_t(n), Heading::none);
    m_tried.assign(std::size_t(n - 1), 0);
    m_accepted.assign(std::size_t(n - 1), 0);
    note_ends();
}

void ParallelTempering::step(std::int64_t exchanges) {
    for (std::int64_t e = 0; e < exchanges; ++e) {
        for (auto& c : m_chains) c->sweep(m_params.sweeps_per_exchange);
        exchange();
        note_ends();
    }
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

Sample ParallelTempering::measure(int k) { return m_chains[m_replica_at[std::size_t(k)]]->measure(); }

double ParallelTempering::acceptance(int k) const {
    return m_tried[k] ? double(m_accepted[k]) / double(m_tried[k]) : 0.0;
}
}  // namespace simt::spins
