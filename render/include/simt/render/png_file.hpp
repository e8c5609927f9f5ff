// SPDX-License-Identifier: MIT
// PNG files of RGB images, written with libpng.
#pragma once
#include <string>
#include <simt/render/image.hpp>

namespace simt::render {
/// Whether this build can write PNG (libpng was found when it was configured).
bool png_available();
/// Writes `image` to `path` (8-bit RGB, no interlace) through `path`.tmp and a rename, so a
/// reader never sees half a frame; IoError naming the file if it cannot be written, and
/// Unsupported in a build without libpng.
void write_png(const std::string& path, const Image& image);
}  // namespace simt::render
