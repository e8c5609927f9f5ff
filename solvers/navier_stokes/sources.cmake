# SPDX-License-Identifier: MIT
# The navier_stokes solver's files in simt_solvers (included by solvers/CMakeLists.txt);
# solver.cpp launches kernels, so a CUDA build compiles it as CUDA.
target_sources(simt_solvers PRIVATE ${CMAKE_CURRENT_LIST_DIR}/solver.cpp ${CMAKE_CURRENT_LIST_DIR}/params.cpp)
simt_device_sources(${CMAKE_CURRENT_LIST_DIR}/solver.cpp)
