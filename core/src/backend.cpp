// SPDX-License-Identifier: MIT
#include <simt/core/backend.hpp>

#include <cstdio>
#include <simt/core/error.hpp>
#if SIMT_ENABLE_CUDA
#include <simt/core/cuda_check.hpp>
#endif

namespace simt {
std::string_view backend_name(Backend b) { return b == Backend::Cuda ? "cuda" : "cpu"; }

bool cuda_available() {
#if SIMT_ENABLE_CUDA
    int count = 0;
    // No driver (cudaErrorInsufficientDriver) or no device both mean "no GPU here", not a failure.
    const cudaError_t rc = cudaGetDeviceCount(&count);
    if (rc != cudaSuccess) {
        cudaGetLastError();
        return false;
    }
    return count > 0;
#else
    return false;
#endif
}

DeviceInfo cuda_device_info() {
    DeviceInfo info;
#if SIMT_ENABLE_CUDA
    if (!cuda_available()) return info;
    int dev = 0;
    SIMT_CUDA_CHECK(cudaGetDevice(&dev));
    cudaDeviceProp prop{};
    SIMT_CUDA_CHECK(cudaGetDeviceProperties(&prop, dev));
    info.name = prop.name;
    info.memory_bytes = prop.totalGlobalMem;
    info.compute_major = prop.major;
    info.compute_minor = prop.minor;
    info.multiprocessors = prop.multiProcessorCount;
    SIMT_CUDA_CHECK(cudaRuntimeGetVersion(&info.runtime_version));
    SIMT_CUDA_CHECK(cudaDriverGetVersion(&info.driver_version));
#endif
    return info;
}

Backend resolve_backend(std::string_view request) {
    if (request == "cpu") return Backend::Cpu;
    if (request == "cuda") {
        if (!SIMT_ENABLE_CUDA) {
            throw Unsupported("device: cuda was asked for, but this simt was built without CUDA "
                              "(configure with the cuda preset)");
        }
        if (!cuda_available()) {
            throw Unsupported("device: cuda was asked for, but no CUDA device answers on this "
                              "machine (use device: auto or cpu)");
        }
        return Backend::Cuda;
    }
    if (request == "auto") {
        if (cuda_available()) return Backend::Cuda;
        if (SIMT_ENABLE_CUDA) std::fprintf(stderr, "simt: no CUDA device answers; running on the CPU\n");
        return Backend::Cpu;
    }
    throw ConfigError("device: '" + std::string(request) + "' is not one of auto, cpu, cuda");
}
}  // namespace simt
