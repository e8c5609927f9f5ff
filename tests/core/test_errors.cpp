// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <simt/core/buffer.hpp>
#include <simt/core/error.hpp>
#include <string>

TEST_CASE("backend requests resolve or fail clearly") {
    CHECK(simt::resolve_backend("cpu") == simt::Backend::Cpu);
    CHECK_THROWS_AS(simt::resolve_backend("gpu"), simt::ConfigError);
    if (!simt::cuda_available()) {
        CHECK(simt::resolve_backend("auto") == simt::Backend::Cpu);
        CHECK_THROWS_AS(simt::resolve_backend("cuda"), simt::Unsupported);
    } else {
        CHECK(simt::resolve_backend("auto") == simt::Backend::Cuda);
    }
}

TEST_CASE("Buffer moves ownership and copies only when asked") {
    simt::Buffer<double> a(simt::Backend::Cpu, 5);
    const double src[5] = {1, 2, 3, 4, 5};
    a.copy_from_host(src);
    double* p = a.data();
    simt::Buffer<double> b(std::move(a));
    CHECK(b.data() == p);
    CHECK(a.data() == nullptr);
    CHECK(b.to_host() == std::vector<double>{1, 2, 3, 4, 5});
    simt::Buffer<double> c(simt::Backend::Cpu, 4);
    CHECK_THROWS_AS(c.copy_from(b), simt::Error);
}

TEST_CASE("the error hierarchy lets callers catch by family") {
    try {
        throw simt::CheckpointError("checkpoint: x.h5 is truncated");
    } catch (const simt::IoError& e) {
        CHECK(std::string(e.what()) == "checkpoint: x.h5 is truncated");
    }
}
