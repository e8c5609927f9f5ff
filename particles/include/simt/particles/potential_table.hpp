// SPDX-License-Identifier: MIT
// A table of pair potentials: the list a solver offers (md's is solvers/md/potentials.hpp). Its
// key's choices, the keys per type pair and the kernels all come from it: a new potential is its
// struct (pair_potential.hpp) plus its line in the table.
#pragma once
#include <iterator>
#include <string>
#include <type_traits>
#include <vector>
#include <simt/core/error.hpp>
#include <simt/particles/pair_potential.hpp>

namespace simt::particles {
/// The struct whose force_over_r the kernels of P are compiled for: P's Evaluator, else P.
template <class P, class = void>
struct EvaluatorOf {
    using type = P;
};
template <class P>
struct EvaluatorOf<P, std::void_t<typename P::Evaluator>> {
    using type = typename P::Evaluator;
};
template <class P>
using evaluator_t = typename EvaluatorOf<P>::type;

/// One potential of a table as a solver's keys see it: plain data and the cut-off rules, so that
/// a schema and a parser need no template.
struct PotentialInfo {
    const char* name;
    const char* summary;
    const PotentialParameter* parameters;
    int parameter_count;
    double (*cutoff)(const double* value, double r_cut);
    CutoffMode (*cutoff_mode)(CutoffMode given);
    double (*min_cutoff)(const double* value);
    const char* min_cutoff_rule;
};

/// The potentials P..., in the order a solver lists them.
template <class... P>
struct PotentialTable {
    static_assert(sizeof...(P) > 0, "a potential table lists at least one potential");
    static_assert(((std::size(P::parameters) <= std::size_t(max_potential_parameters)) && ...),
                  "a potential reads at most max_potential_parameters coefficients per pair");
    /// The same table with `More` after these potentials.
    template <class... More>
    using with = PotentialTable<P..., More...>;

    /// Every potential's PotentialInfo, in the table's order: the index that visit takes.
    static std::vector<PotentialInfo> infos() {
        return {PotentialInfo{P::name, P::summary, P::parameters, int(std::size(P::parameters)), &P::cutoff,
                              &P::cutoff_mode, &P::min_cutoff, P::min_cutoff_rule}...};
    }
    /// f(P{}) for the potential at `index` in the table's order.
    template <class F>
    static auto visit(int index, F&& f) {
        std::common_type_t<decltype(f(P{}))...> result{};
        int at = 0;
        const bool found = ((at++ == index ? (result = f(P{}), true) : false) || ...);
        if (!found) throw Error("pair potentials: no potential at index " + std::to_string(index));
        return result;
    }
};
}  // namespace simt::particles
