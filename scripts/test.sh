#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Second command of the README: install what is missing (the test tools too), build, run every
# test — the C++ suites (Release, then again under AddressSanitizer + UBSan) and the Python suite —
# and check the formatting of the changed C++ lines. Any failure fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
py="$PWD/.venv/bin/python"
jobs=$(nproc)
# ctest runs one test per core; one OpenMP thread each keeps the cores from being oversubscribed
# (spinning OpenMP teams slowed the long flow validations several-fold when they shared cores).
tests_omp=${OMP_NUM_THREADS:-1}

echo "== C++ (cpu preset)"
cmake --preset cpu -DPython_EXECUTABLE="$py" >/dev/null
cmake --build --preset cpu -j "$jobs"
OMP_NUM_THREADS=$tests_omp ctest --preset cpu -j "$jobs"

echo "== C++ under AddressSanitizer + UndefinedBehaviorSanitizer (debug preset)"
cmake --preset debug >/dev/null
cmake --build --preset debug -j "$jobs"
OMP_NUM_THREADS=$tests_omp ctest --preset debug -j "$jobs"

echo "== Python"
PYTHONPATH="$PWD/build/cpu/python" SIMT_BIN="$PWD/build/cpu/bin/simt" "$py" -m pytest -q tests/python

# Last, so that a formatting slip does not hide the tests' results.
echo "== Formatting of the changed C++ lines (scripts/check-format.sh)"
scripts/check-format.sh
