# SPDX-License-Identifier: MIT
# The lattice_mc solver's files in simt_solvers (included by solvers/CMakeLists.txt); the spin
# kernels it calls are compiled in spins/. Two solver classes (one chain, parallel tempering),
# so its registration has a file of its own.
target_sources(simt_solvers PRIVATE ${CMAKE_CURRENT_LIST_DIR}/params.cpp ${CMAKE_CURRENT_LIST_DIR}/register.cpp
                                    ${CMAKE_CURRENT_LIST_DIR}/solver.cpp ${CMAKE_CURRENT_LIST_DIR}/tempering_solver.cpp)
