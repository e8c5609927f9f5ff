// SPDX-License-Identifier: MIT
// Raw allocation and copies on either backend; Buffer<T> is the typed owner built on these.
#pragma once
#include <cstddef>
#include <simt/core/backend.hpp>

namespace simt::detail {
/// 64-byte-aligned host memory on Cpu, cudaMalloc on Cuda. Throws DeviceError / std::bad_alloc.
void* allocate(Backend where, std::size_t bytes);
void deallocate(Backend where, void* p) noexcept;
/// Synchronous copy between any two backends.
void copy_bytes(void* dst, Backend dst_where, const void* src, Backend src_where, std::size_t bytes);
}  // namespace simt::detail
