// SPDX-License-Identifier: MIT
// A YAML list of maps as Records: shared by book files and a scenario's inline tables.
#pragma once
#include <string>
#include <yaml-cpp/yaml.h>
#include <simt/core/records.hpp>

namespace simt::io::detail {
/// "origin:line:column" of a node, or origin alone when the node has no mark.
std::string yaml_location(const std::string& origin, const YAML::Mark& mark);
/// Each item of `list` a Record (row = its 1-based index, where = its location); an item that is
/// not a map, or a value that is not a single value, is a ConfigError naming `what` and where.
Records yaml_records(const YAML::Node& list, const std::string& origin, const std::string& what);
}  // namespace simt::io::detail
