// SPDX-License-Identifier: MIT
#include <simt/core/value.hpp>

#include <cstdio>

namespace simt {
std::string to_string(const Value& v) {
    struct Visit {
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.17g", d);  // round-trips exactly
            return buf;
        }
        std::string operator()(const std::string& s) const { return s; }
    };
    return std::visit(Visit{}, v);
}
}  // namespace simt
