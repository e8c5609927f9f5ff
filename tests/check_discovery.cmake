# SPDX-License-Identifier: MIT
# Run by CTest (the entry "ctest entries match doctest cases"): every doctest case of every test
# executable must be exactly one CTest entry, and every entry must select exactly one case.
# doctest_discover_tests splits a name at a ';' into entries that select nothing; a '*' or '?'
# would select several. Either way a case would not run, or run under another's name.
#   cmake -DCTEST=<ctest> -DBUILD_DIR=<dir> -DEXECUTABLES="<path>;<path>" -P check_discovery.cmake
cmake_minimum_required(VERSION 3.24)

# The lines of `exe args...` that are not doctest's banner.
function(doctest_lines out exe)
    execute_process(COMMAND "${exe}" ${ARGN} OUTPUT_VARIABLE text RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${exe} ${ARGN} exited with ${rc}")
    endif()
    # One list element per line; a ';' in a name must not split it here as well.
    string(REPLACE ";" "<semicolon>" text "${text}")
    string(REPLACE "\n" ";" text "${text}")
    set(lines "")
    foreach(line IN LISTS text)
        if(line STREQUAL "" OR line MATCHES "^===+$" OR line MATCHES "^\\[doctest\\] ")
            continue()
        endif()
        list(APPEND lines "${line}")
    endforeach()
    set(${out} "${lines}" PARENT_SCOPE)
endfunction()

execute_process(COMMAND "${CTEST}" --show-only=json-v1 WORKING_DIRECTORY "${BUILD_DIR}"
                OUTPUT_VARIABLE json RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "ctest --show-only=json-v1 exited with ${rc}")
endif()
string(JSON entries LENGTH "${json}" tests)

set(problems "")
foreach(exe IN LISTS EXECUTABLES)
    set("entries_of_${exe}" 0)
endforeach()
# Each entry's own command line (its executable first), asked how many cases it selects.
math(EXPR last "${entries} - 1")
foreach(i RANGE ${last})
    string(JSON entry GET "${json}" tests ${i} name)
    string(JSON argc LENGTH "${json}" tests ${i} command)
    math(EXPR argc "${argc} - 1")
    set(command "")
    foreach(a RANGE ${argc})
        string(JSON arg GET "${json}" tests ${i} command ${a})
        list(APPEND command "${arg}")
    endforeach()
    list(GET command 0 exe)
    if(NOT exe IN_LIST EXECUTABLES)
        continue()
    endif()
    math(EXPR "entries_of_${exe}" "${entries_of_${exe}} + 1")
    execute_process(COMMAND ${command} --count OUTPUT_VARIABLE counted)
    string(REGEX MATCH "passing the current filters: ([0-9]+)" selected "${counted}")
    if(NOT CMAKE_MATCH_1 STREQUAL "1")
        string(APPEND problems "  '${entry}' selects '${CMAKE_MATCH_1}' doctest cases, not 1\n")
    endif()
endforeach()

foreach(exe IN LISTS EXECUTABLES)
    get_filename_component(name "${exe}" NAME_WE)
    doctest_lines(cases "${exe}" --list-test-cases)
    list(LENGTH cases case_count)
    set(entry_count ${entries_of_${exe}})
    message(STATUS "${name}: ${case_count} doctest cases, ${entry_count} CTest entries")
    if(NOT entry_count EQUAL case_count)
        string(APPEND problems "  ${name}: ${case_count} doctest cases but ${entry_count} CTest entries\n")
    endif()
endforeach()

if(problems)
    message(FATAL_ERROR "doctest cases and CTest entries differ (a ';' in a test name splits it, "
                        "a '*' or '?' matches others):\n${problems}")
endif()
