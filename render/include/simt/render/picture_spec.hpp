// SPDX-License-Identifier: MIT
// PictureSpec: how a field becomes a picture — the colormap, the value range (fixed or the
// field's own), which plane of a 3-D field (a slice or a maximum projection) and the width.
// Its parsers are shared by `simt plot`, Python's sim.image and output.images.
#pragma once
#include <optional>
#include <string>
#include <simt/render/colormap.hpp>

namespace simt::render {
/// The plane of a 3-D field a picture shows; a 2-D field is its own plane.
struct PlaneChoice {
    enum class Mode { slice, max_projection };
    Mode mode = Mode::slice;
    int axis = 2;                    ///< 0 = x, 1 = y, 2 = z: the axis across the plane
    std::optional<long long> index;  ///< a slice's index along `axis`; none: the middle
};

struct PictureSpec {
    Colormap colormap = Colormap::viridis;
    std::optional<double> lo, hi;  ///< none: the shown values' minimum and maximum
    PlaneChoice plane;
    std::optional<std::pair<double, double>> slab;  ///< particles: the fraction of the box along the axis shown
    int width = 0;                                  ///< pixels; 0: one pixel per cell. The height keeps the aspect.
};

/// "z=64" (a slice at index 64 along z) or "z" (the middle slice); ConfigError otherwise.
PlaneChoice parse_slice(const std::string& text);
/// "z": the maximum along z; ConfigError for anything but x, y or z.
PlaneChoice parse_projection(const std::string& axis);
/// "lo,hi" with lo < hi, both finite; ConfigError otherwise.
std::pair<double, double> parse_range(const std::string& text);

/// "lo,hi" with 0 <= lo < hi <= 1: a slab of the box; ConfigError otherwise.
std::pair<double, double> parse_slab(const std::string& text);

/// The options as `simt plot`, sim.image and output.images take them, as text ("" for the
/// default): colormap name, range "lo,hi", slice "z=64", projection "z" (not with a slice), width.
struct PictureOptions {
    std::string colormap = "viridis";
    std::string range, slice, projection, slab;
    int width = 0;
};
/// The spec the options ask for; ConfigError naming the option that is wrong.
PictureSpec picture_spec(const PictureOptions& options);
}  // namespace simt::render
