// SPDX-License-Identifier: MIT
#include <simt/io/params.hpp>

#include <simt/core/error.hpp>
#include <simt/io/schema.hpp>

namespace simt::io {
namespace {
std::string a_kind(Kind k) { return (k == Kind::Int ? "an " : "a ") + std::string(kind_name(k)); }

[[noreturn]] void wrong_type(const std::string& path, const Value& v, Kind wanted) {
    static constexpr Kind kinds[] = {Kind::Bool, Kind::Int, Kind::Real, Kind::String};  // Value's order
    throw ConfigError("parameter '" + path + "' is " + a_kind(kinds[v.index()]) + " (" + to_string(v) +
                      "), not " + a_kind(wanted));
}
}  // namespace

const Value& Params::at(const std::string& path) const {
    auto it = m_values.find(path);
    if (it == m_values.end()) throw ConfigError("no parameter '" + path + "' (not in the schema)");
    return it->second;
}

const Records& Params::table(const std::string& path) const {
    auto it = m_tables.find(path);
    if (it == m_tables.end()) throw ConfigError("no table parameter '" + path + "' (not in the schema)");
    return it->second;
}

std::int64_t Params::integer(const std::string& path) const {
    const Value& v = at(path);
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    wrong_type(path, v, Kind::Int);
}

double Params::real(const std::string& path) const {
    const Value& v = at(path);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    wrong_type(path, v, Kind::Real);
}

const std::string& Params::string(const std::string& path) const {
    const Value& v = at(path);
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    wrong_type(path, v, Kind::String);
}

bool Params::boolean(const std::string& path) const {
    const Value& v = at(path);
    if (const auto* b = std::get_if<bool>(&v)) return *b;
    wrong_type(path, v, Kind::Bool);
}
}  // namespace simt::io
