// SPDX-License-Identifier: MIT
// Zero-copy export of a device field to CuPy and PyTorch: the DLPack capsule protocol
// (__dlpack__ / __dlpack_device__) and __cuda_array_interface__ (version 3).
#pragma once
#include <functional>
#include <pybind11/pybind11.h>
#include <simt/solvers/field_ref.hpp>

namespace simt::python {
/// A device-resident field that keeps `owner` (the Python Simulation) alive as long as it or
/// any tensor made from it lives.
class DeviceArray {
   public:
    /// `sync` waits for queued kernels, so consumers on any stream see finished values.
    DeviceArray(FieldRef field, pybind11::object owner, int device_id, std::function<void()> sync)
        : m_field(std::move(field)), m_owner(std::move(owner)), m_device_id(device_id), m_sync(std::move(sync)) {}
    pybind11::dict cuda_array_interface() const;
    pybind11::capsule dlpack() const;
    pybind11::tuple dlpack_device() const;
    pybind11::tuple shape() const;
    std::string dtype() const;  ///< NumPy dtype name: "float32" | "float64"

   private:
    FieldRef m_field;
    pybind11::object m_owner;
    int m_device_id;
    std::function<void()> m_sync;
};

void bind_device_array(pybind11::module_& m);
}  // namespace simt::python
