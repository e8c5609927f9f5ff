// SPDX-License-Identifier: MIT
// ImageOutput: the output.images block — a grid field drawn every N steps into numbered PNG
// frames (image_<field>_<step>.png) beside the checkpoints, coloured on the run's device.
#pragma once
#include <cstdint>
#include <string>
#include <simt/core/context.hpp>
#include <simt/io/params.hpp>
#include <simt/io/schema.hpp>
#include <simt/render/picture_spec.hpp>
#include <simt/solvers/solver.hpp>

namespace simt {
/// Adds the output.images.* keys to the common schema.
void add_image_output_keys(io::Schema& schema);

/// The picture the output.images keys ask for; ConfigError naming `origin` and the key for an
/// option that makes none (simt validate checks these without building the solver).
render::PictureSpec image_picture_spec(const io::Params& params, const std::string& origin);

class ImageOutput {
   public:
    /// From the scenario's output.images keys; ConfigError for a field the solver lacks or an
    /// option that makes no picture (naming the scenario file `origin` and the key).
    ImageOutput(const io::Params& params, Solver& solver, const std::string& origin);
    /// Steps between frames; 0 when the scenario asks for none.
    std::int64_t every() const { return m_every; }
    /// Draws the frame of the solver's current step into `dir` if one is due and not yet drawn;
    /// across ranks collective, the whole field drawn and written by rank 0. The colouring kernels (render.field.*) and
    /// the PNG writing (render.png.write) show in the profiler.
    void write_if_due(const Context& ctx, Solver& solver, const std::string& dir);

   private:
    std::string m_field;
    std::int64_t m_every = 0;
    render::PictureSpec m_spec;
    std::int64_t m_last_step = -1;
};
}  // namespace simt
