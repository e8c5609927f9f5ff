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
    doctest_lines("cases_of_${exe}" "${exe}" --list-test-cases)
    set("entries_of_${exe}" 0)
endforeach()
# Each entry must name one case exactly, without wildcards; one that does not is asked, with its
# own command line, how many cases it selects.
math(EXPR last "${entries} - 1")
foreach(i RANGE ${last})
    string(JSON entry GET "${json}" tests ${i} name)
    string(JSON argc LENGTH "${json}" tests ${i} command)
    math(EXPR argc "${argc} - 1")
    set(command "")
    set(filter "")
    foreach(a RANGE ${argc})
        string(JSON arg GET "${json}" tests ${i} command ${a})
        list(APPEND command "${arg}")
        if(arg MATCHES "^--test-case=(.*)$")
            string(REPLACE "\\," "," filter "${CMAKE_MATCH_1}")
        endif()
    endforeach()
    list(GET command 0 exe)
    if(NOT exe IN_LIST EXECUTABLES)
        continue()
    endif()
    math(EXPR "entries_of_${exe}" "${entries_of_${exe}} + 1")
    if(filter MATCHES "[*?]")
        string(APPEND problems "  '${entry}' has a doctest wildcard ('*' or '?') in its name: it may select others\n")
        continue()
    elseif(filter IN_LIST "cases_of_${exe}")
        continue()
    endif()
    execute_process(COMMAND ${command} --count OUTPUT_VARIABLE counted)
    string(REGEX MATCH "passing the current filters: ([0-9]+)" selected "${counted}")
    string(APPEND problems "  '${entry}' selects ${CMAKE_MATCH_1} doctest cases, not exactly one\n")
endforeach()

foreach(exe IN LISTS EXECUTABLES)
    get_filename_component(name "${exe}" NAME_WE)
    list(LENGTH "cases_of_${exe}" case_count)
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
