// SPDX-License-Identifier: MIT
#include <simt/io/schema.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/core/suggest.hpp>
#include <utility>

namespace simt::io {
namespace {
// Shortest text that reads back as the same double: "0.1" rather than "0.10000000000000001".
std::string number_text(double d) {
    char buf[32];
    return std::string(buf, std::to_chars(buf, buf + sizeof buf, d).ptr);
}

// A value as a message shows it: strings quoted so that '' and ' 4' stay visible.
std::string shown(const Value& v) {
    if (const auto* s = std::get_if<std::string>(&v)) return "'" + *s + "'";
    if (const auto* d = std::get_if<double>(&v)) return number_text(*d);
    return to_string(v);
}

std::string a_kind(Kind k) {
    switch (k) {
        case Kind::Bool: return "a bool (true or false)";
        case Kind::Int: return "an integer";
        case Kind::Real: return "a number";
        case Kind::String: return "a string";
        case Kind::Table: return "a table (a list of maps)";
    }
    return "";
}

std::size_t variant_index(Kind k) {
    switch (k) {
        case Kind::Bool: return 0;
        case Kind::Int: return 1;
        case Kind::Real: return 2;
        case Kind::String: return 3;
        case Kind::Table: break;  // no Value holds a table
    }
    return std::variant_npos;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}
}  // namespace

std::string integer_text(double bound) { return fmt::format("{:.0f}", bound); }

std::string_view kind_name(Kind k) {
    switch (k) {
        case Kind::Bool: return "bool";
        case Kind::Int: return "integer";
        case Kind::Real: return "number";
        case Kind::String: return "string";
        case Kind::Table: return "table";
    }
    return "";
}

Schema& Schema::add(KeySpec spec) {
    SIMT_REQUIRE(!spec.path.empty(), "Schema::add: empty key path");
    SIMT_REQUIRE(find(spec.path) == nullptr, "Schema::add: duplicate key '" + spec.path + "'");
    m_keys.push_back(std::move(spec));
    return *this;
}

Schema& Schema::add(const Schema& other) {
    for (const auto& spec : other.m_keys) add(spec);
    return *this;
}

const KeySpec* Schema::find(std::string_view path) const {
    auto it = std::find_if(m_keys.begin(), m_keys.end(), [&](const KeySpec& k) { return k.path == path; });
    return it == m_keys.end() ? nullptr : &*it;
}

std::vector<std::string> Schema::children(std::string_view map_path) const {
    const std::string prefix = map_path.empty() ? "" : std::string(map_path) + ".";
    std::vector<std::string> out;
    for (const auto& k : m_keys) {
        if (k.path.compare(0, prefix.size(), prefix) != 0 || k.path.size() == prefix.size()) continue;
        const std::string rest = k.path.substr(prefix.size());
        out.push_back(rest.substr(0, rest.find('.')));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool Schema::is_map(std::string_view path) const {
    if (path.empty()) return true;  // the top level
    const std::string prefix = std::string(path) + ".";
    return std::any_of(m_keys.begin(), m_keys.end(),
                       [&](const KeySpec& k) { return k.path.compare(0, prefix.size(), prefix) == 0; });
}

Value Schema::check(const KeySpec& spec, const Value& v) const {
    const std::string subject = spec.path + " = " + shown(v);
    Value out = v;
    if (spec.kind == Kind::Real)
        if (const auto* i = std::get_if<std::int64_t>(&v)) out = static_cast<double>(*i);
    if (out.index() != variant_index(spec.kind)) throw ConfigError(subject + " is not " + a_kind(spec.kind));

    if (spec.kind == Kind::Int || spec.kind == Kind::Real) {
        const double x =
            spec.kind == Kind::Int ? static_cast<double>(std::get<std::int64_t>(out)) : std::get<double>(out);
        if (!std::isfinite(x)) throw ConfigError(subject + " is not a finite number");
        // An integer key's bounds read as integers: 1000000000000000, not 1e+15.
        const auto bound = [&](double b) { return spec.kind == Kind::Int ? integer_text(b) : number_text(b); };
        if (spec.min_exclusive ? !(x > spec.min) : !(x >= spec.min))
            throw ConfigError(subject + " must be " + (spec.min_exclusive ? "> " : ">= ") + bound(spec.min));
        if (!(x <= spec.max)) throw ConfigError(subject + " must be <= " + bound(spec.max));
    }
    if (spec.kind == Kind::String && !spec.choices.empty()) {
        const auto& s = std::get<std::string>(out);
        if (std::find(spec.choices.begin(), spec.choices.end(), s) == spec.choices.end())
            throw ConfigError(subject + " is not one of: " + join(spec.choices) + did_you_mean(s, spec.choices));
    }
    return out;
}

KeySpec integer_key(std::string path, std::optional<std::int64_t> def, double min, double max, std::string doc) {
    KeySpec k;
    k.path = std::move(path);
    k.kind = Kind::Int;
    if (def) k.default_value = Value(*def);
    k.min = min;
    k.max = max;
    k.doc = std::move(doc);
    return k;
}

KeySpec real_key(std::string path, std::optional<double> def, double min, double max, std::string doc,
                 bool min_exclusive) {
    KeySpec k;
    k.path = std::move(path);
    k.kind = Kind::Real;
    if (def) k.default_value = Value(*def);
    k.min = min;
    k.max = max;
    k.min_exclusive = min_exclusive;
    k.doc = std::move(doc);
    return k;
}

KeySpec string_key(std::string path, std::optional<std::string> def, std::vector<std::string> choices,
                   std::string doc) {
    KeySpec k;
    k.path = std::move(path);
    k.kind = Kind::String;
    if (def) k.default_value = Value(std::move(*def));
    k.choices = std::move(choices);
    k.doc = std::move(doc);
    return k;
}

KeySpec path_key(std::string path, std::string doc) {
    KeySpec k = string_key(std::move(path), std::string(), {}, std::move(doc));
    k.file_path = true;
    return k;
}

KeySpec table_key(std::string path, std::string doc) {
    KeySpec k;
    k.path = std::move(path);
    k.kind = Kind::Table;
    k.doc = std::move(doc);
    return k;
}

KeySpec bool_key(std::string path, std::optional<bool> def, std::string doc) {
    KeySpec k;
    k.path = std::move(path);
    k.kind = Kind::Bool;
    if (def) k.default_value = Value(*def);
    k.doc = std::move(doc);
    return k;
}
}  // namespace simt::io
