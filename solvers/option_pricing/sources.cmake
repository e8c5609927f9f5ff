# SPDX-License-Identifier: MIT
# The option_pricing solver's files in simt_solvers (included by solvers/CMakeLists.txt); the
# Monte Carlo kernels it calls are compiled in montecarlo/.
target_sources(simt_solvers PRIVATE ${CMAKE_CURRENT_LIST_DIR}/solver.cpp)
