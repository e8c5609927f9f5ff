#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what simt needs on Debian 12 / Ubuntu (as root, or with sudo), skipping apt and pip
# when all is present, and makes the Python virtual environment .venv, whose Python imports the
# simt package of build/cpu. With --test, also the tools only the tests use; with --fuzz, clang
# 14 with libFuzzer and OpenMP for tests/fuzz/run.sh (the fuzz step of .ci/run).
#
#   scripts/install-deps.sh [--test | --fuzz]
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  "") tests=0 fuzz=0 ;;
  --test) tests=1 fuzz=0 ;;
  --fuzz) tests=0 fuzz=1 ;;
  *) echo "usage: scripts/install-deps.sh [--test | --fuzz]" >&2; exit 2 ;;
esac

# Runs a command with its output in a log that is shown only if it fails: apt and pip are
# silent when all goes well.
quietly() {
  local log status=0
  log=$(mktemp)
  "$@" >"$log" 2>&1 || status=$?
  if ((status)); then
    cat "$log" >&2
    echo "install-deps: failed ($status): $*" >&2
  fi
  rm -f "$log"
  return "$status"
}

packages=(build-essential cmake ninja-build ccache pkg-config
          libyaml-cpp-dev libhdf5-dev doctest-dev libcli11-dev libfmt-dev libspdlog-dev
          libfftw3-dev libpng-dev pybind11-dev python3 python3-dev python3-venv
          # MPI: OpenMPI and the OpenMPI flavour of HDF5, which Debian installs beside the serial
          # one (headers and libraries in their own directories); an MPI build uses it to write
          # one checkpoint from every rank (docs/parallel.md).
          libopenmpi-dev openmpi-bin libhdf5-openmpi-dev)
if ((tests)); then
  packages+=(lammps)  # the md solver's reference (tests/solvers/test_md_lammps.cpp), with its MPI stack
  packages+=(clang-format-19)  # scripts/check-format.sh
  packages+=(paraview python3-paraview xvfb xauth)  # tests/python/test_paraview.py: pvbatch reads the XDMF sidecars
fi
if ((fuzz)); then packages+=(clang libclang-rt-14-dev libomp-14-dev); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-deps: installing ${missing[*]} (apt)"
  # env, not a variable assignment: sudo would drop DEBIAN_FRONTEND from the environment.
  quietly $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  quietly $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The venv's Python is the one the build links the _simt module against. A run needs NumPy; the
# tests also pytest, h5py (reading the HDF5 output independently), matplotlib (the examples'
# figures), scikit-build-core and pybind11 (`pip install .`), QuantLib (the independent oracle
# for simt.analytic and simt.price), MDAnalysis (a standard reader of the md solver's H5MD), Pillow
# (decoding simt's PNG files) and nbclient, nbformat, ipykernel (the examples' notebooks, headless).
modules=(numpy)
wheels=(numpy)
if ((tests)); then
  modules+=(pytest h5py matplotlib scikit_build_core pybind11 QuantLib MDAnalysis PIL nbclient nbformat ipykernel)
  wheels+=(pytest h5py matplotlib scikit-build-core pybind11 QuantLib MDAnalysis pillow nbclient nbformat ipykernel)
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import $(IFS=,; echo "${modules[*]}")" 2>/dev/null; then
  echo "install-deps: installing ${wheels[*]} (pip, into .venv)"
  quietly .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip
  quietly .venv/bin/python -m pip install --disable-pip-version-check "${wheels[@]}"
fi
# `import simt` in .venv/bin/python finds the package that the cpu preset assembles in
# build/cpu/python: a path file, so every rebuild is seen without reinstalling.
site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')
echo "$PWD/build/cpu/python" >"$site/simt-build.pth"
