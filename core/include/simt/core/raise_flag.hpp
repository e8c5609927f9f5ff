// SPDX-License-Identifier: MIT
// raise_flag: any thread of a for_each may set a shared int to 1 (several at once); nobody
// clears it inside the kernel. Cheaper than a reduction when only "did any index ..." matters.
#pragma once
#include <cstdint>
#include <simt/core/macros.hpp>

namespace simt {
SIMT_INLINE void raise_flag(std::int32_t* flag) {
#if SIMT_ON_DEVICE()
    atomicExch(flag, 1);
#else
    __atomic_store_n(flag, 1, __ATOMIC_RELAXED);
#endif
}
}  // namespace simt
