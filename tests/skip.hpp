// SPDX-License-Identifier: MIT
// A test case that can check nothing on this machine (no GPU, no cuRAND) is skipped, not passed:
// test_main.cpp exits with SIMT_TEST_SKIP_EXIT_CODE when every case it ran was skipped, and CTest's
// SKIP_RETURN_CODE lists such an entry as "Not Run (Skipped)" instead of counting it as passed.
#pragma once

namespace simt::test {
/// Marks the running test case as skipped because of `reason`; the case returns right after:
/// `if (!cuda_available()) return test::skip("no GPU: runs in scripts/gpu-check.sh");`
void skip(const char* reason);
}  // namespace simt::test
