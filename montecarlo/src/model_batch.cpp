// SPDX-License-Identifier: MIT
// Launches the generic path kernels (a CUDA source in a CUDA build: simt_device_sources).
#include <simt/montecarlo/model_paths.hpp>

#include <type_traits>
#include "path_runs.hpp"

namespace simt::montecarlo {
namespace {
template <class Model, class MakeModel, class MakeExtra = detail::NoExtra>
std::vector<GreekSums> model_sums(const Context& ctx, detail::Labels labels, const std::vector<OptionSpec>& options,
                                  const PathRun& run, MakeModel make_model, MakeExtra make_extra = {}) {
    const auto make_kernel = [&](std::size_t i, MarketBump bump, const auto& source) {
        const OptionSpec o = bumped_option(options[i], bump);
        return ModelPathKernel<Model, std::decay_t<decltype(source)>>{make_model(o),     make_path_payoff(o),
                                                                       source,           run.first_path,
                                                                       o.params.substeps, run.antithetic};
    };
    return detail::run_paths(ctx, labels, options, run, make_model, make_kernel, make_extra);
}
}  // namespace

std::vector<GreekSums> model_batch_sums(const Context& ctx, Model model, const std::vector<OptionSpec>& options,
                                        const PathRun& run) {
    switch (model) {
        case Model::Gbm: {
            // The likelihood-ratio Greeks of the Philox paths where has_lr_greeks.
            const auto lr = [&](std::size_t i, const auto& source) {
                if constexpr (std::is_same_v<std::decay_t<decltype(source)>, PhiloxSource>) {
                    const OptionSpec& o = options[i];
                    return GbmLrGreeks{ModelPathKernel<GbmModel>{make_gbm_model(o), make_path_payoff(o), source,
                                                                 run.first_path, 1, run.antithetic},
                                       o.contract.market.spot, o.contract.market.volatility, has_lr_greeks(o)};
                } else {
                    return NoExtraGreeks{};
                }
            };
            return model_sums<GbmModel>(ctx, {"montecarlo.gbm_paths.blocks", "montecarlo.gbm_paths.options"}, options,
                                        run, make_gbm_model, lr);
        }
        case Model::Heston:
            return model_sums<HestonQeModel>(ctx, {"montecarlo.heston.blocks", "montecarlo.heston.options"}, options,
                                             run, make_heston_model);
        case Model::Merton:
            return model_sums<MertonModel>(ctx, {"montecarlo.merton.blocks", "montecarlo.merton.options"}, options, run,
                                           make_merton_model);
        case Model::Basket:
            return model_sums<BasketModel>(ctx, {"montecarlo.basket.blocks", "montecarlo.basket.options"}, options, run,
                                           make_basket_model);
    }
    return {};
}
}  // namespace simt::montecarlo
