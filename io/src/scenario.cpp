// SPDX-License-Identifier: MIT
#include <simt/io/scenario.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <simt/core/error.hpp>
#include <simt/core/suggest.hpp>
#include <sstream>
#include <vector>
#include <yaml-cpp/yaml.h>
#include "yaml_records.hpp"
#include "yaml_documents.hpp"

namespace simt::io {
namespace {
std::string join_path(const std::string& prefix, const std::string& name) {
    return prefix.empty() ? name : prefix + "." + name;
}

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1)
        parts.push_back(path.substr(start, dot - start));
    parts.push_back(path.substr(start));
    return parts;
}

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::string location(const std::string& origin, const YAML::Mark& mark) {
    if (mark.is_null() || mark.line < 0) return origin;
    return origin + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

// Const lookup: never inserts, unlike Node::operator[] on a non-const node.
YAML::Node lookup(const YAML::Node& map, const std::string& name) { return map[name]; }

// yaml-cpp reads NUL bytes and invalid UTF-8 as UTF-16 text: reject them before parsing.
void check_text(const std::string& text, const std::string& origin) {
    int line = 1, column = 1;
    for (std::size_t i = 0; i < text.size(); ++column) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                                                                  : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        bool ok = len != 0 && i + len <= text.size() && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') &&
                  c != 0x7F;
        for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        if (!ok) {
            char byte[8];
            std::snprintf(byte, sizeof byte, "0x%02x", c);
            throw ConfigError(origin + ":" + std::to_string(line) + ":" + std::to_string(column) +
                              ": not a text file (byte " + byte + "); a scenario is UTF-8 YAML text");
        }
        if (c == '\n') line += 1, column = 0;
        i += len;
    }
}

// The value a plain scalar means in YAML's core schema; quoted or tagged scalars stay strings.
Value resolve(const YAML::Node& node) {
    const std::string& s = node.Scalar();
    if (!node.Tag().empty() && node.Tag() != "?") return s;
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
    const bool negative = !s.empty() && s[0] == '-';
    const std::string body = !s.empty() && (s[0] == '-' || s[0] == '+') ? s.substr(1) : s;
    if (body.empty() || body[0] == '-' || body[0] == '+') return s;
    const char* end = body.data() + body.size();
    std::int64_t i = 0;
    if (auto r = std::from_chars(body.data(), end, i); r.ec == std::errc() && r.ptr == end)
        return negative ? -i : i;
    if (body == ".inf" || body == ".Inf" || body == ".INF")
        return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    if (body == ".nan" || body == ".NaN" || body == ".NAN") return std::numeric_limits<double>::quiet_NaN();
    double d = 0;
    // from_chars also reads "inf" and "nan", which YAML treats as strings.
    if (auto r = std::from_chars(body.data(), end, d);
        r.ec == std::errc() && r.ptr == end && (body[0] == '.' || (body[0] >= '0' && body[0] <= '9')))
        return negative ? -d : d;
    return s;
}

const char* node_kind(const YAML::Node& node) {
    return node.IsMap() ? "a map" : node.IsSequence() ? "a list" : node.IsNull() ? "nothing" : "a single value";
}
}  // namespace

struct Scenario::Impl {
    struct Override {
        std::string path;
        std::string text;
        bool as_yaml;       // --set text is read as YAML; a Value's text is taken literally
        std::string label;  // "--set grid.nx=-4", used instead of file:line:col
    };
    std::string source;  // kept so that copies re-parse it: YAML::Clone drops the marks
    std::string origin;
    std::filesystem::path base_dir;  // where relative file paths start: the file's directory
    YAML::Node root;
    std::vector<Override> overrides;

    static std::unique_ptr<Impl> load(const std::string& text, const std::string& origin) {
        check_text(text, origin);
        std::vector<YAML::Node> docs;
        try {
            // Not YAML::LoadAll: yaml-cpp 0.7's never returns on some malformed streams.
            const std::size_t count = detail::yaml_document_count(text);
            if (count > 1)
                throw ConfigError(origin + ": holds " + std::to_string(count) +
                                  " YAML documents (separated by '---'); a scenario is one");
            if (count == 1) docs.push_back(YAML::Load(text));
        } catch (const YAML::Exception& e) {
            throw ConfigError(location(origin, e.mark) + ": YAML syntax error: " + e.msg);
        }
        if (docs.empty() || docs[0].IsNull())
            throw ConfigError(origin + ": the scenario is empty; it needs at least 'solver: <name>'");
        if (!docs[0].IsMap())
            throw ConfigError(location(origin, docs[0].Mark()) + ": the top level must be a map of keys such as "
                              "'solver: <name>', not " + node_kind(docs[0]));
        auto impl = std::make_unique<Impl>();
        impl->source = text;
        impl->origin = origin;
        impl->root = docs[0];
        return impl;
    }

    std::unique_ptr<Impl> clone() const {
        auto copy = load(source, origin);
        copy->base_dir = base_dir;
        for (const auto& o : overrides) copy->apply(o);
        return copy;
    }

    // Where a message about `path` points: the --set that wrote it or its file position.
    std::string where(const std::string& path, const YAML::Mark& mark) const {
        for (auto it = overrides.rbegin(); it != overrides.rend(); ++it)
            if (it->path == path || it->path.compare(0, path.size() + 1, path + ".") == 0) return it->label;
        return location(origin, mark);
    }

    // The origin a table's rows name: the file, or the --set that wrote the table.
    std::string where_origin(const std::string& path) const {
        for (auto it = overrides.rbegin(); it != overrides.rend(); ++it)
            if (it->path == path) return it->label;
        return origin;
    }

    [[noreturn]] void fail(const std::string& path, const YAML::Mark& mark, const std::string& what) const {
        throw ConfigError(where(path, mark) + ": " + what);
    }

    void apply(const Override& o) {
        const auto parts = split_path(o.path);
        YAML::Node map = root;
        std::string walked;
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
            walked = join_path(walked, parts[i]);
            const YAML::Node found = lookup(map, parts[i]);
            if (!found.IsDefined() || found.IsNull())
                map[parts[i]] = YAML::Node(YAML::NodeType::Map);
            else if (!found.IsMap())
                throw ConfigError(o.label + ": " + walked + " is " + node_kind(found) + ", not a map, so " +
                                  o.path + " cannot be set");
            map.reset(lookup(map, parts[i]));  // reset, not =: assigning a Node writes into the tree
        }
        map[parts.back()] = value_node(o);
    }

    static YAML::Node value_node(const Override& o) {
        if (o.as_yaml && !o.text.empty()) {
            try {
                YAML::Node n = YAML::Load(o.text);
                if (n.IsScalar() || n.IsNull()) return n;
            } catch (const YAML::Exception&) {
                // not YAML ("a: b: c"): the text itself is the value
            }
        }
        return YAML::Node(o.text);
    }

    void add_override(Override o) {
        for (const auto& part : split_path(o.path))
            if (part.empty()) throw ConfigError(o.label + ": '" + o.path + "' is not a key path (names joined by '.')");
        apply(o);
        overrides.push_back(std::move(o));
    }

    // `mark` is the key's position for a null value, whose own mark is where the next token starts.
    Value convert(const Schema& schema, const KeySpec& spec, const YAML::Node& node, const YAML::Mark& mark) const {
        if (!node.IsScalar()) {
            const std::string what = node.IsNull() ? spec.path + " has no value; expected "
                                                   : spec.path + " expected a single value, got " +
                                                         std::string(node_kind(node)) + "; expected ";
            fail(spec.path, mark, what + std::string(spec.kind == Kind::Int ? "an " : "a ") +
                                             std::string(kind_name(spec.kind)));
        }
        const Value v = spec.kind == Kind::String ? Value(node.Scalar()) : resolve(node);
        try {
            return schema.check(spec, v);
        } catch (const ConfigError& e) {
            fail(spec.path, mark, e.what());
        }
    }

    void walk(const YAML::Node& map, const std::string& prefix, const Schema& schema, Params& out) const {
        std::map<std::string, YAML::Mark> seen;
        for (const auto& kv : map) {
            const YAML::Node& key = kv.first;
            const YAML::Node& value = kv.second;
            if (!key.IsScalar())
                fail(prefix, key.Mark(), "a key must be a plain name, not " + std::string(node_kind(key)));
            const std::string& name = key.Scalar();
            const std::string path = join_path(prefix, name);
            if (auto [first, fresh] = seen.emplace(name, key.Mark()); !fresh)
                fail(path, key.Mark(), "duplicate key '" + name + "'" + (prefix.empty() ? "" : " in " + prefix) +
                                           " (first given at " + location(origin, first->second) + ")");
            if (const KeySpec* spec = schema.find(path); spec && spec->kind == Kind::Table) {
                out.set_table(path, value.IsNull() ? Records{} : detail::yaml_records(value, where_origin(path), path));
            } else if (spec) {
                out.set(path, convert(schema, *spec, value, value.IsNull() ? key.Mark() : value.Mark()));
            } else if (schema.is_map(path)) {
                if (value.IsMap())
                    walk(value, path, schema, out);
                else if (!value.IsNull())  // an empty section ("output:") leaves every key at its default
                    fail(path, value.Mark(), path + " is a section with keys " + listed(schema.children(path)) +
                                                 "; expected a map, got " + node_kind(value));
            } else {
                fail(path, key.Mark(), unknown_key(name, path, schema.children(prefix)));
            }
        }
    }

    static std::string listed(const std::vector<std::string>& names) {
        std::string out;
        for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
        return out;
    }

    static std::string unknown_key(const std::string& name, const std::string& path,
                                   const std::vector<std::string>& allowed) {
        return "unknown key '" + path + "'; allowed here: " + listed(allowed) + did_you_mean(name, allowed);
    }

    // The message for a required key that is absent, pointing at its parent map where there is one.
    [[noreturn]] void missing(const KeySpec& spec) const {
        const auto parts = split_path(spec.path);
        YAML::Node node = root;
        std::string parent;
        YAML::Mark mark = YAML::Mark::null_mark();
        for (std::size_t i = 0; i + 1 < parts.size() && node.IsMap(); ++i) {
            YAML::Node next = lookup(node, parts[i]);
            if (!next.IsDefined()) break;
            parent = join_path(parent, parts[i]);
            mark = next.Mark();
            node.reset(next);
        }
        fail(parent.empty() ? spec.path : parent, mark,
             "missing required key '" + spec.path + "'" + (spec.doc.empty() ? "" : " (" + spec.doc + ")"));
    }
};

Scenario::Scenario(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Scenario::Scenario(const Scenario& other) : m_impl(other.m_impl->clone()) {}
Scenario& Scenario::operator=(const Scenario& other) {
    if (this != &other) m_impl = other.m_impl->clone();
    return *this;
}
Scenario::Scenario(Scenario&&) noexcept = default;
Scenario& Scenario::operator=(Scenario&&) noexcept = default;
Scenario::~Scenario() = default;

Scenario Scenario::from_file(const std::string& path) {
    if (std::error_code ec; std::filesystem::is_directory(path, ec))
        throw ConfigError("cannot open scenario '" + path + "': " + std::strerror(EISDIR));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError("cannot open scenario '" + path + "': " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    auto impl = Impl::load(text.str(), path);
    impl->base_dir = std::filesystem::path(path).parent_path();
    return Scenario(std::move(impl));
}

Scenario Scenario::from_string(const std::string& text, const std::string& origin) {
    return Scenario(Impl::load(text, origin));
}

void Scenario::set_override(const std::string& assignment) {
    const auto eq = assignment.find('=');
    const std::string path = trim(assignment.substr(0, eq));
    if (eq == std::string::npos || path.empty())
        throw ConfigError("--set expects key=value, got '" + assignment + "'");
    m_impl->add_override({path, trim(assignment.substr(eq + 1)), true, "--set " + assignment});
}

void Scenario::set_override(const std::string& path, const Value& v) {
    const std::string text = to_string(v);
    m_impl->add_override({path, text, false, "set " + path + "=" + text});
}

void Scenario::resolve_paths(const Schema& schema) {
    for (const KeySpec& spec : schema.keys()) {
        if (!spec.file_path) continue;
        YAML::Node node = m_impl->root;
        for (const auto& part : split_path(spec.path)) {
            // reset() refuses an undefined node: an absent key becomes a null one here.
            const YAML::Node next = node.IsMap() ? lookup(node, part) : YAML::Node();
            node.reset(next.IsDefined() ? next : YAML::Node());
        }
        if (!node.IsScalar() || node.Scalar().empty()) continue;
        const std::filesystem::path given = node.Scalar();
        if (given.is_absolute()) continue;
        const std::string label = m_impl->where(spec.path, node.Mark());
        const std::string resolved = std::filesystem::absolute(m_impl->base_dir / given).lexically_normal().string();
        m_impl->add_override({spec.path, resolved, false, label});
    }
}

std::string Scenario::required_string(const std::string& key) const {
    const YAML::Node value = lookup(m_impl->root, key);
    if (!value.IsDefined() || value.IsNull())
        m_impl->fail(key, YAML::Mark::null_mark(), "missing required key '" + key + "'");
    if (!value.IsScalar())
        m_impl->fail(key, value.Mark(), key + " expected a single value, got " + node_kind(value) +
                                            "; expected a string");
    return value.Scalar();
}

Params Scenario::validate(const Schema& schema) const {
    Params out;
    m_impl->walk(m_impl->root, "", schema, out);
    for (const KeySpec& spec : schema.keys()) {
        if (spec.kind == Kind::Table) {
            if (!out.has_table(spec.path)) out.set_table(spec.path, {});
            continue;
        }
        if (out.has(spec.path)) continue;
        if (!spec.default_value) m_impl->missing(spec);
        out.set(spec.path, *spec.default_value);
    }
    return out;
}

std::string Scenario::text() const {
    YAML::Emitter out;
    out << m_impl->root;
    return std::string(out.c_str()) + "\n";
}

const std::string& Scenario::origin() const { return m_impl->origin; }

Value parse_scalar(const std::string& text) {
    try {
        const YAML::Node node = YAML::Load(text);
        if (node.IsScalar()) return resolve(node);
    } catch (const YAML::Exception&) {
        // not one YAML value: the text itself
    }
    return text;
}
}  // namespace simt::io
