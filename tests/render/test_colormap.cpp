// SPDX-License-Identifier: MIT
// The colormaps against the colours matplotlib publishes for them (hex codes of its
// documentation and of the BIDS viridis and Moreland coolwarm papers), and the name lookup.
#include <limits>
#include <doctest/doctest.h>
#include <simt/core/error.hpp>
#include <simt/render/colormap.hpp>

namespace simt::test {
namespace {
void check_colour(render::Colormap map, float t, int r, int g, int b) {
    const render::Rgb c = render::color_at(map, t);
    INFO("t = " << t);
    CHECK(int(c.r) == r);
    CHECK(int(c.g) == g);
    CHECK(int(c.b) == b);
}
}  // namespace

TEST_CASE("viridis ends and middle are matplotlib's #440154, #21918c, #fde725") {
    check_colour(render::Colormap::viridis, 0.f, 0x44, 0x01, 0x54);
    check_colour(render::Colormap::viridis, 0.5f, 0x21, 0x91, 0x8c);
    check_colour(render::Colormap::viridis, 1.f, 0xfd, 0xe7, 0x25);
}

TEST_CASE("coolwarm ends and middle are matplotlib's #3b4cc0, #dddddd, #b40426") {
    check_colour(render::Colormap::coolwarm, 0.f, 0x3b, 0x4c, 0xc0);
    check_colour(render::Colormap::coolwarm, 0.5f, 0xdd, 0xdd, 0xdd);
    check_colour(render::Colormap::coolwarm, 1.f, 0xb4, 0x04, 0x26);
}

TEST_CASE("values outside 0..1 take the nearer end and NaN the low end") {
    check_colour(render::Colormap::viridis, -3.f, 0x44, 0x01, 0x54);
    check_colour(render::Colormap::viridis, 7.f, 0xfd, 0xe7, 0x25);
    check_colour(render::Colormap::grey, std::numeric_limits<float>::quiet_NaN(), 0, 0, 0);
    check_colour(render::Colormap::grey, 0.25f, 64, 64, 64);
}

TEST_CASE("colormaps by name, and a misspelt one lists the names and suggests the near one") {
    CHECK(render::colormap_from_name("coolwarm") == render::Colormap::coolwarm);
    try {
        render::colormap_from_name("virdis");
        FAIL("no error");
    } catch (const ConfigError& e) {
        CHECK(std::string(e.what()) ==
              "unknown colormap 'virdis'; known: viridis, coolwarm, grey; did you mean 'viridis'?");
    }
}
}  // namespace simt::test
