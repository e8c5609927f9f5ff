// SPDX-License-Identifier: MIT
// Image: 8-bit RGB pixels on the host, rows from the top of the picture down.
#pragma once
#include <cstddef>
#include <vector>

namespace simt::render {
struct Image {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> rgb;  ///< 3 bytes per pixel, row after row, top row first
};
}  // namespace simt::render
