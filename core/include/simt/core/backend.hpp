// SPDX-License-Identifier: MIT
// Which processor runs the kernels, chosen at run time: one build holds both backends.
#pragma once
#include <string>
#include <string_view>
#include <simt/config.hpp>

namespace simt {
enum class Backend { Cpu, Cuda };

/// "cpu" or "cuda".
std::string_view backend_name(Backend b);

/// True when this build has CUDA and a device answers. A missing driver reads as "no GPU".
bool cuda_available();

/// What `simt info` prints about the GPU: empty name when none answers.
struct DeviceInfo {
    std::string name;
    std::size_t memory_bytes = 0;
    int compute_major = 0, compute_minor = 0, multiprocessors = 0;
    int runtime_version = 0, driver_version = 0;
};
DeviceInfo cuda_device_info();

/// Turns "auto" | "cpu" | "cuda" into a backend. "auto" falls back to the CPU with a one-line
/// notice on stderr when no GPU answers; "cuda" without one throws Unsupported.
Backend resolve_backend(std::string_view request);
}  // namespace simt
