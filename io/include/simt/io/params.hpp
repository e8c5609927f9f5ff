// SPDX-License-Identifier: MIT
// Params: a scenario after validation — every key of the schema with a typed value (given or
// default). Solvers read these once into their own plain parameter structs.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <simt/core/records.hpp>
#include <simt/core/value.hpp>

namespace simt::io {
class Params {
   public:
    void set(std::string path, Value v) { m_values[std::move(path)] = std::move(v); }
    bool has(const std::string& path) const { return m_values.count(path) != 0; }
    const Value& at(const std::string& path) const;  // ConfigError if absent
    std::int64_t integer(const std::string& path) const;
    double real(const std::string& path) const;      // an integer value converts
    const std::string& string(const std::string& path) const;
    bool boolean(const std::string& path) const;
    const std::map<std::string, Value>& all() const { return m_values; }
    /// Table keys (Kind::Table) hold rows, not a Value.
    void set_table(std::string path, Records rows) { m_tables[std::move(path)] = std::move(rows); }
    const Records& table(const std::string& path) const;  // ConfigError if absent
    bool has_table(const std::string& path) const { return m_tables.count(path) != 0; }

   private:
    std::map<std::string, Value> m_values;
    std::map<std::string, Records> m_tables;
};
}  // namespace simt::io
