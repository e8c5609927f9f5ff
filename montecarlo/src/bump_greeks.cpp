// SPDX-License-Identifier: MIT
#include <simt/montecarlo/bump_greeks.hpp>

#include <algorithm>
#include <cmath>

namespace simt::montecarlo {
namespace {
/// The value of a basket at the start: what its delta is per unit of.
double basket_start_value(const BasketParams& b) {
    double sum = 0;
    for (std::size_t i = 0; i < b.spots.size(); ++i)
        sum += b.geometric ? b.weights[i] * std::log(b.spots[i]) : b.weights[i] * b.spots[i];
    return b.geometric ? std::exp(sum) : sum;
}

double largest_vol(const BasketParams& b) { return *std::max_element(b.vols.begin(), b.vols.end()); }
}  // namespace

BumpSizes bump_sizes(const OptionSpec& o) {
    const BsmInputs& m = o.contract.market;
    switch (o.model) {
        case Model::Basket:
            return {gbm_spot_bump * basket_start_value(o.params.basket), gbm_vol_bump * largest_vol(o.params.basket),
                    gbm_rate_bump};
        case Model::Heston: return {gbm_spot_bump * m.spot, gbm_vol_bump * std::sqrt(o.params.heston.v0), gbm_rate_bump};
        case Model::Gbm:
        case Model::Merton: break;
    }
    return {gbm_spot_bump * m.spot, gbm_vol_bump * m.volatility, gbm_rate_bump};
}

OptionSpec bumped_option(const OptionSpec& option, MarketBump bump) {
    OptionSpec o = option;
    BsmInputs& m = o.contract.market;
    const bool up = bump == SpotUp || bump == VolUp || bump == RateUp;
    const double scale = up ? 1 + gbm_spot_bump : 1 - gbm_spot_bump;
    BasketParams& b = o.params.basket;
    switch (bump) {
        case BaseMarket:
        case market_bump_count: break;
        case SpotUp:
        case SpotDown:
            m.spot *= scale;
            for (double& s : b.spots) s *= scale;
            break;
        case VolUp:
        case VolDown: {
            const double vol_scale = up ? 1 + gbm_vol_bump : 1 - gbm_vol_bump;
            m.volatility *= vol_scale;
            o.params.heston.v0 *= vol_scale * vol_scale;
            if (!b.vols.empty()) {
                const double shift = (up ? 1 : -1) * gbm_vol_bump * largest_vol(b);
                for (double& v : b.vols) v += shift;
            }
            break;
        }
        case RateUp:
        case RateDown: m.rate += up ? gbm_rate_bump : -gbm_rate_bump; break;
    }
    return o;
}
}  // namespace simt::montecarlo
