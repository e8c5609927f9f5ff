#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# First command of the README: install what a run needs, build the simt command and the Python
# module (cpu preset; `.venv/bin/python` imports the package afterwards), and run the default
# scenario. scripts/test.sh builds the rest and installs the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset cpu -DPython_EXECUTABLE="$PWD/.venv/bin/python" >/dev/null
cmake --build --preset cpu --target simt _simt
./build/cpu/bin/simt info
./build/cpu/bin/simt run configs/lid_driven_cavity.yaml --output runs/lid_driven_cavity
echo "quickstart: done. The command: build/cpu/bin/simt; Python: .venv/bin/python (import simt)"
