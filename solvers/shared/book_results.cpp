// SPDX-License-Identifier: MIT
#include <simt/solvers/book_results.hpp>

#include <filesystem>

namespace simt {
using namespace montecarlo;

std::vector<io::TableColumn> book_result_columns(const std::vector<OptionSpec>& options,
                                                 const std::vector<OptionResult>& results, bool greeks) {
    std::vector<io::TableColumn> cols;
    const auto number = [&](const std::string& name, auto get, bool is_integer = false) {
        io::TableColumn c;
        c.name = name;
        c.is_integer = is_integer;
        for (std::size_t i = 0; i < results.size(); ++i) c.numbers.push_back(double(get(options[i], results[i])));
        cols.push_back(std::move(c));
    };
    const auto text = [&](const std::string& name, auto get) {
        io::TableColumn c;
        c.name = name;
        c.is_text = true;
        for (const OptionSpec& o : options) c.text.emplace_back(get(o));
        cols.push_back(std::move(c));
    };
    number("id", [](const OptionSpec& o, const OptionResult&) { return o.id; }, true);
    number("row", [](const OptionSpec& o, const OptionResult&) { return o.row; }, true);
    text("type", [](const OptionSpec& o) { return o.contract.type == OptionType::Call ? "call" : "put"; });
    text("payoff", [](const OptionSpec& o) { return payoff_name(o.contract.payoff); });
    text("model", [](const OptionSpec& o) { return model_name(o.model); });
    number("price", [](const OptionSpec&, const OptionResult& r) { return r.price.price; });
    number("std_error", [](const OptionSpec&, const OptionResult& r) { return r.price.std_error; });
    number("ci_low", [](const OptionSpec&, const OptionResult& r) { return r.price.ci_low; });
    number("ci_high", [](const OptionSpec&, const OptionResult& r) { return r.price.ci_high; });
    number("paths", [](const OptionSpec&, const OptionResult& r) { return r.price.paths; }, true);
    if (greeks)
        for (int k = 0; k < gbm_greek_count; ++k) {
            number(book_greek_names[k], [k](const OptionSpec&, const OptionResult& r) { return r.greeks[k].value; });
            number(std::string(book_greek_names[k]) + "_se",
                   [k](const OptionSpec&, const OptionResult& r) { return r.greeks[k].std_error; });
        }
    number("seconds", [](const OptionSpec&, const OptionResult& r) { return r.seconds; });
    return cols;
}
}  // namespace simt
