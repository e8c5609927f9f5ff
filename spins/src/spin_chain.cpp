// SPDX-License-Identifier: MIT
#include <string>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/philox.hpp>
#include <simt/spins/checkerboard.hpp>
#include <simt/spins/cluster.hpp>
#include <simt/spins/spin_chain.hpp>

namespace simt::spins {
namespace {
void random_start(const Context& ctx, const Lattice& lat, int q, std::uint64_t seed, std::uint8_t* s) {
    for_each(ctx, Kernel("spins.start.random", double(lat.sites())), Range<1>{lat.sites()}, SIMT_LAMBDA(Index i) { s[i] = random_start_state(seed, q, i); });
}

bool is_cluster(Algorithm a) { return a == Algorithm::wolff || a == Algorithm::swendsen_wang; }
}  // namespace

void check_chain(const ChainParams& p) {
    check_lattice(p.lattice);
    check_model(p.model);
    if (p.algorithm == Algorithm::multispin &&
        (p.model.model != Model::ising || p.lattice.dim != 2 || p.lattice.L % 32 != 0)) {
        throw Error("spins: update multispin needs the 2-D Ising model with L a multiple of 32; got " +
                    std::string(model_name(p.model.model)) + ", dim " + std::to_string(p.lattice.dim) + ", L " +
                    std::to_string(p.lattice.L));
    }
    if (is_cluster(p.algorithm)) check_cluster_model(p.model);
    if (p.wolff_clusters < 1)
        throw Error("spins: wolff_clusters = " + std::to_string(p.wolff_clusters) + " must be >= 1");
}

SpinChain::SpinChain(const Context& ctx, const ChainParams& params)
    : m_ctx(ctx), m_params(params), m_bytes(ctx.backend(), std::size_t(params.lattice.sites())) {
    check_chain(params);
    if (params.start == Start::random) {
        random_start(ctx, params.lattice, params.model.q, params.seed, m_bytes.data());
    } else {
        std::vector<std::uint8_t> zero(m_bytes.size(), 0);
        m_bytes.copy_from_host(zero.data());
    }
    if (params.algorithm == Algorithm::multispin) {
        m_packed = std::make_unique<PackedIsing2d>(ctx.backend(), params.lattice);
        m_packed->pack(ctx, m_bytes.data());
    }
}

void SpinChain::sweep(std::int64_t n) {
    const ChainParams& p = m_params;
    if (is_cluster(p.algorithm)) {
        // Host union-find: on the GPU backend the spins make a round trip per call.
        m_ctx.synchronize();
        std::vector<std::uint8_t> host = m_ctx.on_gpu() ? m_bytes.to_host() : std::vector<std::uint8_t>();
        std::uint8_t* s = m_ctx.on_gpu() ? host.data() : m_bytes.data();
        for (std::int64_t k = 0; k < n; ++k, ++m_sweeps) {
            if (p.algorithm == Algorithm::wolff) {
                m_cluster_sites +=
                    wolff_sweep(p.lattice, p.model, s, p.seed, std::uint64_t(m_sweeps), p.wolff_clusters);
                m_clusters += p.wolff_clusters;
            } else {
                swendsen_wang_sweep(p.lattice, p.model, s, p.seed, std::uint64_t(m_sweeps));
            }
        }
        if (m_ctx.on_gpu()) m_bytes.copy_from_host(host.data());
        return;
    }
    for (std::int64_t k = 0; k < n; ++k, ++m_sweeps) {
        if (m_packed) {
            m_packed->sweep(m_ctx, p.model, LocalUpdate::metropolis, p.seed, std::uint64_t(m_sweeps));
            m_bytes_stale = true;
        } else {
            const LocalUpdate u =
                p.algorithm == Algorithm::heat_bath ? LocalUpdate::heat_bath : LocalUpdate::metropolis;
            checkerboard_sweep(m_ctx, p.lattice, p.model, u, m_bytes.data(), p.seed, std::uint64_t(m_sweeps));
        }
    }
}

double SpinChain::mean_cluster_fraction() const {
    return m_clusters ? double(m_cluster_sites) / double(m_clusters) / double(m_params.lattice.sites()) : 0.0;
}

const std::uint8_t* SpinChain::bytes() {
    if (m_bytes_stale) {
        m_packed->unpack(m_ctx, m_bytes.data());
        m_bytes_stale = false;
    }
    return m_bytes.data();
}

std::uint8_t* SpinChain::checkerboard_bytes() {
    const Algorithm a = m_params.algorithm;
    SIMT_REQUIRE(a == Algorithm::metropolis || a == Algorithm::heat_bath,
                 "spins: only metropolis and heat_bath chains are updated outside the chain");
    return m_bytes.data();
}

Sample SpinChain::measure() { return spins::measure(m_ctx, m_params.lattice, m_params.model, bytes()); }

void SpinChain::set_model(const ModelParams& m) {
    ChainParams next = m_params;
    next.model = m;
    check_chain(next);
    m_params = next;
}
void SpinChain::set_temperature(double T) {
    ModelParams m = m_params.model;
    m.T = T;
    set_model(m);
}

std::vector<std::uint8_t> SpinChain::spins() {
    bytes();
    m_ctx.synchronize();
    return m_bytes.to_host();
}

void SpinChain::restore(const std::vector<std::uint8_t>& spins, std::int64_t sweeps) {
    SIMT_REQUIRE(spins.size() == m_bytes.size(), "spins: restore with " + std::to_string(spins.size()) +
                                                     " spins for a lattice of " + std::to_string(m_bytes.size()));
    for (std::size_t i = 0; i < spins.size(); ++i) {
        SIMT_REQUIRE(spins[i] < m_params.model.q, "spins: restored spin " + std::to_string(i) + " has state " +
                                                      std::to_string(int(spins[i])) + ", not below q");
    }
    SIMT_REQUIRE(sweeps >= 0, "spins: restored sweep count " + std::to_string(sweeps) + " is negative");
    m_bytes.copy_from_host(spins.data());
    if (m_packed) m_packed->pack(m_ctx, m_bytes.data());
    m_bytes_stale = false;
    m_sweeps = sweeps;
}
}  // namespace simt::spins
