// SPDX-License-Identifier: MIT
// Launches the generic path kernels (a CUDA source in a CUDA build: simt_device_sources).
#include <simt/montecarlo/model_paths.hpp>

#include "batch_engine.hpp"

namespace simt::montecarlo {
namespace {
template <class Model, class MakeModel>
std::vector<GreekSums> price_sums(const Context& ctx, const char* block_label, const char* option_label,
                                  const std::vector<OptionSpec>& options, const PathRun& run, MakeModel make_model) {
    std::vector<ModelPathKernel<Model>> kernels;
    for (const OptionSpec& o : options)
        kernels.push_back(ModelPathKernel<Model>{make_model(o), make_path_payoff(o), run.seed, o.id, run.first_path,
                                                 o.params.substeps, run.antithetic});
    const std::vector<PathSums> sums = detail::batch_sums<PathSums>(ctx, block_label, option_label, kernels, run.samples);
    std::vector<GreekSums> out(sums.size());
    for (std::size_t i = 0; i < sums.size(); ++i) out[i].price = sums[i];
    return out;
}
}  // namespace

std::vector<GreekSums> model_batch_sums(const Context& ctx, Model model, const std::vector<OptionSpec>& options,
                                        const PathRun& run) {
    switch (model) {
        case Model::Gbm:
            if (run.greeks) {
                std::vector<GbmLrGreekKernel> kernels;
                for (const OptionSpec& o : options)
                    kernels.push_back({ModelPathKernel<GbmModel>{make_gbm_model(o), make_path_payoff(o), run.seed,
                                                                 o.id, run.first_path, 1, run.antithetic},
                                       o.contract.market.spot, o.contract.market.volatility});
                return detail::batch_sums<GreekSums>(ctx, "montecarlo.gbm_lr.blocks", "montecarlo.gbm_lr.options",
                                                     kernels, run.samples);
            }
            return price_sums<GbmModel>(ctx, "montecarlo.gbm_paths.blocks", "montecarlo.gbm_paths.options", options,
                                        run, make_gbm_model);
        case Model::Heston:
            return price_sums<HestonQeModel>(ctx, "montecarlo.heston.blocks", "montecarlo.heston.options", options, run,
                                             make_heston_model);
        case Model::Merton:
            return price_sums<MertonModel>(ctx, "montecarlo.merton.blocks", "montecarlo.merton.options", options, run,
                                           make_merton_model);
        case Model::Basket:
            return price_sums<BasketModel>(ctx, "montecarlo.basket.blocks", "montecarlo.basket.options", options, run,
                                           make_basket_model);
    }
    return {};
}
}  // namespace simt::montecarlo
