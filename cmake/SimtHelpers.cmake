# SPDX-License-Identifier: MIT
# Helpers shared by every module's CMakeLists.

# Sources that launch kernels stay .cpp and become CUDA only in a CUDA build, so a CPU-only
# machine never needs nvcc (HOOMD-blue's LANGUAGE-property pattern).
function(simt_device_sources)
  if(SIMT_ENABLE_CUDA)
    set_source_files_properties(${ARGN} DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} PROPERTIES LANGUAGE CUDA)
  endif()
endfunction()

# Warnings and sanitizers for one of the project's own targets.
function(simt_target_defaults target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wundef>
    # nvcc's front end does not know GCC's unroll pragma (SIMT_UNROLL) but hands it to g++.
    $<$<COMPILE_LANGUAGE:CUDA>:-Xcompiler=-Wall -Xcudafe=--diag_suppress=1675>)
  if(SIMT_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  if(SIMT_FUZZ)
    # Coverage for libFuzzer in every library the targets link; -O1 keeps runs fast and stacks readable.
    target_compile_options(${target} PRIVATE -O1 -g -fsanitize=fuzzer-no-link,address,undefined
                                             -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# yaml-cpp 0.7 (Debian 12) names its target yaml-cpp, 0.8 yaml-cpp::yaml-cpp.
function(simt_yaml_cpp_target out)
  if(TARGET yaml-cpp::yaml-cpp)
    set(${out} yaml-cpp::yaml-cpp PARENT_SCOPE)
  else()
    set(${out} yaml-cpp PARENT_SCOPE)
  endif()
endfunction()
