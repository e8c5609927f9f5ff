// SPDX-License-Identifier: MIT
#include <simt/montecarlo/payoff_table.hpp>

namespace simt::montecarlo {
PayoffTraits payoff_traits(PayoffId id) {
    return Payoffs::visit(id, [](auto p) { return decltype(p)::traits; });
}

const std::vector<std::string>& payoff_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> all;
        for (int i = 0; i < Payoffs::size; ++i)
            all.emplace_back(Payoffs::visit(PayoffId(i), [](auto p) { return decltype(p)::name; }));
        return all;
    }();
    return names;
}

const std::string& payoff_name(PayoffId id) { return payoff_names().at(std::size_t(id)); }
}  // namespace simt::montecarlo
