// SPDX-License-Identifier: MIT
// Compiled as CUDA in a CUDA build (simt_device_sources).
#include <algorithm>
#include <cmath>
#include <tuple>
#include <simt/core/buffer.hpp>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/reduce.hpp>
#include <simt/render/colour_scale.hpp>
#include <simt/render/particle_picture.hpp>

namespace simt::render {
namespace detail {
/// Keeps the larger of *slot and key, from any number of threads at once.
SIMT_INLINE void atomic_max(unsigned long long* slot, unsigned long long key) {
#if SIMT_ON_DEVICE()
    atomicMax(slot, key);
#else
    unsigned long long seen = __atomic_load_n(slot, __ATOMIC_RELAXED);
    while (seen < key && !__atomic_compare_exchange_n(slot, &seen, key, true, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
    }
#endif
}

/// x wrapped into [0, length).
SIMT_INLINE double wrapped(double x, double length) { return x - length * floor(x / length); }

/// Each particle writes its disc into `cover`: per pixel the largest key (depth << 32 | id + 1)
/// wins, so the nearest particle shows whatever order the threads run in.
template <class T>
void draw_discs(const Context& ctx, View<const T, 2> pos, int axis, int u, int v, std::array<double, 3> box,
                double slab_lo, double slab_hi, double radius_px, View<unsigned long long, 2> cover) {
    const int w = int(cover.extent[0]), h = int(cover.extent[1]);
    const double lu = box[u], lv = box[v], la = box[axis];
    const double px_per_length = w / lu;
    const Range<1> r{pos.extent[0]};
    for_each(ctx, Kernel("render.particles.discs", double(r.n) * 3 * sizeof(T)), r, SIMT_LAMBDA(Index p) {
        const double depth = wrapped(double(pos(p, axis)), la) / la;
        if (depth < slab_lo || depth >= slab_hi) return;
        const double cx = wrapped(double(pos(p, u)), lu) * px_per_length;
        const double cy = (lv - wrapped(double(pos(p, v)), lv)) * px_per_length;  // up on the picture
        const unsigned long long key =
            (static_cast<unsigned long long>(depth * 2147483647.0) << 32) | static_cast<unsigned long long>(p + 1);
        const int x0 = int(floor(cx - radius_px)), x1 = int(ceil(cx + radius_px));
        const int y0 = int(floor(cy - radius_px)), y1 = int(ceil(cy + radius_px));
        for (int y = y0 < 0 ? 0 : y0; y <= y1 && y < h; ++y)
            for (int x = x0 < 0 ? 0 : x0; x <= x1 && x < w; ++x) {
                const double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                if (dx * dx + dy * dy <= radius_px * radius_px) atomic_max(&cover(x, y), key);
            }
    });
}

/// The value a particle's colour shows: its speed, or its type.
template <class T>
struct ParticleValue {
    View<const std::int32_t, 1> type;
    View<const T, 2> velocity;
    SIMT_INLINE float operator()(Index p) const {
        if (velocity.data == nullptr) return float(type(p));
        const double vx = velocity(p, 0), vy = velocity(p, 1), vz = velocity(p, 2);
        return float(sqrt(vx * vx + vy * vy + vz * vz));
    }
};

/// Uncovered pixels are white; a covered one takes its particle's colour.
template <class T>
void colour_discs(const Context& ctx, View<const unsigned long long, 2> cover, ParticleValue<T> value, Colormap map,
                  ColourScale scale, View<unsigned char, 3> rgb) {
    const int w = int(cover.extent[0]), h = int(cover.extent[1]);
    for_each(ctx, Kernel("render.particles.colour", double(w) * h * 11), Range<2>{w, h}, SIMT_LAMBDA(int x, int y) {
        const unsigned long long key = cover(x, y);
        Rgb c{255, 255, 255};
        if (key != 0) c = color_at(map, scale(value(Index(key & 0xffffffffULL) - 1)));
        rgb(0, x, y) = c.r;
        rgb(1, x, y) = c.g;
        rgb(2, x, y) = c.b;
    });
}

template <class T>
std::pair<float, float> value_range(const Context& ctx, Index n, ParticleValue<T> value) {
    const float lo = reduce<float>(ctx, "render.particles.min", Range<1>{n}, Min{}, SIMT_LAMBDA(Index p) { return value(p); });
    const float hi = reduce<float>(ctx, "render.particles.max", Range<1>{n}, Max{}, SIMT_LAMBDA(Index p) { return value(p); });
    return {lo, hi};
}
}  // namespace detail

template <class T>
FieldPicture render_particles(const Context& ctx, View<const T, 2> position, const ParticleColours<T>& colours,
                              const std::array<double, 3>& box, double radius, const PictureSpec& spec) {
    const int axis = spec.plane.axis;
    const int u = axis == 0 ? 1 : 0, v = axis == 2 ? 1 : 2;
    if (spec.plane.mode == PlaneChoice::Mode::slice && spec.plane.index) {
        throw ConfigError(
            "particles are drawn whole along an axis or in a slab (0.4,0.6 of the box), not at a slice index");
    }
    const int w = spec.width > 0 ? spec.width : 512;
    const int h = std::max(1, int(std::lround(w * box[v] / box[u])));
    if (h > 16384) throw ConfigError("a particle picture " + std::to_string(w) + " pixels wide would be too high");
    const double slab_lo = spec.slab ? spec.slab->first : 0.0, slab_hi = spec.slab ? spec.slab->second : 1.0;

    Buffer<unsigned long long> cover_memory(ctx.backend(), std::size_t(w) * h);
    const View<unsigned long long, 2> cover = cover_memory.view<2>({w, h});
    for_each(ctx, "render.particles.clear", Range<2>{w, h}, SIMT_LAMBDA(int x, int y) { cover(x, y) = 0; });
    detail::draw_discs<T>(ctx, position, axis, u, v, box, slab_lo, slab_hi, radius * w / box[u], cover);

    const detail::ParticleValue<T> value{colours.type, colours.velocity};
    FieldPicture out;
    std::tie(out.lo, out.hi) =
        chosen_range(spec, [&] { return detail::value_range<T>(ctx, position.extent[0], value); });
    Buffer<unsigned char> pixels(ctx.backend(), std::size_t(w) * h * 3);
    detail::colour_discs<T>(ctx, cover, value, spec.colormap, colour_scale(out.lo, out.hi), pixels.view<3>({3, w, h}));
    ctx.synchronize();
    out.image = Image{w, h, pixels.to_host()};
    return out;
}

template FieldPicture render_particles<float>(const Context&, View<const float, 2>, const ParticleColours<float>&,
                                              const std::array<double, 3>&, double, const PictureSpec&);
template FieldPicture render_particles<double>(const Context&, View<const double, 2>, const ParticleColours<double>&,
                                               const std::array<double, 3>&, double, const PictureSpec&);
}  // namespace simt::render
