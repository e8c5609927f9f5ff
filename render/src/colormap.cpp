// SPDX-License-Identifier: MIT
#include <simt/core/error.hpp>
#include <simt/core/suggest.hpp>
#include <simt/render/colormap.hpp>

namespace simt::render {
std::vector<std::string> colormap_names() { return {"viridis", "coolwarm", "grey"}; }

Colormap colormap_from_name(const std::string& name) {
    const std::vector<std::string> names = colormap_names();
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) return static_cast<Colormap>(i);
    }
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    throw ConfigError("unknown colormap '" + name + "'; known: " + known + did_you_mean(name, names));
}
}  // namespace simt::render
