// SPDX-License-Identifier: MIT
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <simt/core/error.hpp>
#include <simt/render/png_file.hpp>
#if SIMT_HAVE_PNG
#include <png.h>
#endif

namespace simt::render {
#if SIMT_HAVE_PNG
namespace {
/// libpng reports errors through a callback; throwing from it unwinds past C frames, so the
/// message is kept and libpng's own longjmp returns to write_rows instead.
struct PngErrors {
    std::string message;
};
void on_png_error(png_structp png, png_const_charp msg) {
    static_cast<PngErrors*>(png_get_error_ptr(png))->message = msg;
    png_longjmp(png, 1);
}
void on_png_warning(png_structp, png_const_charp) {}

/// The whole encoding; returns libpng's message on failure, "" on success.
std::string write_rows(std::FILE* file, const Image& image) {
    PngErrors errors;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &errors, on_png_error, on_png_warning);
    if (!png) return "libpng could not start";
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return errors.message.empty() ? "libpng could not start" : errors.message;
    }
    png_init_io(png, file);
    // zlib's fastest level: frames are written during a run, where time counts more than bytes.
    png_set_compression_level(png, 1);
    png_set_IHDR(png, info, png_uint_32(image.width), png_uint_32(image.height), 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < image.height; ++y) {
        png_write_row(png, image.rgb.data() + std::size_t(y) * image.width * 3);
    }
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return "";
}
}  // namespace

bool png_available() { return true; }

void write_png(const std::string& path, const Image& image) {
    SIMT_REQUIRE(image.width > 0 && image.height > 0 && image.rgb.size() == std::size_t(image.width) * image.height * 3,
                 "write_png: the image's pixels do not match its size");
    const std::string tmp = path + ".tmp";
    std::FILE* file = std::fopen(tmp.c_str(), "wb");
    if (!file) throw IoError("cannot write '" + path + "': " + std::strerror(errno));
    const std::string failure = write_rows(file, image);
    const bool closed = std::fclose(file) == 0;
    if (!failure.empty() || !closed) {
        std::remove(tmp.c_str());
        throw IoError("cannot write '" + path + "': " + (failure.empty() ? std::strerror(errno) : failure));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        std::remove(tmp.c_str());
        throw IoError("cannot write '" + path + "': " + why);
    }
}
#else
bool png_available() { return false; }

void write_png(const std::string& path, const Image&) {
    throw Unsupported("cannot write '" + path +
                      "': this simt was built without libpng (install libpng-dev, "
                      "or your system's libpng development package, and configure again)");
}
#endif
}  // namespace simt::render
