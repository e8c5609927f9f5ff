// SPDX-License-Identifier: MIT
// A solver's grid field as a picture, coloured where the solver runs: Python's sim.image and
// the driver's output.images both come through here.
#pragma once
#include <string>
#include <simt/core/context.hpp>
#include <simt/render/field_picture.hpp>
#include <simt/solvers/solver.hpp>

namespace simt {
/// The picture of `solver`'s field `name` (Solver::field's error for an unknown name); a
/// ConfigError for a field that is not a grid of real numbers (a particle solver's arrays).
render::FieldPicture picture_of_field(const Context& ctx, Solver& solver, const std::string& name,
                                      const render::PictureSpec& spec);
}  // namespace simt
