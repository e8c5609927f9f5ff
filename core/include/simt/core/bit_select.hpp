// SPDX-License-Identifier: MIT
// bit_select(c, a, b): c ? a : b taken on the bits, for a SIMD loop that keeps a value or
// replaces it.
#pragma once
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <simt/core/macros.hpp>

namespace simt {
/// c ? a : b for a trivially copyable T of 2, 4 or 8 bytes, by masks on the bits: the same
/// value, but where `*p = c ? x : *p` makes g++ emit a conditional store (no SIMD without
/// masked stores), this stays a blend and the loop vectorises.
template <class T>
SIMT_INLINE T bit_select(bool c, T a, T b) {
    static_assert(sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8, "bit_select: 2, 4 or 8 bytes");
    using U = std::conditional_t<sizeof(T) == 8, std::uint64_t,
                                 std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint16_t>>;
    U ua, ub;
    std::memcpy(&ua, &a, sizeof a);
    std::memcpy(&ub, &b, sizeof b);
    const U mask = U(U(0) - U(c));
    const U bits = U((ua & mask) | (ub & U(~mask)));
    T out;
    std::memcpy(&out, &bits, sizeof out);
    return out;
}
}  // namespace simt
