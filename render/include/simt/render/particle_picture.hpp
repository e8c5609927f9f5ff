// SPDX-License-Identifier: MIT
// render_particles: particles as discs in an orthographic view of a periodic box, coloured by
// type or speed, on the device the particles live on; the nearest disc covers the others.
#pragma once
#include <array>
#include <cstdint>
#include <simt/core/context.hpp>
#include <simt/core/view.hpp>
#include <simt/render/field_picture.hpp>

namespace simt::render {
/// What a particle's colour shows: its type (colours evenly over the types present) or its speed.
template <class T>
struct ParticleColours {
    View<const std::int32_t, 1> type;  ///< (N): colour by type when velocity.data is null
    View<const T, 2> velocity;         ///< (N, 3): colour by speed when set
};

/// The picture of N particles at `position` (N, 3) in a periodic box with edges `box`, seen along
/// spec.plane.axis (the other two axes across and up, in x, y, z order). spec.slab, when set,
/// keeps the particles whose coordinate along the axis lies in that fraction of the box (a slab
/// of a 3-D system); `radius` is the discs' radius in the box's length unit; the width defaults
/// to 512 pixels. Kernels: render.particles.min, .max, .discs, .colour.
template <class T>
FieldPicture render_particles(const Context& ctx, View<const T, 2> position, const ParticleColours<T>& colours,
                              const std::array<double, 3>& box, double radius, const PictureSpec& spec);
}  // namespace simt::render
