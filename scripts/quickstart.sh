#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# First command of the README: install what is missing, build the CPU preset (it is also the
# build the CUDA preset makes on a machine with a GPU), and run the default scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset cpu -DPython_EXECUTABLE="$PWD/.venv/bin/python" >/dev/null
cmake --build --preset cpu
./build/cpu/bin/simt info
./build/cpu/bin/simt run configs/lid_driven_cavity.yaml --output runs/lid_driven_cavity
