// SPDX-License-Identifier: MIT
// Counting the documents of a YAML stream without YAML::LoadAll, which in yaml-cpp 0.7 never
// returns on some malformed streams: a stray ',' or ']' where a node should start makes it add
// empty documents forever, allocating until memory runs out (yaml-cpp issue #1040; found here
// by tests/fuzz). yaml-cpp's fix (pull request #1319) stops at the first empty document; so does this.
#pragma once
#include <cstddef>
#include <string>

namespace simt::io::detail {
/// The documents before the first empty one (a stream of one empty document has 0).
/// Throws YAML::Exception on a syntax error, as YAML::LoadAll does.
std::size_t yaml_document_count(const std::string& text);
}  // namespace simt::io::detail
