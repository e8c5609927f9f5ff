// SPDX-License-Identifier: MIT
// `simt plot`: a checkpoint's grid field or particles as a PNG picture (the renderer of
// output.images), or a run's observables as a time-series chart (Python's simt.plot with matplotlib).
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <simt/core/context.hpp>
#include <simt/core/error.hpp>
#include <simt/core/suggest.hpp>
#include <simt/io/checkpoint.hpp>
#include <simt/render/field_picture.hpp>
#include <simt/render/png_file.hpp>
#include <simt/solvers/field_picture.hpp>
#include <simt/solvers/simulation.hpp>
#include "child_process.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

namespace simt::cli {
namespace {
template <class T>
render::FieldPicture picture_of(const io::CheckpointReader& in, const std::string& name,
                                const std::vector<std::size_t>& dims, const render::PictureSpec& spec) {
    // The checkpoint's dims are (nz, ny, nx) or (ny, nx): x varies fastest, as in the solvers.
    const Index nx = Index(dims.back()), ny = Index(dims[dims.size() - 2]), nz = dims.size() == 3 ? Index(dims[0]) : 1;
    std::vector<T> values(std::size_t(nx * ny * nz));
    in.read_field(name, values.data(), values.size());
    const Context cpu(Backend::Cpu);
    return render::render_field<T>(cpu, View<const T, 3>(values.data(), {nx, ny, nz}), spec, name);
}

/// A field the solver computes but the checkpoint does not store (md's particles, which also need
/// the box and species): restore the solver on the CPU and let it draw.
render::FieldPicture solver_picture(const PlotOptions& opt, const render::PictureSpec& spec) {
    const auto sim = Simulation::restore(opt.input, "cpu");
    const std::vector<std::string> names = sim->solver().field_names();
    if (std::find(names.begin(), names.end(), opt.field) == names.end()) {
        throw ConfigError(fmt::format("checkpoint '{}' ({}) has no field '{}'; its fields: {}{}", opt.input,
                                      sim->solver_name(), opt.field, fmt::join(names, ", "),
                                      did_you_mean(opt.field, names)));
    }
    return picture_of_field(sim->context(), sim->solver(), opt.field, spec);
}

int plot_field(const PlotOptions& opt) {
    const io::CheckpointReader in(opt.input);
    const render::PictureSpec spec = render::picture_spec(opt.picture);
    render::FieldPicture pic;
    if (!in.has_field(opt.field)) {
        pic = solver_picture(opt, spec);
    } else {
        const std::vector<std::size_t> dims = in.field_dims(opt.field);
        const io::DType type = in.field_dtype(opt.field);
        if ((type != io::DType::F32 && type != io::DType::F64) || dims.size() < 2 || dims.size() > 3) {
            throw ConfigError(fmt::format("field '{}' of checkpoint '{}' is not a 2-D or 3-D grid of real numbers",
                                          opt.field, opt.input));
        }
        pic = type == io::DType::F32 ? picture_of<float>(in, opt.field, dims, spec)
                                     : picture_of<double>(in, opt.field, dims, spec);
    }
    render::write_png(opt.output, pic.image);
    fmt::print("{}: {} x {} pixels, field {} at step {}, {} from {:g} to {:g}\n", opt.output, pic.image.width,
               pic.image.height, opt.field, in.meta().step, opt.picture.colormap, pic.lo, pic.hi);
    return ok;
}

/// The directory of the running simt, to find the Python package built beside it.
std::filesystem::path own_directory() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : exe.parent_path();
}

// Reports a missing module with what to install, before matplotlib's own traceback could.
constexpr const char* series_bootstrap = R"py(import sys
try:
    from simt.plot import main
except ModuleNotFoundError as e:
    sys.exit(f"simt: error: plotting observables needs Python with the simt package, matplotlib and h5py; "
             f"'{e.name}' is missing (pip install matplotlib h5py; SIMT_PYTHON names the Python to use)")
sys.exit(main(sys.argv[1:]))
)py";

int plot_series(const PlotOptions& opt) {
    // The build's Python package sits in build/<preset>/python beside build/<preset>/bin.
    const auto package = own_directory().parent_path() / "python";
    if (std::filesystem::exists(package / "simt")) {
        const char* old = std::getenv("PYTHONPATH");
        const std::string path = package.string() + (old && *old ? ":" + std::string(old) : "");
        setenv("PYTHONPATH", path.c_str(), 1);
    }
    const char* chosen = std::getenv("SIMT_PYTHON");
    const std::string python = chosen && *chosen ? chosen : "python3";
    const auto status =
        run_program({python, "-c", series_bootstrap, "series", opt.input, "--y", opt.series, "-o", opt.output});
    if (!status) {
        throw Unsupported("plotting observables needs Python 3 with matplotlib and h5py, and '" + python +
                          "' cannot be started (install python3, or set SIMT_PYTHON to a Python)");
    }
    // simt.plot's main exits 2 for a name the file lacks and 4 for a file it cannot read, as simt does.
    return *status == ok || *status == config_error || *status == io_error ? *status : int(error);
}
}  // namespace

int plot(const PlotOptions& opt) {
    if (opt.field.empty() == opt.series.empty()) {
        throw ConfigError(
            "simt plot needs either --field NAME (a checkpoint's field) or --y NAME[,NAME...] "
            "(observables.h5 or observables.csv of a run)");
    }
    if (!opt.field.empty()) return plot_field(opt);
    if (!opt.picture.slice.empty() || !opt.picture.projection.empty() || !opt.picture.range.empty()) {
        throw ConfigError("--slice, --projection and --range apply to --field pictures, not to --y charts");
    }
    return plot_series(opt);
}
}  // namespace simt::cli
