// SPDX-License-Identifier: MIT
// render_field: a grid field to an RGB picture on the device the field lives on. Only the
// 8-bit image crosses to the host; the field, its plane and its range stay where they are.
#pragma once
#include <string>
#include <simt/core/context.hpp>
#include <simt/core/view.hpp>
#include <simt/render/image.hpp>
#include <simt/render/picture_spec.hpp>

namespace simt::render {
struct FieldPicture {
    Image image;
    double lo = 0, hi = 0;  ///< the values drawn at the colormap's ends
};

/// Colours `field` (nx x ny x nz cells, nz = 1 for a 2-D field; x across the picture, y up,
/// or for a plane across x or y the remaining axes in x, y, z order), held on ctx's backend.
/// `name` goes into the messages: a slice outside the field or a 3-D choice for a 2-D field
/// is a ConfigError. T is float, double or std::uint8_t (spins, flags). Kernels:
/// render.field.plane, .min, .max, .colour.
template <class T>
FieldPicture render_field(const Context& ctx, View<const T, 3> field, const PictureSpec& spec, const std::string& name);
}  // namespace simt::render
