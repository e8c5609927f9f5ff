// SPDX-License-Identifier: MIT
// render_particles on every backend: discs where the particles are, the nearest on top, a slab
// that hides the others, colours by type and by speed.
#include <array>
#include <cstdint>
#include <vector>
#include <doctest/doctest.h>
#include <simt/core/buffer.hpp>
#include <simt/render/particle_picture.hpp>
#include "backends.hpp"

namespace simt::test {
namespace {
// Three particles in a 10 x 10 x 10 box: ids 0 and 1 overlap seen along z (0 is nearer, higher
// z: the lower id on top, so neither the id nor the thread order decides), id 2 stands alone;
// ids 0, 1, 2 have types 0, 1, 2 and speeds 0, 3, 4.
const std::array<double, 3> box{10.0, 10.0, 10.0};
const std::vector<double> x{2.0, 2.3, 7.0}, y{2.0, 2.0, 7.0}, z{6.0, 3.0, 5.0};

render::FieldPicture draw(Backend b, const render::PictureSpec& spec, bool by_speed) {
    const Context ctx(b);
    std::vector<double> pos, vel;
    for (const auto* axis : {&x, &y, &z}) pos.insert(pos.end(), axis->begin(), axis->end());  // (N, 3), N fastest
    vel = {0.0, 0.0, 0.0, 0.0, 3.0, 0.0, 0.0, 0.0, 4.0};                                      // vx, vy, vz blocks
    const std::int32_t types[3] = {0, 1, 2};
    Buffer<double> d_pos(b, pos.size()), d_vel(b, vel.size());
    Buffer<std::int32_t> d_type(b, 3);
    d_pos.copy_from_host(pos.data());
    d_vel.copy_from_host(vel.data());
    d_type.copy_from_host(types);
    render::ParticleColours<double> colours;
    colours.type = d_type.view<1>({3});
    if (by_speed) colours.velocity = d_vel.view<2>({3, 3});
    return render::render_particles<double>(ctx, d_pos.view<2>({3, 3}), colours, box, 0.5, spec);
}

/// Pixel (x, y) of a picture 10 pixels per length unit at box point (bx, by), y up.
int grey_at_point(const render::Image& im, double bx, double by) {
    const int px = int(bx * 10), py = int((10.0 - by) * 10);
    return im.rgb[3 * (std::size_t(py) * im.width + px)];
}

render::PictureSpec grey(int width = 100) {
    render::PictureSpec spec;
    spec.colormap = render::Colormap::grey;
    spec.width = width;
    return spec;
}
}  // namespace

TEST_CASE("particles are discs coloured by type, the nearest on top, on white") {
    for (Backend b : backends()) {
        CAPTURE(backend_name(b));
        const auto automatic = draw(b, grey(), false);
        CHECK(automatic.lo == 0.0);
        CHECK(automatic.hi == 2.0);
        render::PictureSpec spec = grey();
        spec.lo = 0.0;
        spec.hi = 4.0;  // types 0, 1, 2 in grey levels 0, 64, 128: apart from the white background
        const auto pic = draw(b, spec, false);
        CHECK(pic.image.width == 100);
        CHECK(pic.image.height == 100);
        CHECK(grey_at_point(pic.image, 2.15, 2.0) == 0);   // id 0 covers id 1
        CHECK(grey_at_point(pic.image, 2.65, 2.0) == 64);  // id 1 shows where id 0 does not reach
        CHECK(grey_at_point(pic.image, 7.0, 7.0) == 128);  // id 2
        CHECK(grey_at_point(pic.image, 7.0, 7.7) == 255);  // off the disc: white
        CHECK(grey_at_point(pic.image, 5.0, 5.0) == 255);
    }
}

TEST_CASE("a slab keeps only the particles in its part of the box") {
    for (Backend b : backends()) {
        CAPTURE(backend_name(b));
        render::PictureSpec spec = grey();
        spec.slab = std::pair{0.2, 0.4};  // z in [2, 4): id 1 only
        spec.lo = 0.0;
        spec.hi = 4.0;
        const auto pic = draw(b, spec, false);
        CHECK(grey_at_point(pic.image, 2.15, 2.0) == 64);  // id 1, no longer under id 0
        CHECK(grey_at_point(pic.image, 7.0, 7.0) == 255);  // id 2 hidden: white background
    }
}

TEST_CASE("coloured by speed and seen along x") {
    for (Backend b : backends()) {
        CAPTURE(backend_name(b));
        render::PictureSpec spec = grey();
        spec.plane = render::parse_projection("x");  // y across, z up
        const auto pic = draw(b, spec, true);
        CHECK(pic.lo == 0.0);
        CHECK(pic.hi == 4.0);
        CHECK(grey_at_point(pic.image, 2.0, 6.0) == 0);    // id 0 at (y, z) = (2, 6), speed 0
        CHECK(grey_at_point(pic.image, 2.0, 3.0) == 191);  // id 1 at (2, 3), speed 3 of 4
        CHECK(grey_at_point(pic.image, 7.0, 5.0) == 255);  // id 2 at (7, 5), speed 4
    }
}
}  // namespace simt::test
