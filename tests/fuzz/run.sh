#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the fuzz preset (clang, libFuzzer, ASan + UBSan), seeds the corpora and fuzzes each
# target for SECONDS (default 60). A crash, leak, sanitizer report or timeout fails the script
# and leaves the input under build/fuzz/findings/<target>/; make it a regression test.
# Needs build/cpu/bin/simt (scripts/test.sh builds it) for the checkpoint seeds.
# usage: tests/fuzz/run.sh [SECONDS] [TARGET...]   (targets: scenario book checkpoint)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(scenario book checkpoint)

bash scripts/install-deps.sh --fuzz  # clang 14, libFuzzer, OpenMP when missing
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"
bash tests/fuzz/make_corpus.sh build/fuzz/corpus

for t in "${targets[@]}"; do
  echo "== fuzz $t for ${seconds} s"
  # libFuzzer adds what it finds to the first corpus directory: a scratch copy keeps the seeds.
  # Full malloc stacks (several times slower) let lsan.supp name HDF5's own leak; only the
  # checkpoint target reads damaged HDF5.
  fast_unwind=1
  [ "$t" = checkpoint ] && fast_unwind=0
  work="build/fuzz/work/$t" findings="build/fuzz/findings/$t"
  rm -rf "$work" && mkdir -p "$work" "$findings"
  cp -r "build/fuzz/corpus/$t/." "$work/"
  OMP_NUM_THREADS=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ASAN_OPTIONS=fast_unwind_on_malloc=$fast_unwind LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp" \
    "build/fuzz/tests/fuzz/simt_fuzz_$t" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$findings/" "$work"
done
