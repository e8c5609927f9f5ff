// SPDX-License-Identifier: MIT
#include <simt/core/error.hpp>
#include <simt/solvers/field_picture.hpp>

namespace simt {
namespace {
template <class T>
render::FieldPicture picture(const Context& ctx, const FieldRef& f, const render::PictureSpec& spec) {
    View<const T, 3> v;
    v.data = static_cast<const T*>(f.data);
    for (int d = 0; d < 3; ++d) {
        const bool has = d < int(f.shape.size());
        v.extent[d] = has ? f.shape[d] : 1;
        v.stride[d] = has ? f.strides[d] : 0;
    }
    return render::render_field<T>(ctx, v, spec, f.name);
}
}  // namespace

render::FieldPicture picture_of_field(const Context& ctx, Solver& solver, const std::string& name,
                                      const render::PictureSpec& spec) {
    const FieldRef f = solver.field(name);
    const bool real = f.dtype == io::DType::F32 || f.dtype == io::DType::F64;
    if (!solver.grid() || !real || f.shape.size() < 2 || f.shape.size() > 3 || f.location != ctx.backend()) {
        throw ConfigError("field '" + name + "' is not a 2-D or 3-D grid of real numbers: only grid fields are drawn");
    }
    return f.dtype == io::DType::F32 ? picture<float>(ctx, f, spec) : picture<double>(ctx, f, spec);
}
}  // namespace simt
