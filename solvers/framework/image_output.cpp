// SPDX-License-Identifier: MIT
#include <algorithm>
#include <filesystem>
#include <limits>
#include <optional>
#include <fmt/format.h>
#include <simt/core/comm.hpp>
#include <simt/core/error.hpp>
#include <simt/core/suggest.hpp>
#include <simt/render/png_file.hpp>
#include <simt/solvers/field_picture.hpp>
#include <simt/solvers/image_output.hpp>

namespace simt {
void add_image_output_keys(io::Schema& s) {
    constexpr double unbounded = std::numeric_limits<double>::infinity();
    s.add(io::string_key(
        "output.images.field", "", {},
        "field drawn into image_<field>_<step>.png beside the checkpoints (particles: type or velocity); '' none"));
    s.add(io::integer_key("output.images.every", 100, 1, unbounded, "steps between frames"));
    s.add(io::string_key("output.images.colormap", "viridis", render::colormap_names(), "colours of the frames"));
    s.add(io::string_key("output.images.range", "", {},
                         "'lo,hi' drawn at the colormap's ends; '' each frame's own minimum and maximum"));
    s.add(io::string_key("output.images.slice", "", {}, "plane of a 3-D field, as z=64; '' the middle z plane"));
    s.add(io::string_key("output.images.projection", "", {"", "x", "y", "z"},
                         "draw the maximum along this axis of a 3-D field instead of a slice"));
    s.add(io::string_key("output.images.slab", "", {},
                         "particles: 'lo,hi', the fraction of the box along the axis drawn; '' all"));
    s.add(io::integer_key("output.images.width", 0, 0, 16384,
                          "pixels across; 0 one per cell (the height keeps the aspect)"));
}

render::PictureSpec image_picture_spec(const io::Params& params, const std::string& origin) {
    try {
        return render::picture_spec({params.string("output.images.colormap"), params.string("output.images.range"),
                                     params.string("output.images.slice"), params.string("output.images.projection"),
                                     params.string("output.images.slab"), int(params.integer("output.images.width"))});
    } catch (const ConfigError& e) {
        throw ConfigError(origin + ": output.images: " + e.what());
    }
}

ImageOutput::ImageOutput(const io::Params& params, Solver& solver, const std::string& origin)
    : m_field(params.string("output.images.field")) {
    if (m_field.empty()) return;
    const std::vector<std::string> names = solver.field_names();
    if (std::find(names.begin(), names.end(), m_field) == names.end()) {
        throw ConfigError(fmt::format("{}: output.images.field = '{}' is not a field of this solver; its fields: {}{}",
                                      origin, m_field, fmt::join(names, ", "), did_you_mean(m_field, names)));
    }
    m_spec = image_picture_spec(params, origin);
    m_every = params.integer("output.images.every");
}

void ImageOutput::write_if_due(const Context& ctx, Solver& solver, const std::string& dir) {
    const std::int64_t step = solver.steps();
    if (m_every <= 0 || dir.empty() || step % m_every != 0 || step == m_last_step) return;
    const std::optional<render::FieldPicture> pic = picture_on_root(ctx, solver, m_field, m_spec, Comm::world());
    m_last_step = step;
    if (!pic) return;  // across ranks rank 0 writes the frame
    std::filesystem::create_directories(dir);
    const std::string path = (std::filesystem::path(dir) / fmt::format("image_{}_{:09d}.png", m_field, step)).string();
    auto timing =
        ctx.profiler().start(Kernel("render.png.write", double(pic->image.rgb.size())), Backend::Cpu, nullptr);
    render::write_png(path, pic->image);
    timing.stop();
}
}  // namespace simt
