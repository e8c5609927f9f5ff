// SPDX-License-Identifier: MIT
// Solver `option_pricing`: a book of options priced by Monte Carlo a batch at a time. Each step
// simulates `pricing.paths_per_step` more paths of every option and adds their sums to the
// running ones (book_pricer.hpp), so the standard errors shrink as the run goes on; with a
// target standard error the run ends once every option is within it. Results (price, standard
// error, interval, Greeks) go to results.csv and results.h5 beside each checkpoint.
#pragma once

namespace simt {
class Registry;
/// Adds `option_pricing` with its schema to the registry.
void register_option_pricing_solver(Registry& r);
}  // namespace simt
