// SPDX-License-Identifier: MIT
// One launch of a group's path kernels for a PathRun: Philox paths or R scrambled Sobol
// replicates (the sums become the replicates' means), each option's kernel alone or, with
// Greeks, in a BumpGreekKernel with its six bumped copies on the same source. The generic path
// kernel (model_batch.cpp) and Longstaff–Schwartz's pricing pass (longstaff_schwartz.cpp) build
// their kernels through here; include only from sources listed in simt_device_sources().
#pragma once
#include <algorithm>
#include <vector>
#include <simt/montecarlo/bump_greeks.hpp>
#include <simt/montecarlo/model_paths.hpp>
#include <simt/montecarlo/sobol_replicates.hpp>
#include "batch_engine.hpp"

namespace simt::montecarlo::detail {
/// The names of a group's launches.
struct Labels {
    const char* blocks;
    const char* options;
};

/// Extra Greeks of no kind: for make_extra.
struct NoExtra {
    template <class Source>
    NoExtraGreeks operator()(std::size_t, const Source&) const {
        return {};
    }
};

/// Kernel j is option j % n on sources[j]: make_kernel(option index, bump, source) builds one.
template <class Source, class MakeKernel, class MakeExtra>
std::vector<GreekSums> source_sums(const Context& ctx, Labels labels, const std::vector<OptionSpec>& options,
                                   const PathRun& run, const std::vector<Source>& sources, MakeKernel make_kernel,
                                   MakeExtra make_extra) {
    const std::size_t n = options.size();
    using Kernel = decltype(make_kernel(std::size_t(0), BaseMarket, sources[0]));
    if (run.greeks) {
        using Extra = decltype(make_extra(std::size_t(0), sources[0]));
        std::vector<BumpGreekKernel<Kernel, Extra>> kernels(sources.size());
        for (std::size_t j = 0; j < sources.size(); ++j) {
            for (int b = 0; b < market_bump_count; ++b)
                kernels[j].market[b] = make_kernel(j % n, MarketBump(b), sources[j]);
            kernels[j].h = bump_sizes(options[j % n]);
            kernels[j].extra = make_extra(j % n, sources[j]);
        }
        return batch_sums<GreekSums>(ctx, run.sample_ranks, labels.blocks, labels.options, kernels, run.samples);
    }
    std::vector<Kernel> kernels;
    for (std::size_t j = 0; j < sources.size(); ++j) kernels.push_back(make_kernel(j % n, BaseMarket, sources[j]));
    const std::vector<PathSums> sums =
        batch_sums<PathSums>(ctx, run.sample_ranks, labels.blocks, labels.options, kernels, run.samples);
    std::vector<GreekSums> out(sums.size());
    for (std::size_t j = 0; j < sums.size(); ++j) out[j].price = sums[j];
    return out;
}

/// The sums of each option over `run`. make_model(option) gives its Model (for the Sobol
/// dimensions), make_kernel(option index, bump, source) its kernel on a source, make_extra
/// (option index, source) the extra Greeks of a BumpGreekKernel.
template <class MakeModel, class MakeKernel, class MakeExtra = NoExtra>
std::vector<GreekSums> run_paths(const Context& ctx, Labels labels, const std::vector<OptionSpec>& options,
                                 const PathRun& run, MakeModel make_model, MakeKernel make_kernel,
                                 MakeExtra make_extra = {}) {
    if (options.empty()) return {};
    if (run.qmc_replicates == 0) {
        std::vector<PhiloxSource> sources;
        for (const OptionSpec& o : options) sources.push_back(PhiloxSource{run.seed, o.id});
        return source_sums(ctx, labels, options, run, sources, make_kernel, make_extra);
    }
    const auto steps = [](const OptionSpec& o) { return path_observations(o) * o.params.substeps; };
    int dimensions = 1;
    for (const OptionSpec& o : options) dimensions = std::max(dimensions, SobolSource::dimensions(make_model(o), steps(o)));
    const SobolReplicates replicates(ctx, run.seed, run.qmc_replicates, dimensions, run.samples,
                                     run.qmc_first_replicate);
    std::vector<SobolSource> sources;
    for (int r = 0; r < replicates.count(); ++r)
        for (const OptionSpec& o : options)
            sources.push_back(SobolSource{replicates.points(r), steps(o), sobol_bridge_dimensions(steps(o)),
                                          replicates.jump_seed(r), o.id});
    const std::vector<GreekSums> sums = source_sums(ctx, labels, options, run, sources, make_kernel, make_extra);
    std::vector<GreekSums> out;
    for (std::size_t i = 0; i < options.size(); ++i) {
        std::vector<GreekSums> of_option;
        for (int r = 0; r < replicates.count(); ++r) of_option.push_back(sums[std::size_t(r) * options.size() + i]);
        out.push_back(sobol_replicate_means(of_option));
    }
    return out;
}
}  // namespace simt::montecarlo::detail
