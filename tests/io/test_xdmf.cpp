// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <simt/core/error.hpp>
#include <simt/io/xdmf.hpp>
#include <string>
#include <vector>

#include "../temp_dir.hpp"

namespace fs = std::filesystem;
using namespace simt;
using namespace simt::io;
using simt::test::TempDir;

namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The XML elements named `tag`, each as its text from '<' to the end of its closing tag (or '/>').
std::vector<std::string> elements(const std::string& xml, const std::string& tag) {
    std::vector<std::string> out;
    for (std::size_t at = xml.find("<" + tag + " "); at != std::string::npos;
         at = xml.find("<" + tag + " ", at + 1)) {
        const std::size_t open_end = xml.find('>', at);
        const bool empty = xml[open_end - 1] == '/';
        const std::size_t end = empty ? open_end + 1 : xml.find("</" + tag + ">", at) + tag.size() + 3;
        out.push_back(xml.substr(at, end - at));
    }
    return out;
}

// The value of attribute `name` in an element's opening tag.
std::string attribute(const std::string& element, const std::string& name) {
    const std::string key = " " + name + "=\"";
    const std::size_t at = element.find(key);
    if (at == std::string::npos || at > element.find('>')) return "<absent>";
    const std::size_t begin = at + key.size();
    return element.substr(begin, element.find('"', begin) - begin);
}

// The text between an element's opening and closing tags.
std::string text(const std::string& element) {
    const std::size_t begin = element.find('>') + 1;
    return element.substr(begin, element.rfind("</") - begin);
}

std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    return names;
}
}  // namespace

TEST_CASE("xdmf 3-D sidecar describes cell fields in z y x order") {
    TempDir dir;
    const std::string h5 = (dir.path / "ckpt_000100.h5").string();
    XdmfGrid g;
    g.nx = 16, g.ny = 8, g.nz = 4;
    g.dx = 0.1, g.dy = 0.2, g.dz = 0.4;
    g.x0 = 1.5, g.y0 = -2, g.z0 = 0.25;
    g.time = 2.5;
    const std::string xmf = write_xdmf(h5, g, {{"u", 1, "double"}, {"vel", 3, "float"}});
    CHECK(xmf == (dir.path / "ckpt_000100.xmf").string());
    CHECK(files_in(dir.path) == std::vector<std::string>{"ckpt_000100.xmf"});

    const std::string xml = read_text(xmf);
    CHECK(xml.find("<Xdmf Version=\"3.0\">") != std::string::npos);
    CHECK(xml.find(dir.path.string()) == std::string::npos);
    REQUIRE(elements(xml, "Grid").size() == 1);
    CHECK(attribute(elements(xml, "Grid")[0], "GridType") == "Uniform");
    REQUIRE(elements(xml, "Time").size() == 1);
    CHECK(attribute(elements(xml, "Time")[0], "Value") == "2.5");

    const std::vector<std::string> topo = elements(xml, "Topology");
    REQUIRE(topo.size() == 1);
    CHECK(attribute(topo[0], "TopologyType") == "3DCoRectMesh");
    CHECK(attribute(topo[0], "Dimensions") == "5 9 17");

    const std::vector<std::string> geo = elements(xml, "Geometry");
    REQUIRE(geo.size() == 1);
    CHECK(attribute(geo[0], "GeometryType") == "ORIGIN_DXDYDZ");
    const std::vector<std::string> geo_items = elements(geo[0], "DataItem");
    REQUIRE(geo_items.size() == 2);
    CHECK(text(geo_items[0]) == "0.25 -2 1.5");
    CHECK(text(geo_items[1]) == "0.4 0.2 0.1");

    const std::vector<std::string> attrs = elements(xml, "Attribute");
    REQUIRE(attrs.size() == 2);
    CHECK(attribute(attrs[0], "Name") == "u");
    CHECK(attribute(attrs[0], "AttributeType") == "Scalar");
    CHECK(attribute(attrs[0], "Center") == "Cell");
    const std::string u = elements(attrs[0], "DataItem").at(0);
    CHECK(attribute(u, "Format") == "HDF");
    CHECK(attribute(u, "NumberType") == "Float");
    CHECK(attribute(u, "Precision") == "8");
    CHECK(attribute(u, "Dimensions") == "4 8 16");
    CHECK(text(u) == "ckpt_000100.h5:/fields/u");

    CHECK(attribute(attrs[1], "Name") == "vel");
    CHECK(attribute(attrs[1], "AttributeType") == "Vector");
    CHECK(attribute(attrs[1], "Center") == "Cell");
    const std::string vel = elements(attrs[1], "DataItem").at(0);
    CHECK(attribute(vel, "Precision") == "4");
    CHECK(attribute(vel, "Dimensions") == "4 8 16 3");
    CHECK(text(vel) == "ckpt_000100.h5:/fields/vel");
}

TEST_CASE("xdmf with nz == 1 is a 3-D mesh one cell deep, which ParaView shows in the x-y plane") {
    TempDir dir;
    XdmfGrid g;
    g.nx = 32, g.ny = 24;
    g.dx = 0.5, g.dy = 0.25;
    g.x0 = 3, g.y0 = 4;
    const std::string xmf =
        write_xdmf((dir.path / "frame.h5").string(), g, {{"rho", 1, "float"}, {"j", 2, "double"}});
    const std::string xml = read_text(xmf);

    const std::string topo = elements(xml, "Topology").at(0);
    CHECK(attribute(topo, "TopologyType") == "3DCoRectMesh");
    CHECK(attribute(topo, "Dimensions") == "2 25 33");
    const std::string geo = elements(xml, "Geometry").at(0);
    CHECK(attribute(geo, "GeometryType") == "ORIGIN_DXDYDZ");
    CHECK(text(elements(geo, "DataItem").at(0)) == "0 4 3");
    CHECK(text(elements(geo, "DataItem").at(1)) == "1 0.25 0.5");

    const std::vector<std::string> attrs = elements(xml, "Attribute");
    REQUIRE(attrs.size() == 2);
    CHECK(attribute(elements(attrs[0], "DataItem").at(0), "Dimensions") == "1 24 32");
    CHECK(attribute(elements(attrs[0], "DataItem").at(0), "Precision") == "4");
    CHECK(attribute(attrs[1], "AttributeType") == "Vector");
    CHECK(attribute(elements(attrs[1], "DataItem").at(0), "Dimensions") == "1 24 32 2");
    CHECK(text(elements(attrs[1], "DataItem").at(0)) == "frame.h5:/fields/j");
}

TEST_CASE("xdmf replaces an existing sidecar atomically and rejects bad input") {
    TempDir dir;
    const std::string h5 = (dir.path / "c.h5").string();
    XdmfGrid g;
    g.nx = g.ny = g.nz = 2;
    g.time = 1;
    write_xdmf(h5, g, {{"u", 1, "double"}});
    g.time = 2;
    const std::string xmf = write_xdmf(h5, g, {{"u", 1, "double"}});
    CHECK(attribute(elements(read_text(xmf), "Time").at(0), "Value") == "2");
    CHECK(files_in(dir.path) == std::vector<std::string>{"c.xmf"});

    CHECK_THROWS_AS(write_xdmf(h5, g, {{"u", 4, "double"}}), Error);
    CHECK_THROWS_AS(write_xdmf(h5, g, {{"u", 1, "half"}}), Error);
    g.nx = 0;
    CHECK_THROWS_AS(write_xdmf(h5, g, {}), Error);
    g.nx = 2;
    CHECK_THROWS_AS(write_xdmf((dir.path / "missing" / "c.h5").string(), g, {}), IoError);
    CHECK(files_in(dir.path) == std::vector<std::string>{"c.xmf"});
}
