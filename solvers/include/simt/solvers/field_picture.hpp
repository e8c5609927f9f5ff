// SPDX-License-Identifier: MIT
// A solver's grid field as a picture, coloured where the solver runs: Python's sim.image and
// the driver's output.images (of the whole field across ranks) both come through here.
#pragma once
#include <optional>
#include <string>
#include <simt/core/comm.hpp>
#include <simt/core/context.hpp>
#include <simt/render/field_picture.hpp>
#include <simt/solvers/solver.hpp>

namespace simt {
/// The picture of `solver`'s field `name` (Solver::field's error for an unknown name). A
/// particle solver's "type" or "velocity" draws its particles coloured by type or speed; its
/// other fields, and fields that are not grids of real numbers or bytes, are a ConfigError.
render::FieldPicture picture_of_field(const Context& ctx, Solver& solver, const std::string& name,
                                      const render::PictureSpec& spec);
/// The picture of the whole field `name` on rank 0 (nothing on the other ranks), the same as one
/// process draws: across ranks a grid field's blocks are gathered to rank 0 (gather_field) and
/// coloured there, on the run's device. Collective: every rank calls it.
std::optional<render::FieldPicture> picture_on_root(const Context& ctx, Solver& solver, const std::string& name,
                                                    const render::PictureSpec& spec, const Comm& ranks);
}  // namespace simt
