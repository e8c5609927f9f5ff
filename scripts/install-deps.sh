#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what simt needs on Debian 12 / Ubuntu (as root, or with sudo), skipping apt when all
# is present, and makes the Python virtual environment .venv with the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build ccache pkg-config
          libyaml-cpp-dev libhdf5-dev doctest-dev libcli11-dev libfmt-dev libspdlog-dev
          libfftw3-dev pybind11-dev python3 python3-dev python3-venv
          lammps)  # lammps: the md solver's reference (tests/solvers/test_md_lammps.cpp)
# --fuzz (tests/fuzz/run.sh, the fuzz step of .ci/run): clang 14 with libFuzzer and OpenMP.
if [ "${1:-}" = "--fuzz" ]; then packages+=(clang libclang-rt-14-dev libomp-14-dev); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The venv holds NumPy and the test tools (QuantLib: the independent oracle for simt.analytic;
# MDAnalysis: a standard reader of the md solver's H5MD trajectories); the build links the _simt
# module against its Python.
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import numpy, pytest, h5py, matplotlib, scikit_build_core, pybind11, QuantLib, MDAnalysis" 2>/dev/null; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q numpy pytest h5py matplotlib scikit-build-core pybind11 QuantLib MDAnalysis
fi
