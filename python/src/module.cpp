// SPDX-License-Identifier: MIT
// The compiled module _simt: a thin layer over simt::Simulation. The public API, with
// docstrings, is the pure-Python package `simt` (python/simt/).
#include <algorithm>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <simt/core/error.hpp>
#include <simt/core/memory.hpp>
#include <simt/render/picture_spec.hpp>
#include <simt/solvers/field_picture.hpp>
#include <simt/solvers/registry.hpp>
#include <simt/solvers/simulation.hpp>
#include "analytic.hpp"
#include "dlpack.hpp"
#include "pricing.hpp"
#include "ranks.hpp"
#if SIMT_ENABLE_CUDA
#include <cuda_runtime.h>
#endif

namespace py = pybind11;
using simt::Simulation;

namespace simt::python {
namespace {
Value to_value(const py::handle& v) {
    // bool before int: Python's bool is an int.
    if (py::isinstance<py::bool_>(v)) return v.cast<bool>();
    if (py::isinstance<py::int_>(v)) return v.cast<std::int64_t>();
    if (py::isinstance<py::float_>(v)) return v.cast<double>();
    if (py::isinstance<py::str>(v)) return v.cast<std::string>();
    // NumPy scalars and anything else with __float__ / __index__.
    if (py::hasattr(v, "__index__")) return v.attr("__index__")().cast<std::int64_t>();
    if (py::hasattr(v, "__float__")) return v.attr("__float__")().cast<double>();
    throw ConfigError("cannot use a Python " + std::string(py::str(v.get_type().attr("__name__"))) +
                      " as a scenario value (bool, int, float or str)");
}

py::object from_value(const Value& v) {
    return std::visit([](const auto& x) -> py::object { return py::cast(x); }, v);
}

std::unique_ptr<Simulation> make(const std::string& text, const std::string& origin, bool is_file,
                                 const py::dict& overrides, const std::string& device) {
    auto scenario = is_file ? io::Scenario::from_file(text) : io::Scenario::from_string(text, origin);
    for (const auto& [key, value] : overrides) scenario.set_override(py::str(key), to_value(value));
    return std::make_unique<Simulation>(std::move(scenario), device);
}

py::dtype numpy_dtype(const FieldRef& f) {
    switch (f.dtype) {
        case io::DType::F32: return py::dtype::of<float>();
        case io::DType::I32: return py::dtype::of<std::int32_t>();
        case io::DType::I64: return py::dtype::of<std::int64_t>();
        case io::DType::U8: return py::dtype::of<std::uint8_t>();
        default: return py::dtype::of<double>();
    }
}

std::vector<py::ssize_t> byte_strides(const FieldRef& f) {
    std::vector<py::ssize_t> s;
    for (Index st : f.strides) s.push_back(py::ssize_t(st * Index(f.element_bytes())));
    return s;
}

/// CPU: a NumPy view on the solver's memory (copy=False) or a copy; GPU: a copy, or with
/// copy=False a DeviceArray for CuPy / PyTorch.
py::object field_object(py::object self, const FieldRef& f, bool copy) {
    auto& sim = self.cast<Simulation&>();
    const std::vector<py::ssize_t> shape(f.shape.begin(), f.shape.end());
    if (f.location == Backend::Cpu) {
        py::array view(numpy_dtype(f), shape, byte_strides(f), f.data, self);
        return copy ? py::object(view.attr("copy")(py::str("A"))) : py::object(view);
    }
    if (!copy) {
        int device = 0;
#if SIMT_ENABLE_CUDA
        if (cudaGetDevice(&device) != cudaSuccess) throw DeviceError("cudaGetDevice failed");
#endif
        return py::cast(DeviceArray(f, self, device, [&sim] { sim.context().synchronize(); }));
    }
    py::array out(numpy_dtype(f), shape, byte_strides(f));
    sim.context().synchronize();
    detail::copy_bytes(out.mutable_data(), Backend::Cpu, f.data, f.location, std::size_t(f.size()) * f.element_bytes());
    return std::move(out);
}

py::object field(py::object self, const std::string& name, bool copy) {
    return field_object(self, self.cast<Simulation&>().solver().field(name), copy);
}

/// Solver::own_field: under mpirun md's own particles, without a gather.
py::object own_field(py::object self, const std::string& name, bool copy) {
    return field_object(self, self.cast<Simulation&>().solver().own_field(name), copy);
}

/// Where this rank's block of a field lies in the whole: (first global index per axis, the
/// block's shape, the whole field's shape), in the order of the field's axes.
py::tuple field_block(Simulation& sim, const std::string& name) {
    const FieldRef f = sim.solver().field(name);
    if (f.whole_shape.empty()) return py::make_tuple(std::vector<Index>(f.shape.size(), 0), f.shape, f.shape);
    return py::make_tuple(f.block_offset, f.shape, f.whole_shape);
}

py::dict observables(Simulation& sim) {
    py::dict d;
    for (const auto& [name, value] : sim.observables()) d[py::str(name)] = value;
    return d;
}

py::dict history(const Simulation& sim) {
    py::dict d;
    const auto& s = sim.series();
    for (std::size_t c = 0; c < s.names.size(); ++c) {
        const auto& column = s.columns[c];
        // The step counter as integers, as observables.h5 stores it.
        d[py::str(s.names[c])] = s.names[c] == "step"
                                     ? py::array(py::cast(std::vector<std::int64_t>(column.begin(), column.end())))
                                     : py::array(py::cast(column));
    }
    return d;
}

/// The picture of a field as an (height, width, 3) uint8 array, with the values at the colormap's ends.
py::tuple image(Simulation& sim, const std::string& name, const render::PictureOptions& options) {
    const render::FieldPicture pic = picture_of_field(sim.context(), sim.solver(), name, render::picture_spec(options));
    py::array_t<std::uint8_t> rgb({py::ssize_t(pic.image.height), py::ssize_t(pic.image.width), py::ssize_t(3)});
    std::copy(pic.image.rgb.begin(), pic.image.rgb.end(), rgb.mutable_data());
    return py::make_tuple(rgb, pic.lo, pic.hi);
}

py::list profile_rows(Simulation& sim) {
    py::list rows;
    for (const auto& r : sim.context().profiler().report()) {
        py::dict d;
        d["kernel"] = r.label;
        d["launches"] = r.launches;
        d["total_s"] = r.total_s;
        d["mean_s"] = r.mean_s();
        d["bytes"] = r.bytes;
        d["gbps"] = r.gbps();
        rows.append(d);
    }
    return rows;
}
}  // namespace
}  // namespace simt::python

PYBIND11_MODULE(_simt, m) {
    using namespace simt::python;
    m.doc() = "simt compiled core; use the `simt` package";
    m.attr("__version__") = SIMT_VERSION;
    m.attr("cuda_built") = bool(SIMT_ENABLE_CUDA);
    m.def("cuda_available", &simt::cuda_available);
    m.def("solvers", [] { return simt::builtin_solvers().names(); });

    // Base classes first: pybind11 tries the newest translator first, so a subclass
    // registered later wins over its base.
    auto& error = py::register_exception<simt::Error>(m, "Error");
    py::register_exception<simt::ConfigError>(m, "ConfigError", error);
    auto& io_error = py::register_exception<simt::IoError>(m, "IoError", error);
    py::register_exception<simt::CheckpointError>(m, "CheckpointError", io_error);
    py::register_exception<simt::DeviceError>(m, "DeviceError", error);
    py::register_exception<simt::Unsupported>(m, "Unsupported", error);
    py::register_exception<simt::DivergedError>(m, "DivergedError", error);

    bind_ranks(m);
    bind_device_array(m);
    bind_analytic(m);
    bind_pricing(m);

    py::class_<Simulation>(m, "_Simulation")
        .def(py::init(&make), py::arg("text"), py::arg("origin"), py::arg("is_file"), py::arg("overrides"),
             py::arg("device"))
        .def_static(
            "restore",
            [](const std::string& path, const std::string& device) { return Simulation::restore(path, device); },
            py::arg("path"), py::arg("device") = "")
        .def("step", &Simulation::step, py::arg("n"), py::call_guard<py::gil_scoped_release>())
        .def_property_readonly("time", &Simulation::time)
        .def_property_readonly("steps", &Simulation::steps)
        .def_property_readonly("solver", &Simulation::solver_name)
        .def_property_readonly("device",
                               [](Simulation& s) { return std::string(simt::backend_name(s.context().backend())); })
        .def_property_readonly("scenario", &Simulation::scenario_text)
        .def("field_names", [](Simulation& s) { return s.solver().field_names(); })
        .def("field", &field, py::arg("name"), py::arg("copy"))
        .def("own_field", &own_field, py::arg("name"), py::arg("copy"))
        .def("field_block", &field_block, py::arg("name"))
        .def(
            "image",
            [](Simulation& s, const std::string& name, const std::string& colormap, const std::string& range,
               const std::string& slice, const std::string& projection, const std::string& slab, int width) {
                return image(s, name, simt::render::PictureOptions{colormap, range, slice, projection, slab, width});
            },
            py::arg("name"), py::arg("colormap"), py::arg("range"), py::arg("slice"), py::arg("projection"),
            py::arg("slab"), py::arg("width"))
        .def("observables", &observables)
        .def("history", &history)
        .def("param", [](const Simulation& s, const std::string& key) { return from_value(s.params().at(key)); })
        .def("set", [](Simulation& s, const std::string& key, py::handle v) { s.set(key, to_value(v)); })
        .def("checkpoint", &Simulation::checkpoint, py::arg("path"), py::call_guard<py::gil_scoped_release>())
        .def("set_output_dir", &Simulation::set_output_dir)
        .def("finish", &Simulation::finish)
        .def("profile_enable",
             [](Simulation& s, bool on) {
                 s.context().profiler().reset();
                 s.context().profiler().enable(on);
             })
        .def("profile_rows", &profile_rows)
        .def("profile_table", [](Simulation& s) { return s.context().profiler().table(); });
}
