// SPDX-License-Identifier: MIT
// How the lattice Boltzmann populations sit in memory. The step computes in Compute precision
// and loads and stores every population through one of these policies:
//   LbmNativeStorage<Real>  Real as it is (float or double);
//   LbmHalfStorage<L>       IEEE half of (f_q - w_q) * 2^15, computed in float. The shift by the
//                           rest weight leaves only the deviation from rest (|f_q - w_q| < 1 in any
//                           stable flow), the scale lifts it into half's normal range: about 3
//                           decimal digits relative to the deviation for 2 bytes instead of 4, as
//                           FluidX3D's FP16S mode does.
#pragma once
#include <cstdint>
#include <simt/core/half.hpp>
#include <simt/core/macros.hpp>

namespace simt::stencils {
template <class Real>
struct LbmNativeStorage {
    using Stored = Real;
    using Compute = Real;
    SIMT_INLINE static Compute load(int, Stored v) { return v; }
    SIMT_INLINE static Stored store(int, Compute f) { return f; }
};

template <class L>
struct LbmHalfStorage {
    using Stored = std::uint16_t;
    using Compute = float;
    static constexpr float scale = 32768.0f;
    SIMT_INLINE static Compute load(int q, Stored v) {
        return half_bits_to_float(v) * (1.0f / scale) + float(L::w(q));
    }
    SIMT_INLINE static Stored store(int q, Compute f) { return float_to_half_bits((f - float(L::w(q))) * scale); }
};
}  // namespace simt::stencils
