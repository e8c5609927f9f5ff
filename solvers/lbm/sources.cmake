# SPDX-License-Identifier: MIT
# The lbm solver's files in simt_solvers (included by solvers/CMakeLists.txt).
# It is compiled once per lattice and storage, each in a generated translation unit
# of its own, so that a parallel build spreads the heavy kernel instantiations over the cores.
set(SIMT_LBM_INSTANCES "D2Q9|LbmNativeStorage<float>|d2q9_float" "D2Q9|LbmNativeStorage<double>|d2q9_double"
                       "D3Q19|LbmNativeStorage<float>|d3q19_float" "D3Q19|LbmNativeStorage<double>|d3q19_double"
                       "D3Q19|LbmHalfStorage<stencils::D3Q19>|d3q19_fp16")
set(SIMT_LBM_SOURCES)
foreach(instance ${SIMT_LBM_INSTANCES})
  string(REPLACE "|" ";" parts "${instance}")
  list(GET parts 0 SIMT_LBM_LATTICE)
  list(GET parts 1 storage)
  list(GET parts 2 name)
  set(SIMT_LBM_STORAGE "stencils::${storage}")
  configure_file(${CMAKE_CURRENT_LIST_DIR}/instance.cpp.in ${CMAKE_CURRENT_BINARY_DIR}/lbm_${name}.cpp @ONLY)
  list(APPEND SIMT_LBM_SOURCES ${CMAKE_CURRENT_BINARY_DIR}/lbm_${name}.cpp)
endforeach()

target_sources(simt_solvers PRIVATE ${CMAKE_CURRENT_LIST_DIR}/solver.cpp ${CMAKE_CURRENT_LIST_DIR}/params.cpp ${SIMT_LBM_SOURCES})
simt_device_sources(${SIMT_LBM_SOURCES})
