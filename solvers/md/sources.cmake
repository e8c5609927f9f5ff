# SPDX-License-Identifier: MIT
# The md solver's files in simt_solvers (included by solvers/CMakeLists.txt).
# It is compiled once per precision, each in a generated translation unit of its own,
# so that the precisions compile in parallel.
set(SIMT_MD_SOURCES)
foreach(SIMT_MD_REAL float double)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/instance.cpp.in ${CMAKE_CURRENT_BINARY_DIR}/md_${SIMT_MD_REAL}.cpp @ONLY)
  list(APPEND SIMT_MD_SOURCES ${CMAKE_CURRENT_BINARY_DIR}/md_${SIMT_MD_REAL}.cpp)
endforeach()

target_sources(simt_solvers PRIVATE ${CMAKE_CURRENT_LIST_DIR}/solver.cpp ${CMAKE_CURRENT_LIST_DIR}/params.cpp
                                    ${CMAKE_CURRENT_LIST_DIR}/decomposition.cpp ${CMAKE_CURRENT_LIST_DIR}/id_order.cpp
                                    ${CMAKE_CURRENT_LIST_DIR}/initial_particles.cpp ${SIMT_MD_SOURCES})
simt_device_sources(${SIMT_MD_SOURCES})
# The CPU's force pass is compiled for three vector widths (SIMT_CPU_ISA_CLONES): without
# contraction into FMA every width gives the same bits, and without errno sqrt stays in the SIMD loop.
set_source_files_properties(${SIMT_MD_SOURCES} PROPERTIES COMPILE_OPTIONS
                            "$<$<AND:$<COMPILE_LANGUAGE:CXX>,$<CXX_COMPILER_ID:GNU>>:-fno-math-errno;-ffp-contract=off>")
