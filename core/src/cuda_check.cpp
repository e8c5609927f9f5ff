// SPDX-License-Identifier: MIT
#include <simt/config.hpp>
#if SIMT_ENABLE_CUDA
#include <string>
#include <simt/core/cuda_check.hpp>
#include <simt/core/error.hpp>

namespace simt::detail {
void throw_cuda_error(cudaError_t code, const char* call, const char* file, int line) {
    cudaGetLastError();  // clear the sticky state so a caught error leaves CUDA usable
    throw DeviceError(std::string("CUDA error in ") + call + " (" + file + ":" + std::to_string(line) +
                      "): " + cudaGetErrorName(code) + ": " + cudaGetErrorString(code));
}

void check_grid_dims(unsigned gy, unsigned gz, const char* label) {
    if (gy > 65535 || gz > 65535) {
        throw Unsupported(std::string(label) + ": the index range exceeds CUDA's 65535 blocks in y or z");
    }
}
}  // namespace simt::detail
#endif
