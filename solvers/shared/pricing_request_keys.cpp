// SPDX-License-Identifier: MIT
#include <simt/solvers/pricing_request_keys.hpp>

#include <limits>
#include <simt/core/error.hpp>
#include <simt/io/scenario.hpp>

namespace simt {
namespace {
using montecarlo::PricingRequest;

/// Where the keys sit: a request of its own has them at the top level, seed included; a
/// scenario under `pricing.`, with the paths each step adds.
struct KeyPlaces {
    std::string prefix, paths;
    bool seed;
};
const KeyPlaces own{"", "paths", true}, block{"pricing.", "paths_per_step", false};

io::Schema schema(const KeyPlaces& at) {
    const PricingRequest d;  // the defaults
    const auto key = [&](const char* name) { return at.prefix + name; };
    io::Schema s;
    if (at.seed)
        s.add(io::integer_key("seed", std::int64_t(d.seed), 0, std::numeric_limits<double>::infinity(),
                              "seed of the random streams"));
    s.add(io::integer_key(at.prefix + at.paths, d.paths, double(montecarlo::pricing_min_paths),
                          double(montecarlo::pricing_max_paths),
                          at.seed ? "paths per option" : "paths of every option each step adds to the running sums"));
    s.add(io::bool_key(key("antithetic"), d.antithetic, "antithetic variates: each sample is a path and its mirror"));
    s.add(io::bool_key(key("control_variate"), d.control_variate,
                       "control variates: arithmetic Asians the geometric Asian, single-step payoffs the discounted "
                       "underlying"));
    s.add(io::bool_key(key("greeks"), d.greeks,
                       "delta, gamma, vega, rho by bumps (every row); pathwise and likelihood-ratio delta, vega where "
                       "valid"));
    s.add(io::bool_key(key("fp32"), d.fp32,
                       "GBM paths in single precision with fast intrinsics (as precision: float does in a scenario); "
                       "sums and Greeks stay in double"));
    s.add(io::bool_key(key("qmc"), d.qmc,
                       "scrambled Sobol points with a Brownian bridge (every model and payoff): the paths are split "
                       "among qmc_replicates scramblings, whose spread is the standard error"));
    s.add(io::integer_key(key("qmc_replicates"), d.qmc_replicates, montecarlo::pricing_min_replicates,
                          montecarlo::pricing_max_replicates, "qmc: independent scramblings"));
    return s;
}

PricingRequest request(const io::Params& p, const KeyPlaces& at) {
    const auto key = [&](const char* name) { return at.prefix + name; };
    PricingRequest r;
    r.seed = std::uint64_t(p.integer("seed"));
    r.paths = p.integer(at.prefix + at.paths);
    r.antithetic = p.boolean(key("antithetic"));
    r.control_variate = p.boolean(key("control_variate"));
    r.greeks = p.boolean(key("greeks"));
    r.fp32 = p.boolean(key("fp32"));
    r.qmc = p.boolean(key("qmc"));
    r.qmc_replicates = int(p.integer(key("qmc_replicates")));
    return r;
}
}  // namespace

io::Schema pricing_request_schema() { return schema(own); }
io::Schema pricing_block_schema() { return schema(block); }

PricingRequest pricing_block_request(const io::Params& p) {
    PricingRequest r = request(p, block);
    r.fp32 = r.fp32 || p.string("precision") == "float";
    return r;
}

PricingRequest pricing_request(const std::vector<std::pair<std::string, Value>>& given, const std::string& origin) {
    try {
        io::Scenario keys = io::Scenario::from_string("{}", origin);
        for (const auto& [key, value] : given) keys.set_override(key, value);
        return request(keys.validate(pricing_request_schema()), own);
    } catch (const ConfigError& e) {
        throw ConfigError(origin + ": " + e.what());
    }
}
}  // namespace simt
