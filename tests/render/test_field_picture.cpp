// SPDX-License-Identifier: MIT
// render_field on every backend: known fields (ramps) give known pixels, planes of 3-D fields
// are the ones asked for, and bad requests are errors naming the field and the rule.
#include <cmath>
#include <limits>
#include <vector>
#include <doctest/doctest.h>
#include <simt/core/buffer.hpp>
#include <simt/core/error.hpp>
#include <simt/render/field_picture.hpp>
#include "backends.hpp"

namespace simt::test {
namespace {
/// The picture of f(i, j, k) on an nx x ny x nz grid, held on backend b, in grey.
template <class F>
render::FieldPicture grey_picture(Backend b, int nx, int ny, int nz, F f, render::PictureSpec spec = {}) {
    std::vector<double> h(std::size_t(nx) * ny * nz);
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) h[i + nx * (j + std::size_t(ny) * k)] = f(i, j, k);
    const Context ctx(b);
    Buffer<double> d(b, h.size());
    d.copy_from_host(h.data());
    spec.colormap = render::Colormap::grey;
    const View<const double, 3> v = d.view<3>({nx, ny, nz});
    return render::render_field<double>(ctx, v, spec, "ramp");
}

/// The grey level of pixel (x, y), y from the top; the three channels must agree.
int grey_at(const render::Image& im, int x, int y) {
    const unsigned char* p = im.rgb.data() + 3 * (std::size_t(y) * im.width + x);
    REQUIRE(p[0] == p[1]);
    REQUIRE(p[1] == p[2]);
    return p[0];
}

std::string error_of(Backend b, const render::PictureSpec& spec, int nz) {
    try {
        grey_picture(b, 4, 3, nz, [](int i, int, int) { return double(i); }, spec);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "no error";
}
}  // namespace

TEST_CASE("a ramp along x is drawn from black to white, every row alike, in its own range") {
    for (Backend b : backends()) {
        CAPTURE(backend_name(b));
        const auto pic = grey_picture(b, 5, 2, 1, [](int i, int, int) { return 10.0 + 2.0 * i; });
        CHECK(pic.image.width == 5);
        CHECK(pic.image.height == 2);
        CHECK(pic.lo == 10.0);
        CHECK(pic.hi == 18.0);
        const int expected[5] = {0, 64, 128, 191, 255};  // (v - lo) / (hi - lo) * 255, rounded
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 5; ++x) CHECK(grey_at(pic.image, x, y) == expected[x]);
    }
}

TEST_CASE("y points up: the top row of the picture is the largest j") {
    for (Backend b : backends()) {
        CAPTURE(backend_name(b));
        const auto pic = grey_picture(b, 2, 3, 1, [](int, int j, int) { return double(j); });
        CHECK(grey_at(pic.image, 0, 0) == 255);
        CHECK(grey_at(pic.image, 1, 1) == 128);
        CHECK(grey_at(pic.image, 0, 2) == 0);
    }
}

TEST_CASE("a fixed range clamps and a width resamples to the nearest cell, keeping the aspect") {
    for (Backend b : backends()) {
        CAPTURE(backend_name(b));
        render::PictureSpec spec;
        spec.lo = 1.0;
        spec.hi = 3.0;
        spec.width = 10;
        const auto pic = grey_picture(b, 5, 2, 1, [](int i, int, int) { return double(i); }, spec);
        CHECK(pic.image.width == 10);
        CHECK(pic.image.height == 4);
        const int expected[10] = {0, 0, 0, 0, 128, 128, 255, 255, 255, 255};
        for (int x = 0; x < 10; ++x) CHECK(grey_at(pic.image, x, 3) == expected[x]);
    }
}

TEST_CASE("NaN cells do not enter the automatic range and a constant field is drawn mid-scale") {
    for (Backend b : backends()) {
        CAPTURE(backend_name(b));
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const auto pic = grey_picture(b, 3, 1, 1, [&](int i, int, int) { return i == 1 ? nan : double(i); });
        CHECK(pic.lo == 0.0);
        CHECK(pic.hi == 2.0);
        CHECK(grey_at(pic.image, 2, 0) == 255);
        const auto flat = grey_picture(b, 3, 2, 1, [](int, int, int) { return 7.0; });
        CHECK(grey_at(flat.image, 1, 1) == 128);
    }
}

TEST_CASE("3-D fields: the middle z slice by default, a chosen slice, a plane across x, a maximum projection") {
    for (Backend b : backends()) {
        CAPTURE(backend_name(b));
        const auto f = [](int i, int j, int k) { return double(i + 4 * j + 16 * k); };
        render::PictureSpec spec;
        spec.lo = 0.0;
        spec.hi = 255.0;  // one grey level per unit of value
        const auto middle = grey_picture(b, 4, 3, 5, f, spec);
        CHECK(middle.image.width == 4);
        CHECK(middle.image.height == 3);
        CHECK(grey_at(middle.image, 3, 0) == 3 + 4 * 2 + 16 * 2);  // top row: j = 2; k = 5 / 2
        spec.plane = render::parse_slice("z=4");
        CHECK(grey_at(grey_picture(b, 4, 3, 5, f, spec).image, 1, 2) == 1 + 16 * 4);
        spec.plane = render::parse_slice("x=2");
        const auto across_x = grey_picture(b, 4, 3, 5, f, spec);
        CHECK(across_x.image.width == 3);   // y across
        CHECK(across_x.image.height == 5);  // z up
        CHECK(grey_at(across_x.image, 1, 0) == 2 + 4 * 1 + 16 * 4);
        spec.plane = render::parse_projection("y");
        const auto max_y = grey_picture(b, 4, 3, 5, f, spec);
        CHECK(max_y.image.width == 4);
        CHECK(grey_at(max_y.image, 1, 4) == 1 + 4 * 2);  // bottom row: k = 0, the largest j = 2
    }
}

TEST_CASE("slices outside the field, 3-D planes of a 2-D field and bad option texts are errors") {
    const Backend b = Backend::Cpu;
    render::PictureSpec spec;
    spec.plane = render::parse_slice("z=5");
    CHECK(error_of(b, spec, 5) == "field 'ramp': slice z=5 is outside the field (indices 0..4)");
    spec.plane = render::parse_slice("y");
    CHECK(error_of(b, spec, 1) == "field 'ramp' is 2-D: a slice or projection must be across z (or left out)");
    CHECK_THROWS_WITH_AS(render::parse_slice("w=3"), "slice 'w=3': axis 'w' must be x, y or z", ConfigError);
    CHECK_THROWS_WITH_AS(render::parse_slice("z=-1"),
                         "slice 'z=-1': the index after '=' must be a whole number >= 0 (as in z=64)", ConfigError);
    CHECK_THROWS_WITH_AS(render::parse_range("2,1"),
                         "range '2,1' must be two finite numbers lo,hi with lo < hi (as in -1,1)", ConfigError);
    CHECK_THROWS_WITH_AS(render::parse_range("0,inf"),
                         "range '0,inf' must be two finite numbers lo,hi with lo < hi (as in -1,1)", ConfigError);
    render::PictureOptions both;
    both.slice = "z=1";
    both.projection = "z";
    CHECK_THROWS_WITH_AS(render::picture_spec(both),
                         "a picture shows a slice or a projection, not both (slice 'z=1', projection 'z')",
                         ConfigError);
}
}  // namespace simt::test
