// SPDX-License-Identifier: MIT
#include "dlpack.hpp"

#include <cstdint>
#include <vector>

namespace py = pybind11;

namespace simt::python {
namespace {
// The DLPack ABI (dmlc/dlpack, v0.8): plain C structs that every framework reads.
struct DLDevice {
    std::int32_t device_type;  // 1 = CPU, 2 = CUDA
    std::int32_t device_id;
};
struct DLDataType {
    std::uint8_t code;  // 2 = float
    std::uint8_t bits;
    std::uint16_t lanes;
};
struct DLTensor {
    void* data;
    DLDevice device;
    std::int32_t ndim;
    DLDataType dtype;
    std::int64_t* shape;
    std::int64_t* strides;  // in elements
    std::uint64_t byte_offset;
};
struct DLManagedTensor {
    DLTensor dl_tensor;
    void* manager_ctx;
    void (*deleter)(DLManagedTensor* self);
};
constexpr std::int32_t dl_cuda = 2;
constexpr std::uint8_t dl_int = 0;
bool is_integer(const simt::FieldRef& f) { return f.dtype == simt::io::DType::I32 || f.dtype == simt::io::DType::I64; }
constexpr std::uint8_t dl_float = 2;

/// What a capsule owns: the shape and stride arrays and a reference to the Simulation.
struct Holder {
    DLManagedTensor tensor{};
    std::vector<std::int64_t> shape, strides;
    PyObject* owner = nullptr;
};

void delete_holder(DLManagedTensor* self) {
    auto* h = static_cast<Holder*>(self->manager_ctx);
    // Consumers may call the deleter from any thread.
    PyGILState_STATE gil = PyGILState_Ensure();
    Py_XDECREF(h->owner);
    PyGILState_Release(gil);
    delete h;
}

/// A capsule never consumed (still named "dltensor") frees its tensor itself.
void capsule_destructor(PyObject* capsule) {
    if (PyCapsule_IsValid(capsule, "dltensor")) {
        auto* t = static_cast<DLManagedTensor*>(PyCapsule_GetPointer(capsule, "dltensor"));
        t->deleter(t);
    }
}
}  // namespace

py::tuple DeviceArray::shape() const {
    py::tuple t(m_field.shape.size());
    for (std::size_t i = 0; i < m_field.shape.size(); ++i) t[i] = m_field.shape[i];
    return t;
}

std::string DeviceArray::dtype() const {
    return (is_integer(m_field) ? "int" : "float") + std::to_string(8 * m_field.element_bytes());
}

py::dict DeviceArray::cuda_array_interface() const {
    m_sync();
    const std::size_t elem = m_field.element_bytes();
    py::tuple strides(m_field.strides.size());
    for (std::size_t i = 0; i < m_field.strides.size(); ++i) strides[i] = m_field.strides[i] * Index(elem);
    py::dict d;
    d["shape"] = shape();
    d["typestr"] = (is_integer(m_field) ? "<i" : "<f") + std::to_string(elem);
    d["data"] = py::make_tuple(reinterpret_cast<std::uintptr_t>(m_field.data), false);
    d["strides"] = strides;
    d["version"] = 3;
    d["stream"] = py::none();  // the Simulation synchronised before handing the field out
    return d;
}

py::capsule DeviceArray::dlpack() const {
    m_sync();
    auto* h = new Holder;
    h->shape.assign(m_field.shape.begin(), m_field.shape.end());
    h->strides.assign(m_field.strides.begin(), m_field.strides.end());
    h->owner = m_owner.ptr();
    Py_INCREF(h->owner);
    DLTensor& t = h->tensor.dl_tensor;
    t.data = m_field.data;
    t.device = {dl_cuda, m_device_id};
    t.ndim = std::int32_t(h->shape.size());
    t.dtype = {is_integer(m_field) ? dl_int : dl_float, std::uint8_t(8 * m_field.element_bytes()), 1};
    t.shape = h->shape.data();
    t.strides = h->strides.data();
    t.byte_offset = 0;
    h->tensor.manager_ctx = h;
    h->tensor.deleter = delete_holder;
    PyObject* cap = PyCapsule_New(&h->tensor, "dltensor", capsule_destructor);
    if (!cap) {
        delete_holder(&h->tensor);
        throw py::error_already_set();
    }
    return py::reinterpret_steal<py::capsule>(cap);
}

py::tuple DeviceArray::dlpack_device() const { return py::make_tuple(dl_cuda, m_device_id); }

void bind_device_array(py::module_& m) {
    py::class_<DeviceArray>(m, "DeviceArray",
                            "A field in GPU memory, shared without a copy: cupy.asarray(a) reads "
                            "__cuda_array_interface__, torch.from_dlpack(a) reads __dlpack__. Valid while "
                            "the Simulation lives; its values change as the Simulation steps.")
        .def_property_readonly("__cuda_array_interface__", &DeviceArray::cuda_array_interface)
        // Keywords (stream, max_version, dl_device, copy) are accepted and met by synchronising:
        // the capsule is the unversioned DLPack form every consumer reads.
        .def("__dlpack__", [](const DeviceArray& a, const py::kwargs&) { return a.dlpack(); })
        .def("__dlpack_device__", &DeviceArray::dlpack_device)
        .def_property_readonly("shape", &DeviceArray::shape)
        .def_property_readonly("dtype", &DeviceArray::dtype);
}
}  // namespace simt::python
