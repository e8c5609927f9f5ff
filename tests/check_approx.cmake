# SPDX-License-Identifier: MIT
# Run by CTest (the entry "tests use no bare doctest::Approx"): doctest::Approx(x).epsilon(e)
# allows e * (1 + |x|), about e absolute below 1, so a test whose target is small passes with a
# zero. Tests write test::relative(x, e) (tests/approx.hpp) or an explicit absolute bound.
#   cmake -DTESTS_DIR=<tests> -P check_approx.cmake
cmake_minimum_required(VERSION 3.24)

file(GLOB_RECURSE sources RELATIVE "${TESTS_DIR}" "${TESTS_DIR}/*.cpp" "${TESTS_DIR}/*.hpp")
set(found "")
foreach(source IN LISTS sources)
    if(source STREQUAL "approx.hpp")
        continue()
    endif()
    file(STRINGS "${TESTS_DIR}/${source}" lines REGEX "doctest::Approx")
    foreach(line IN LISTS lines)
        string(STRIP "${line}" line)
        string(APPEND found "  tests/${source}: ${line}\n")
    endforeach()
endforeach()
if(found)
    message(FATAL_ERROR "doctest::Approx without a stated scale; use test::relative (tests/approx.hpp) or "
                        "CHECK(std::abs(a - b) < tol):\n${found}")
endif()
