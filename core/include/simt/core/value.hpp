// SPDX-License-Identifier: MIT
// Value: one scalar from a scenario, a --set override or a steering call.
#pragma once
#include <cstdint>
#include <string>
#include <variant>

namespace simt {
using Value = std::variant<bool, std::int64_t, double, std::string>;

/// The value as text, as YAML would write it.
std::string to_string(const Value& v);
}  // namespace simt
