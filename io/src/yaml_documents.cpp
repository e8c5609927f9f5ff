// SPDX-License-Identifier: MIT
#include "yaml_documents.hpp"

#include <sstream>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

namespace simt::io::detail {
namespace {
/// Notes whether a document holds any node besides an empty root.
class EmptyDocument final : public YAML::EventHandler {
   public:
    bool empty() const { return m_empty; }
    void OnDocumentStart(const YAML::Mark&) override { m_empty = true; }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override { m_empty = false; }
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {
        m_empty = false;
    }
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        m_empty = false;
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        m_empty = false;
    }
    void OnMapEnd() override {}

   private:
    bool m_empty = true;
};
}  // namespace

std::size_t yaml_document_count(const std::string& text) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    EmptyDocument document;
    std::size_t count = 0;
    while (parser.HandleNextDocument(document) && !document.empty()) ++count;
    return count;
}
}  // namespace simt::io::detail
