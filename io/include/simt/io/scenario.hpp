// SPDX-License-Identifier: MIT
// Scenario: a YAML scenario file with its overrides. Every error names the file, line and
// column, the key path, and what is allowed. The only place yaml-cpp appears.
#pragma once
#include <memory>
#include <string>
#include <simt/core/value.hpp>
#include <simt/io/params.hpp>
#include <simt/io/schema.hpp>

namespace simt::io {
class Scenario {
   public:
    /// Reads and parses a file; a missing file, an empty file, a YAML syntax error or a top
    /// level that is not a map is a ConfigError naming the file (and line:column where known).
    static Scenario from_file(const std::string& path);
    /// Parses text; `origin` stands for the file name in messages.
    static Scenario from_string(const std::string& text, const std::string& origin);

    Scenario(const Scenario&);
    Scenario& operator=(const Scenario&);
    Scenario(Scenario&&) noexcept;
    Scenario& operator=(Scenario&&) noexcept;
    ~Scenario();

    /// `--set a.b=text`: text is read as a YAML scalar ("3" int, "0.5" real, "true" bool,
    /// otherwise string). Creates intermediate maps. Messages about this key then name the
    /// override ("--set grid.nx=-4") instead of a line.
    void set_override(const std::string& assignment);      // "a.b=value"
    void set_override(const std::string& path, const Value& v);

    /// Rewrites each relative path given to a file_path key as an absolute one, resolved from
    /// the scenario file's directory (the working directory for a scenario from a string), so
    /// that text() (kept in checkpoints) names the same file wherever a restart runs. Messages
    /// about the key still point at where it was written.
    void resolve_paths(const Schema& schema);

    /// The value at a top-level string key ("solver"), or ConfigError naming the file.
    std::string required_string(const std::string& key) const;
    /// Validates against the schema: unknown keys (listing the allowed ones at that level),
    /// wrong types, out-of-range values, missing required keys. Fills in defaults.
    Params validate(const Schema& schema) const;

    /// The scenario as YAML text with overrides applied: stored in checkpoints.
    std::string text() const;
    const std::string& origin() const;

   private:
    struct Impl;
    explicit Scenario(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// Text read as one YAML scalar, as `--set` reads it: "3" int, "0.5" real, "true" bool,
/// anything else (or not a single scalar) the text itself.
Value parse_scalar(const std::string& text);
}  // namespace simt::io
