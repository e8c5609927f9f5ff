// SPDX-License-Identifier: MIT
// The one way a pricing request (montecarlo/pricing_request.hpp) is built: its keys, with
// PricingRequest{}'s defaults and one set of bounds, checked by one schema whether they come
// from a scenario's `pricing:` block (the option_pricing solver), a `simt price` command line
// or a simt.price call.
#pragma once
#include <string>
#include <utility>
#include <vector>
#include <simt/core/value.hpp>
#include <simt/io/params.hpp>
#include <simt/io/schema.hpp>
#include <simt/montecarlo/pricing_request.hpp>

namespace simt {
/// A request of its own (a command line, a Python call): seed, paths, antithetic,
/// control_variate, greeks, fp32, qmc, qmc_replicates.
io::Schema pricing_request_schema();
/// The same keys in a scenario's `pricing:` block, but `paths_per_step` (the paths each step
/// adds) for `paths`, and no seed: the scenario's top-level `seed` is the request's.
io::Schema pricing_block_schema();

/// The request from a validated scenario with a `pricing:` block.
montecarlo::PricingRequest pricing_block_request(const io::Params& p);
/// The request from the keys a command line or a Python call gave (the rest take their
/// defaults), checked by pricing_request_schema; `origin` names the caller in messages.
montecarlo::PricingRequest pricing_request(const std::vector<std::pair<std::string, Value>>& given,
                                           const std::string& origin);
}  // namespace simt
