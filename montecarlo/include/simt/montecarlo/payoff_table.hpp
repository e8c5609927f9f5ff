// SPDX-License-Identifier: MIT
// The one table of payoffs: every payoff a book can name, each a definition of its own
// (payoffs/*.hpp, payoff_definition.hpp says what one holds). The book parser, the results'
// names, Python, `simt price`, the option_pricing solver and every engine read it; an engine
// reaches a row's payoff through Payoffs::visit, which calls a functor with the payoff's type.
// Adding a payoff: its file, one line here, its test (docs/extending.md).
#pragma once
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>
#include <simt/montecarlo/payoffs/american.hpp>
#include <simt/montecarlo/payoffs/arithmetic_asian.hpp>
#include <simt/montecarlo/payoffs/asset_or_nothing.hpp>
#include <simt/montecarlo/payoffs/barrier.hpp>
#include <simt/montecarlo/payoffs/bermudan.hpp>
#include <simt/montecarlo/payoffs/digital.hpp>
#include <simt/montecarlo/payoffs/european.hpp>
#include <simt/montecarlo/payoffs/fixed_lookback.hpp>
#include <simt/montecarlo/payoffs/floating_lookback.hpp>
#include <simt/montecarlo/payoffs/geometric_asian.hpp>

namespace simt::montecarlo {
/// A payoff of the table, by its position: what a book row and a kernel hold.
enum class PayoffId : int {};

template <class... P>
struct PayoffList {
    static constexpr int size = sizeof...(P);

    /// The position of payoff Q.
    template <class Q>
    static constexpr PayoffId id_of() {
        int i = 0, found = -1;
        ((std::is_same_v<Q, P> ? found = i++ : i++), ...);
        return PayoffId(found);
    }

    /// f(Payoff{}) for the payoff at `id`: the one dispatch from a row's payoff to its type.
    template <class F>
    SIMT_INLINE static auto visit(PayoffId id, F&& f) {
        return visit_from<0>(int(id), f);
    }

   private:
    template <int I, class F>
    SIMT_INLINE static auto visit_from(int id, F& f) {
        using Q = std::tuple_element_t<I, std::tuple<P...>>;
        if constexpr (I + 1 == size) {
            return f(Q{});
        } else {
            if (id == I) return f(Q{});
            return visit_from<I + 1>(id, f);
        }
    }
};

/// The table. The order is the order of launches (book_pricer.cpp groups by model, then payoff).
using Payoffs = PayoffList<payoffs::European, payoffs::Digital, payoffs::ArithmeticAsian, payoffs::GeometricAsian,
                           payoffs::Barrier, payoffs::FloatingLookback, payoffs::FixedLookback, payoffs::American,
                           payoffs::Bermudan, payoffs::AssetOrNothing>;

template <class P>
constexpr PayoffId payoff_id = Payoffs::id_of<P>();

/// Every payoff has an engine for any model: the path kernel or Longstaff–Schwartz. One the GBM
/// engine prices needs the path kernel too, which takes it under quasi-Monte Carlo and the other
/// models; its Greeks by pathwise or likelihood-ratio estimators are GBM engine features.
template <class... P>
constexpr bool engines_cover(PayoffList<P...>*) {
    return ((P::traits.path_kernel || P::traits.early_exercise) && ...) &&
           ((!P::traits.gbm_engine || P::traits.path_kernel) && ...) &&
           ((!P::traits.pathwise_greeks || P::traits.gbm_engine) && ...);
}
static_assert(engines_cover(static_cast<Payoffs*>(nullptr)), "a payoff of the table has no engine for some rows");

/// What exercising a payoff of traits.early_exercise at spot S pays (undiscounted).
SIMT_INLINE double exercise_value(PayoffId id, const PayoffTerms& t, double spot) {
    return Payoffs::visit(id, [&](auto p) {
        using P = decltype(p);
        if constexpr (P::traits.early_exercise)
            return P::exercise(t, spot);
        else
            return 0.0;
    });
}

/// The payoff's traits (PayoffTraits), name ("barrier") and, for a name of the table, its id.
PayoffTraits payoff_traits(PayoffId id);
const std::string& payoff_name(PayoffId id);
/// Every name, in table order.
const std::vector<std::string>& payoff_names();
}  // namespace simt::montecarlo
