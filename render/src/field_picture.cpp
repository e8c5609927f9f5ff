// SPDX-License-Identifier: MIT
// Compiled as CUDA in a CUDA build (simt_device_sources).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <tuple>
#include <simt/core/buffer.hpp>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/reduce.hpp>
#include <simt/render/colour_scale.hpp>
#include <simt/render/field_picture.hpp>

namespace simt::render {
namespace detail {
/// The widest picture render_field makes: wider is a typo, not a picture.
constexpr int max_pixels_across = 16384;

/// A plane of a 3-D field: the across axis and the two axes in the picture.
struct PlaneAxes {
    int across, u, v;
};
PlaneAxes plane_axes(int across) {
    if (across == 0) return {0, 1, 2};
    if (across == 1) return {1, 0, 2};
    return {2, 0, 1};
}

/// The shown plane's values as floats: a slice at `index`, or the maximum along the across axis
/// (NaN cells skipped) when index < 0.
template <class T>
void fill_plane(const Context& ctx, View<const T, 3> f, PlaneAxes a, Index index, View<float, 2> plane) {
    const Index su = f.stride[a.u], sv = f.stride[a.v], sa = f.stride[a.across], n = f.extent[a.across];
    const Range<2> r{int(plane.extent[0]), int(plane.extent[1])};
    for_each(ctx, Kernel("render.field.plane", double(sizeof(T)) * double(r.size()) * double(index < 0 ? n : 1)), r,
             SIMT_LAMBDA(int i, int j) {
                 const T* p = f.data + i * su + j * sv;
                 float v;
                 if (index >= 0) {
                     v = float(p[index * sa]);
                 } else {
                     v = float(p[0]);
                     for (Index k = 1; k < n; ++k) {
                         const float w = float(p[k * sa]);
                         if (w > v || v != v) v = w;
                     }
                 }
                 plane(i, j) = v;
             });
}

/// Pixel (x, y) shows the nearest cell of the plane; row 0 is the top, the plane's last v.
void colour_plane(const Context& ctx, View<const float, 2> plane, Colormap map, ColourScale scale,
                  View<unsigned char, 3> rgb) {
    const int pu = int(plane.extent[0]), pv = int(plane.extent[1]);
    const int w = int(rgb.extent[1]), h = int(rgb.extent[2]);
    for_each(ctx, Kernel("render.field.colour", double(w) * h * (3 + sizeof(float))), Range<2>{w, h},
             SIMT_LAMBDA(int x, int y) {
        const int i = int((x + 0.5) * pu / w);
        const int j = pv - 1 - int((y + 0.5) * pv / h);
        const float v = plane(i < pu ? i : pu - 1, j > 0 ? j : 0);
        const Rgb c = color_at(map, scale(v));
        rgb(0, x, y) = c.r;
        rgb(1, x, y) = c.g;
        rgb(2, x, y) = c.b;
    });
}

/// The plane's smallest and largest finite-or-infinite values (NaN skipped); {inf, -inf} if all NaN.
std::pair<float, float> plane_range(const Context& ctx, View<const float, 2> plane) {
    const Range<2> r{int(plane.extent[0]), int(plane.extent[1])};
    const double bytes = sizeof(float) * double(r.size());
    const float lo =
        reduce<float>(ctx, Kernel("render.field.min", bytes), r, Min{}, SIMT_LAMBDA(int i, int j) { return plane(i, j); });
    const float hi =
        reduce<float>(ctx, Kernel("render.field.max", bytes), r, Max{}, SIMT_LAMBDA(int i, int j) { return plane(i, j); });
    return {lo, hi};
}
}  // namespace detail

template <class T>
FieldPicture render_field(const Context& ctx, View<const T, 3> field, const PictureSpec& spec,
                          const std::string& name) {
    const std::string what = "field '" + name + "'";
    const PlaneChoice& choice = spec.plane;
    const bool flat = field.extent[2] == 1;
    if (flat && choice.axis != 2) {
        throw ConfigError(what + " is 2-D: a slice or projection must be across z (or left out)");
    }
    const detail::PlaneAxes axes = detail::plane_axes(choice.axis);
    const Index depth = field.extent[axes.across];
    Index index = -1;
    if (choice.mode == PlaneChoice::Mode::slice) {
        index = choice.index ? Index(*choice.index) : depth / 2;
        if (index >= depth) {
            throw ConfigError(what + ": slice " + std::string(1, "xyz"[choice.axis]) + "=" + std::to_string(index) +
                              " is outside the field (indices 0.." + std::to_string(depth - 1) + ")");
        }
    }
    const int pu = int(field.extent[axes.u]), pv = int(field.extent[axes.v]);
    if (spec.width < 0 || spec.width > detail::max_pixels_across) {
        throw ConfigError("picture width " + std::to_string(spec.width) + " must be 1.." +
                          std::to_string(detail::max_pixels_across) + " pixels (0: one per cell)");
    }
    const int w = spec.width > 0 ? spec.width : pu;
    const int h = std::max(1, int(std::lround(double(w) * pv / pu)));
    if (h > detail::max_pixels_across) {
        throw ConfigError(what + ": a picture " + std::to_string(w) + " pixels wide would be " + std::to_string(h) +
                          " high; ask for a smaller width");
    }

    Buffer<float> plane_memory(ctx.backend(), std::size_t(pu) * pv);
    const View<float, 2> plane = plane_memory.view<2>({pu, pv});
    detail::fill_plane<T>(ctx, field, axes, index, plane);

    FieldPicture out;
    std::tie(out.lo, out.hi) = chosen_range(spec, [&] { return detail::plane_range(ctx, plane); });
    Buffer<unsigned char> pixels(ctx.backend(), std::size_t(w) * h * 3);
    detail::colour_plane(ctx, plane, spec.colormap, colour_scale(out.lo, out.hi), pixels.view<3>({3, w, h}));
    ctx.synchronize();
    out.image = Image{w, h, pixels.to_host()};
    return out;
}

template FieldPicture render_field<float>(const Context&, View<const float, 3>, const PictureSpec&, const std::string&);
template FieldPicture render_field<double>(const Context&, View<const double, 3>, const PictureSpec&,
                                           const std::string&);
template FieldPicture render_field<std::uint8_t>(const Context&, View<const std::uint8_t, 3>, const PictureSpec&,
                                                 const std::string&);
}  // namespace simt::render
