// SPDX-License-Identifier: MIT
// Schema: the keys a scenario may hold, with their types, defaults, limits and documentation.
// One schema drives validation, --set parsing, steering checks and `simt solvers`.
#pragma once
#include <limits>
#include <optional>
#include <string>
#include <vector>
#include <simt/core/value.hpp>

namespace simt::io {
/// Table: a list of maps of single values (an inline option book), read into Params::table.
enum class Kind { Bool, Int, Real, String, Table };
std::string_view kind_name(Kind k);  // "bool", "integer", "number", "string", "table"
/// A bound of an integer key as an integer: 1048576, not 1.04858e+06.
std::string integer_text(double bound);

struct KeySpec {
    std::string path;                    ///< dotted key path, "grid.nx"
    Kind kind = Kind::Real;
    std::optional<Value> default_value;  ///< none: the key is required
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    bool min_exclusive = false;          ///< min < value rather than min <= value
    std::vector<std::string> choices;    ///< allowed strings; empty: any string
    bool steerable = false;              ///< may be changed mid-run (Simulation::set)
    bool file_path = false;              ///< a String naming a file, relative to the scenario's directory
    std::string doc;                     ///< one line for `simt solvers`, with units
};

class Schema {
   public:
    /// Adds a key; a duplicate path is a programming error (simt::Error).
    Schema& add(KeySpec spec);
    Schema& add(const Schema& other);
    const KeySpec* find(std::string_view path) const;
    const std::vector<KeySpec>& keys() const { return m_keys; }
    /// Direct children allowed under a map path ("" for the top level): "grid" -> nx, ny, ...
    std::vector<std::string> children(std::string_view map_path) const;
    /// Whether `path` names a map (a prefix of some key).
    bool is_map(std::string_view path) const;

    /// Checks one value against a key's type and limits; throws ConfigError whose message is
    /// "<path> = <value> <what is wrong>; <what is allowed>" (no location: callers add it).
    Value check(const KeySpec& spec, const Value& v) const;

   private:
    std::vector<KeySpec> m_keys;
};

// Builders that read like the YAML reference.
KeySpec integer_key(std::string path, std::optional<std::int64_t> def, double min, double max, std::string doc);
KeySpec real_key(std::string path, std::optional<double> def, double min, double max, std::string doc,
                 bool min_exclusive = false);
KeySpec string_key(std::string path, std::optional<std::string> def, std::vector<std::string> choices,
                   std::string doc);
KeySpec bool_key(std::string path, std::optional<bool> def, std::string doc);
/// An optional file path (default ""); Scenario::resolve_paths makes a relative one absolute.
KeySpec path_key(std::string path, std::string doc);
/// A table is never required: an absent one is empty.
KeySpec table_key(std::string path, std::string doc);
}  // namespace simt::io
