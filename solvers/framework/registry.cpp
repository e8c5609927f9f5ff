// SPDX-License-Identifier: MIT
#include <simt/solvers/registry.hpp>

#include <limits>
#include <simt/core/error.hpp>
#include <simt/core/suggest.hpp>
#include <simt/solvers/image_output.hpp>

namespace simt {
void Registry::add(SolverEntry entry) {
    for (const auto& e : m_entries)
        SIMT_REQUIRE(e.name != entry.name, "registry: duplicate solver '" + entry.name + "'");
    m_entries.push_back(std::move(entry));
}

const SolverEntry& Registry::find(std::string_view name) const {
    for (const auto& e : m_entries)
        if (e.name == name) return e;
    std::string known;
    for (const auto& n : names()) known += (known.empty() ? "" : ", ") + n;
    throw ConfigError("unknown solver '" + std::string(name) + "'; registered: " + known +
                      did_you_mean(std::string(name), names()));
}

std::vector<std::string> Registry::names() const {
    std::vector<std::string> n;
    for (const auto& e : m_entries) n.push_back(e.name);
    return n;
}

const io::Schema& common_schema() {
    constexpr double unbounded = std::numeric_limits<double>::infinity();
    static const io::Schema schema = [] {
        io::Schema s;
        s.add(io::integer_key("simt", 1, 1, 1, "scenario format version"));
        s.add(io::string_key("solver", std::nullopt, {}, "registered solver name (simt solvers lists them)"));
        s.add(io::string_key("device", "auto", {"auto", "cpu", "cuda"}, "backend; auto = cuda if a GPU answers"));
        s.add(io::string_key("precision", precision_name(Precision::Double),
                             {precision_name(Precision::Float), precision_name(Precision::Double)},
                             "floating-point type of the fields"));
        s.add(io::integer_key("seed", 0, 0, unbounded, "seed of the counter-based random streams"));
        s.add(io::integer_key("run.steps", 1000, 0, unbounded, "step number at which `simt run` stops"));
        s.add(io::string_key("output.dir", "", {}, "directory for observables and checkpoints; '' writes none"));
        s.add(io::integer_key("output.observables_every", 100, 0, unbounded,
                              "record observables every k steps; 0 never"));
        s.add(
            io::integer_key("output.checkpoint_every", 0, 0, unbounded, "checkpoint every m steps; 0 only at the end"));
        add_image_output_keys(s);
        return s;
    }();
    return schema;
}
}  // namespace simt
