// SPDX-License-Identifier: MIT
// The doctest runner of every test executable. Beyond doctest's own main it makes two outcomes
// visible to CTest: a run whose cases all called test::skip() exits with SIMT_TEST_SKIP_EXIT_CODE (so a
// CPU-only machine reports its GPU cases as skipped, not passed), and a run whose filters
// matched no test case fails (so a CTest entry that names no case, as a name split at a ';'
// would, cannot pass by running nothing).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <iostream>
#include <string>
#include "skip.hpp"

namespace {
struct CaseCounts {
    int started = 0;
    int skipped = 0;
    bool current_skipped = false;
} counts;

/// Counts the cases run and those that skipped themselves.
struct SkipListener : doctest::IReporter {
    explicit SkipListener(const doctest::ContextOptions&) {}
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats&) override {}
    void test_case_start(const doctest::TestCaseData&) override {
        ++counts.started;
        counts.current_skipped = false;
    }
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override { counts.skipped += counts.current_skipped; }
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("simt_skip", 1, SkipListener);
}  // namespace

void simt::test::skip(const char* reason) {
    const std::string text = std::string("skipped: ") + reason;
    MESSAGE(text);
    counts.current_skipped = true;
}

int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    const int result = context.run();
    if (context.shouldExit()) return result;  // --list-test-cases and the other queries
    if (counts.started == 0) {
        std::cerr << "simt tests: no test case matches the filters; a CTest entry naming a case that does not exist "
                     "(a name split at a ';') would otherwise pass\n";
        return 1;
    }
    if (result == 0 && counts.skipped == counts.started) return SIMT_TEST_SKIP_EXIT_CODE;
    return result;
}
