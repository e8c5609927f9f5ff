// SPDX-License-Identifier: MIT
// A solver's grid field as a picture, coloured where the solver runs: Python's sim.image and
// the driver's output.images both come through here.
#pragma once
#include <string>
#include <simt/core/context.hpp>
#include <simt/render/field_picture.hpp>
#include <simt/solvers/solver.hpp>

namespace simt {
/// The picture of `solver`'s field `name` (Solver::field's error for an unknown name). A
/// particle solver's "type" or "velocity" draws its particles coloured by type or speed; its
/// other fields, and fields that are not grids of real numbers or bytes, are a ConfigError.
render::FieldPicture picture_of_field(const Context& ctx, Solver& solver, const std::string& name,
                                      const render::PictureSpec& spec);
}  // namespace simt
