// SPDX-License-Identifier: MIT
// ColourScale: values to colormap positions, from a picture's fixed or automatic range.
#pragma once
#include <cmath>
#include <utility>
#include <simt/core/macros.hpp>
#include <simt/render/picture_spec.hpp>

namespace simt::render {
/// t = (v - lo) * scale + shift; a constant (or empty) range has scale 0 and draws mid-scale.
struct ColourScale {
    float lo = 0.f, scale = 0.f, shift = 0.5f;
    SIMT_INLINE float operator()(float v) const { return (v - lo) * scale + shift; }
};

inline ColourScale colour_scale(double lo, double hi) {
    if (!(std::isfinite(hi - lo) && hi > lo)) return {};
    return {float(lo), float(1.0 / (hi - lo)), 0.f};
}

/// The spec's lo and hi where it gives them, the rest from automatic() (a {min, max} pair,
/// asked for only when needed: it costs two reductions).
template <class F>
std::pair<double, double> chosen_range(const PictureSpec& spec, F automatic) {
    if (spec.lo && spec.hi) return {*spec.lo, *spec.hi};
    const auto [lo, hi] = automatic();
    return {spec.lo ? *spec.lo : lo, spec.hi ? *spec.hi : hi};
}
}  // namespace simt::render
