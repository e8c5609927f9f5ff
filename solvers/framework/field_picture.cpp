// SPDX-License-Identifier: MIT
#include <simt/core/error.hpp>
#include <simt/render/particle_picture.hpp>
#include <simt/solvers/field_gather.hpp>
#include <simt/solvers/field_picture.hpp>

namespace simt {
namespace {
/// Discs of one length unit across (sigma for md).
constexpr double particle_radius = 0.5;

template <class T>
View<const T, 3> grid_view(const FieldRef& f) {
    View<const T, 3> v;
    v.data = static_cast<const T*>(f.data);
    for (int d = 0; d < 3; ++d) {
        const bool has = d < int(f.shape.size());
        v.extent[d] = has ? f.shape[d] : 1;
        v.stride[d] = has ? f.strides[d] : 0;
    }
    return v;
}

template <class T, int N>
View<const T, N> particle_view(const FieldRef& f) {
    View<const T, N> v;
    v.data = static_cast<const T*>(f.data);
    for (int d = 0; d < N; ++d) {
        v.extent[d] = f.shape[std::size_t(d)];
        v.stride[d] = f.strides[std::size_t(d)];
    }
    return v;
}

/// A particle solver's "type" or "velocity" (by speed): its particles as discs.
template <class T>
render::FieldPicture particles(const Context& ctx, Solver& solver, const std::string& name,
                               const std::array<double, 3>& box, const render::PictureSpec& spec) {
    render::ParticleColours<T> colours;
    if (name == "velocity")
        colours.velocity = particle_view<T, 2>(solver.field("velocity"));
    else
        colours.type = particle_view<std::int32_t, 1>(solver.field("type"));
    return render::render_particles<T>(ctx, particle_view<T, 2>(solver.field("position")), colours, box,
                                       particle_radius, spec);
}
void require_drawable(const FieldRef& f, const std::string& name) {
    const bool drawable = f.dtype == io::DType::F32 || f.dtype == io::DType::F64 || f.dtype == io::DType::U8;
    if (!drawable || f.shape.size() < 2 || f.shape.size() > 3) {
        throw ConfigError("field '" + name +
                          "' is not a 2-D or 3-D grid of real numbers or bytes: only grid fields "
                          "are drawn");
    }
}

render::FieldPicture grid_picture(const Context& ctx, const FieldRef& f, const std::string& name,
                                  const render::PictureSpec& spec) {
    require_drawable(f, name);
    switch (f.dtype) {
        case io::DType::F32: return render::render_field<float>(ctx, grid_view<float>(f), spec, name);
        case io::DType::U8: return render::render_field<std::uint8_t>(ctx, grid_view<std::uint8_t>(f), spec, name);
        default: return render::render_field<double>(ctx, grid_view<double>(f), spec, name);
    }
}
}  // namespace

render::FieldPicture picture_of_field(const Context& ctx, Solver& solver, const std::string& name,
                                      const render::PictureSpec& spec) {
    const FieldRef f = solver.field(name);
    if (const auto particle_fields = solver.outputs().particles) {
        const std::array<double, 3>& box = particle_fields->box;
        if (name != "type" && name != "velocity") {
            throw ConfigError("field '" + name +
                              "' is per particle: particles are drawn coloured by 'type' or by "
                              "'velocity' (their speed)");
        }
        const FieldRef position = solver.field("position");
        return position.dtype == io::DType::F32 ? particles<float>(ctx, solver, name, box, spec)
                                                : particles<double>(ctx, solver, name, box, spec);
    }
    return grid_picture(ctx, f, name, spec);
}

std::optional<render::FieldPicture> picture_on_root(const Context& ctx, Solver& solver, const std::string& name,
                                                    const render::PictureSpec& spec, const Comm& ranks) {
    // A particle solver's fields are whole on rank 0 already (md gathers them in field(), every
    // rank taking part); the other ranks' pictures, of no particles, are dropped.
    if (!ranks.parallel() || solver.outputs().particles) {
        render::FieldPicture pic = picture_of_field(ctx, solver, name, spec);
        if (!ranks.root()) return std::nullopt;
        return pic;
    }
    const FieldRef mine = solver.field(name);
    require_drawable(mine, name);  // on every rank, before any waits for the gather
    const GatheredField whole = gather_field(ranks, mine, ctx.backend());
    if (!ranks.root()) return std::nullopt;
    return grid_picture(ctx, whole.field, name, spec);
}
}  // namespace simt
