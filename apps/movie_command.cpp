// SPDX-License-Identifier: MIT
// `simt movie`: a run's numbered PNG frames (output.images) into a video, with ffmpeg.
#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/core/suggest.hpp>
#include "child_process.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

namespace simt::cli {
int movie(const MovieOptions& opt) {
    namespace fs = std::filesystem;
    if (!fs::is_directory(opt.run_dir)) throw IoError("run directory '" + opt.run_dir + "' does not exist");
    // Frames are image_<field>_<step, 9 digits>.png (Simulation's output.images).
    const std::regex frame_name(R"(image_(.+)_(\d{9})\.png)");
    std::map<std::string, std::size_t> frames;  // field -> count
    for (const auto& entry : fs::directory_iterator(opt.run_dir)) {
        std::smatch m;
        const std::string name = entry.path().filename().string();
        if (std::regex_match(name, m, frame_name)) ++frames[m[1].str()];
    }
    std::vector<std::string> fields;
    for (const auto& [field, count] : frames) fields.push_back(field);
    if (fields.empty()) {
        throw IoError("run directory '" + opt.run_dir +
                      "' holds no frames (image_<field>_<step>.png): " + "run with an output.images block first");
    }
    std::string field = opt.field;
    if (field.empty()) {
        if (fields.size() > 1) {
            throw ConfigError(
                fmt::format("run directory '{}' holds frames of several fields ({}): choose one with --field",
                            opt.run_dir, fmt::join(fields, ", ")));
        }
        field = fields.front();
    } else if (!frames.count(field)) {
        throw ConfigError(fmt::format("run directory '{}' holds no frames of field '{}'; it has frames of {}{}",
                                      opt.run_dir, field, fmt::join(fields, ", "), did_you_mean(field, fields)));
    }
    const std::string pattern = (fs::path(opt.run_dir) / ("image_" + field + "_*.png")).string();
    // Even sizes and yuv420p: what H.264 players expect.
    const auto status = run_program({"ffmpeg", "-loglevel", "error", "-y", "-framerate", std::to_string(opt.fps),
                                     "-pattern_type", "glob", "-i", pattern, "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2",
                                     "-c:v", "libx264", "-pix_fmt", "yuv420p", opt.output});
    if (!status) {
        throw Unsupported(
            "simt movie needs ffmpeg, which is not installed: apt-get install ffmpeg (Debian, Ubuntu), "
            "dnf install ffmpeg, brew install ffmpeg, or https://ffmpeg.org");
    }
    if (*status != 0)
        throw IoError(fmt::format("ffmpeg failed (exit {}) making '{}' from {}", *status, opt.output, pattern));
    fmt::print("{}: {} frames of {} at {} per second\n", opt.output, frames[field], field, opt.fps);
    return ok;
}
}  // namespace simt::cli
