// SPDX-License-Identifier: MIT
#include <cmath>
#include <cstdlib>
#include <tuple>
#include <simt/core/error.hpp>
#include <simt/render/picture_spec.hpp>

namespace simt::render {
namespace {
int axis_of(const std::string& name, const std::string& what) {
    if (name == "x") return 0;
    if (name == "y") return 1;
    if (name == "z") return 2;
    throw ConfigError(what + ": axis '" + name + "' must be x, y or z");
}

/// The whole of `text` as a number, or none.
std::optional<double> number(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (*end != '\0' || !std::isfinite(v)) return std::nullopt;
    return v;
}

/// "a,b" as two numbers (not checked further), or none.
std::optional<std::pair<double, double>> number_pair(const std::string& text) {
    const auto comma = text.find(',');
    if (comma == std::string::npos) return std::nullopt;
    const auto a = number(text.substr(0, comma)), b = number(text.substr(comma + 1));
    if (!a || !b) return std::nullopt;
    return std::pair{*a, *b};
}
}  // namespace

PlaneChoice parse_slice(const std::string& text) {
    const std::string what = "slice '" + text + "'";
    PlaneChoice p;
    const auto eq = text.find('=');
    p.axis = axis_of(text.substr(0, eq), what);
    if (eq != std::string::npos) {
        const auto v = number(text.substr(eq + 1));
        if (!v || *v < 0 || *v != std::floor(*v)) {
            throw ConfigError(what + ": the index after '=' must be a whole number >= 0 (as in z=64)");
        }
        p.index = static_cast<long long>(*v);
    }
    return p;
}

PlaneChoice parse_projection(const std::string& axis) {
    PlaneChoice p;
    p.mode = PlaneChoice::Mode::max_projection;
    p.axis = axis_of(axis, "projection '" + axis + "'");
    return p;
}

std::pair<double, double> parse_range(const std::string& text) {
    const auto p = number_pair(text);
    if (!p || !(p->first < p->second)) {
        throw ConfigError("range '" + text + "' must be two finite numbers lo,hi with lo < hi (as in -1,1)");
    }
    return *p;
}

std::pair<double, double> parse_slab(const std::string& text) {
    const auto p = number_pair(text);
    if (!p || !(0 <= p->first && p->first < p->second && p->second <= 1)) {
        throw ConfigError("slab '" + text +
                          "' must be two fractions of the box lo,hi with 0 <= lo < hi <= 1 (as in 0.4,0.6)");
    }
    return *p;
}

PictureSpec picture_spec(const PictureOptions& options) {
    PictureSpec spec;
    spec.colormap = colormap_from_name(options.colormap);
    if (!options.slice.empty() && !options.projection.empty()) {
        throw ConfigError("a picture shows a slice or a projection, not both (slice '" + options.slice +
                          "', projection '" + options.projection + "')");
    }
    if (!options.slice.empty()) spec.plane = parse_slice(options.slice);
    if (!options.projection.empty()) spec.plane = parse_projection(options.projection);
    if (!options.range.empty()) std::tie(spec.lo, spec.hi) = parse_range(options.range);
    if (!options.slab.empty()) spec.slab = parse_slab(options.slab);
    spec.width = options.width;
    return spec;
}
}  // namespace simt::render
