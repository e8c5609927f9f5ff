// SPDX-License-Identifier: MIT
// A fresh directory under the system temp directory, removed with everything in it.
#pragma once
#include <filesystem>
#include <random>
#include <string>
#include <system_error>
#include <unistd.h>

namespace simt::test {
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() /
               ("simt_test_" + std::to_string(::getpid()) + "_" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (path / name).string(); }
};
}  // namespace simt::test
