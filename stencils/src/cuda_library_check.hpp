// SPDX-License-Identifier: MIT
// Return-code checks for cuFFT and cuSPARSE, in the manner of core's SIMT_CUDA_CHECK: a failed
// call throws DeviceError naming the call, the file and the line. CUDA builds only.
#pragma once
#include <cufft.h>
#include <cusparse.h>
#include <string>
#include <simt/core/error.hpp>

namespace simt::detail {
[[noreturn]] inline void throw_library_error(const char* library, const std::string& what, const char* call,
                                             const char* file, int line) {
    throw DeviceError(std::string(library) + " error in " + call + " (" + file + ":" + std::to_string(line) +
                      "): " + what);
}
inline void check_cufft(cufftResult code, const char* call, const char* file, int line) {
    if (code != CUFFT_SUCCESS) throw_library_error("cuFFT", "cufftResult " + std::to_string(int(code)), call, file, line);
}
inline void check_cusparse(cusparseStatus_t code, const char* call, const char* file, int line) {
    if (code != CUSPARSE_STATUS_SUCCESS) throw_library_error("cuSPARSE", cusparseGetErrorString(code), call, file, line);
}
}  // namespace simt::detail

#define SIMT_CUFFT_CHECK(call) ::simt::detail::check_cufft((call), #call, __FILE__, __LINE__)
#define SIMT_CUSPARSE_CHECK(call) ::simt::detail::check_cusparse((call), #call, __FILE__, __LINE__)
