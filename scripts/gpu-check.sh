#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# On a machine with an NVIDIA GPU: build the cuda preset for sm_90 with every core, run the
# whole test suite with the GPU backend enabled (C++ and Python, the CPU-vs-GPU agreement and
# cuRAND tests included), the GPU cases again under compute-sanitizer, then the benchmarks.
# Logs go to OUTDIR; a summary is printed last.
#   scripts/gpu-check.sh OUTDIR [PHASE ...]     PHASE: test, sanitize, bench (default: all three)
# Every phase first brings the build up to date, so the phases can run as separate commands on
# one machine (a lent GPU caps one command at 10 minutes; the build stays between them).
# Python needs numpy, pytest and h5py; cupy and torch are used when present.
set -uo pipefail
out=${1:?usage: scripts/gpu-check.sh OUTDIR [test] [sanitize] [bench]}
shift
phases=" ${*:-test sanitize bench} "
for p in $phases; do
    case $p in test|sanitize|bench) ;; *) echo "gpu-check: unknown phase '$p' (test, sanitize, bench)" >&2; exit 2 ;; esac
done
wants() { [[ $phases == *" $1 "* ]]; }
mkdir -p "$out"
cd "$(dirname "$0")/.."
py=${PYTHON:-python3}
status=0
step() {  # step NAME COMMAND...: runs, tees to OUTDIR/NAME.log, records failure
    local name=$1; shift
    echo "== $name: $*"
    if ! "$@" > "$out/$name.log" 2>&1; then
        echo "!! $name failed (see $name.log)"; tail -30 "$out/$name.log"; status=1
    fi
}

{
    date -u +"%Y-%m-%d %H:%M UTC"
    nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm --format=csv,noheader
    nvcc --version | tail -1
    echo "host cores: $(nproc)"
} > "$out/device.txt" 2>&1
cat "$out/device.txt"

pybind_dir=$("$py" -m pybind11 --cmakedir 2>/dev/null || true)
step configure cmake --preset cuda -DCMAKE_CUDA_ARCHITECTURES=90 -DCMAKE_CUDA_COMPILER="$(command -v nvcc)" -DPython_EXECUTABLE="$(command -v "$py")" \
    ${pybind_dir:+-Dpybind11_DIR=$pybind_dir}
step build cmake --build --preset cuda -j "$(nproc)"
# Four tests at a time, four OpenMP threads each: oversubscribed OpenMP teams spin for
# minutes under this machine's sandbox. The tests labelled slow are long CPU-only flow
# validations (they never touch the GPU); CI runs them.
# The comparisons with LAMMPS (label lammps) need Debian's lammps, which the GPU machine may lack;
# CI runs them.
export OMP_NUM_THREADS=4
skip=slow
command -v lmp >/dev/null || { skip="slow|lammps"; echo "no lmp on this machine: the LAMMPS comparisons are left to CI"; }
if wants test; then
    step ctest ctest --preset cuda -j 4 -LE "$skip"
    export PYTHONPATH=$PWD/build/cuda/python${PYTHONPATH:+:$PYTHONPATH} SIMT_BIN=$PWD/build/cuda/bin/simt SIMT_SKIP_PIP_TEST=1
    step pytest "$py" -m pytest -q -rs tests/python
fi
# compute-sanitizer: memcheck over every GPU-labelled case (doctest suite "gpu": the CPU-vs-GPU
# agreements, on their small grids and systems, which keeps the slowed kernels to minutes), and
# racecheck over the kernels that use shared memory: no project kernel declares __shared__, CUB's
# block-level primitives inside DeviceReduce (reduce) and DeviceRadixSort (the cell-list sort
# behind the neighbour lists) do. Each run is capped at 5 minutes; a cap reached counts as a
# failure. The error counts go to sanitizer.txt.
sanitizer=$(command -v compute-sanitizer || echo "$(dirname "$(command -v nvcc)")/compute-sanitizer")
sanitize() {  # sanitize TOOL BINARY DOCTEST-FILTER...
    local tool=$1 bin=$2; shift 2
    step "sanitize_${tool}_$bin" timeout 300 "$sanitizer" --tool "$tool" --error-exitcode 1 --print-limit 20 \
        "build/cuda/tests/$bin" "$@"
}
if wants sanitize && [ -x "$sanitizer" ]; then
    for bin in simt_test_core simt_test_stencils simt_test_montecarlo simt_test_solvers simt_test_spins; do
        sanitize memcheck "$bin" -ts=gpu
    done
    sanitize memcheck simt_test_render  # small pictures drawn on every backend
    sanitize racecheck simt_test_core "-tc=reduce*"
    sanitize racecheck simt_test_particles "-tc=neighbor lists*"
    grep -H "ERROR SUMMARY" "$out"/sanitize_*.log > "$out/sanitizer.txt"
    grep -L "ERROR SUMMARY" "$out"/sanitize_*.log | sed 's/$/: no ERROR SUMMARY (timed out or did not start)/' >> "$out/sanitizer.txt"
elif wants sanitize; then
    echo "compute-sanitizer not found: the sanitizer runs are skipped" | tee "$out/sanitizer.txt"; status=1
fi
unset OMP_NUM_THREADS
if wants bench; then
    step bench_gpu bash -c "build/cuda/bin/bench_bandwidth --device cuda && build/cuda/bin/bench_lbm --device cuda --sweep && build/cuda/bin/bench_md --device cuda && build/cuda/bin/bench_ns --device cuda && build/cuda/bin/bench_montecarlo --device cuda && build/cuda/bin/bench_ising --device cuda"
    # The Monte Carlo issue's references (PyTorch European, CuPy RawKernel Asian) beside bench_montecarlo.
    step bench_references bash -c "\"$py\" -c 'import torch, cupy' 2>/dev/null || { echo 'torch or cupy missing: references skipped'; exit 0; }; \"$py\" bench/bench_mc_references.py"
    step bench_cpu bash -c "build/cuda/bin/bench_bandwidth --device cpu && build/cuda/bin/bench_lbm --device cpu --quick && build/cuda/bin/bench_md --device cpu --quick && build/cuda/bin/bench_ns --device cpu --quick && build/cuda/bin/bench_montecarlo --device cpu && build/cuda/bin/bench_ising --device cpu --quick"
fi

echo
echo "== summary ($(head -1 "$out/device.txt"))"
sed -n 2p "$out/device.txt"
grep -E "tests passed|tests failed" "$out/ctest.log" 2>/dev/null || true
tail -1 "$out/pytest.log" 2>/dev/null || true
cat "$out/sanitizer.txt" 2>/dev/null || true
cat "$out/bench_gpu.log" "$out/bench_references.log" "$out/bench_cpu.log" 2>/dev/null || true
exit $status
