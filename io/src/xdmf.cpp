// SPDX-License-Identifier: MIT
#include <simt/io/xdmf.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <simt/core/error.hpp>
#include <utility>

namespace simt::io {
namespace {
std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

// XDMF lists axes slowest first (z, y, x), as the C-order datasets are stored. A 2-D grid is
// written as a 3-D mesh one cell deep: VTK's XDMF reader (ParaView 5.11) takes the two axes of a
// 2DCoRectMesh as z and y, which put 2-D fields in the y-z plane.
std::string xdmf_text(const std::string& h5_name, const std::string& grid_name, const XdmfGrid& g,
                      const std::vector<XdmfField>& fields) {
    const std::string cells = fmt::format("{} {} {}", g.nz, g.ny, g.nx);
    const std::string nodes = fmt::format("{} {} {}", g.nz + 1, g.ny + 1, g.nx + 1);
    const std::string origin = fmt::format("{} {} {}", g.z0, g.y0, g.x0);
    const std::string spacing = fmt::format("{} {} {}", g.dz, g.dy, g.dx);

    std::string out =
        "<?xml version=\"1.0\" ?>\n<!DOCTYPE Xdmf SYSTEM \"Xdmf.dtd\" []>\n<Xdmf Version=\"3.0\">\n";
    out += "  <Domain>\n";
    out += fmt::format("    <Grid Name=\"{}\" GridType=\"Uniform\">\n", xml_escape(grid_name));
    out += fmt::format("      <Time Value=\"{}\"/>\n", g.time);
    out += fmt::format("      <Topology TopologyType=\"3DCoRectMesh\" Dimensions=\"{}\"/>\n", nodes);
    out += "      <Geometry GeometryType=\"ORIGIN_DXDYDZ\">\n";
    for (const auto& [name, values] : {std::pair{"Origin", origin}, std::pair{"Spacing", spacing}})
        out += fmt::format(
            "        <DataItem Name=\"{}\" Dimensions=\"3\" NumberType=\"Float\" Precision=\"8\" "
            "Format=\"XML\">{}</DataItem>\n",
            name, values);
    out += "      </Geometry>\n";
    for (const XdmfField& f : fields) {
        const std::string dims = f.components == 1 ? cells : fmt::format("{} {}", cells, f.components);
        out += fmt::format("      <Attribute Name=\"{}\" AttributeType=\"{}\" Center=\"Cell\">\n",
                           xml_escape(f.name), f.components == 1 ? "Scalar" : "Vector");
        out += fmt::format(
            "        <DataItem Dimensions=\"{}\" NumberType=\"Float\" Precision=\"{}\" Format=\"HDF\">"
            "{}:/fields/{}</DataItem>\n",
            dims, f.precision == "float" ? 4 : 8, xml_escape(h5_name), xml_escape(f.name));
        out += "      </Attribute>\n";
    }
    out += "    </Grid>\n  </Domain>\n</Xdmf>\n";
    return out;
}
}  // namespace

std::string write_xdmf(const std::string& h5_path, const XdmfGrid& grid,
                       const std::vector<XdmfField>& fields) {
    SIMT_REQUIRE(
        grid.nx >= 1 && grid.ny >= 1 && grid.nz >= 1,
        fmt::format("xdmf: grid {}x{}x{} needs at least one cell per axis", grid.nx, grid.ny, grid.nz));
    for (const XdmfField& f : fields) {
        SIMT_REQUIRE(f.components >= 1 && f.components <= 3,
                     fmt::format("xdmf: field '{}' has {} components (1 to 3)", f.name, f.components));
        SIMT_REQUIRE(
            f.precision == "float" || f.precision == "double",
            fmt::format("xdmf: field '{}' precision '{}' is not float or double", f.name, f.precision));
    }
    const std::filesystem::path h5(h5_path);
    const std::string xmf = std::filesystem::path(h5).replace_extension(".xmf").string();
    const std::string tmp = xmf + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << xdmf_text(h5.filename().string(), h5.stem().string(), grid, fields);
        out.close();
        if (!out) {
            const int err = errno;
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw IoError(fmt::format("xdmf: cannot write '{}': {}", tmp, std::strerror(err)));
        }
    }
    if (std::rename(tmp.c_str(), xmf.c_str()) != 0) {
        const int err = errno;
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        throw IoError(fmt::format("xdmf: cannot rename '{}' to '{}': {}", tmp, xmf, std::strerror(err)));
    }
    return xmf;
}
}  // namespace simt::io
